"""A browser proves itself with a small proof of work, made by the page in the background.

Self-hosted and private (the idea of ALTCHA): nothing leaves the resident's browser but a number,
no third party is asked, and nobody is shown a puzzle (WCAG 2.2's 3.3.8 asks for none). The
challenge is signed for one device token and expires, so a solution proves that token only; the
work (FREMTIDSKART_PROOF_BITS leading zero bits of SHA-256) costs a browser about a second and a
script as much per token, and an address may prove only FREMTIDSKART_PROOFS_PER_HOUR browsers.
"""

import hashlib
import hmac
import secrets
import time

from django.conf import settings

from mapping.device import device_hash

CHALLENGE_TTL_S = 600


def _signature(salt: str, token: str) -> str:
    message = f"proof:{salt}:{device_hash(token)}:{settings.FREMTIDSKART_PROOF_BITS}"
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def proof_challenge(*, token: str) -> dict:
    """A challenge for this device token: find a number n such that SHA-256(salt + n) starts
    with `bits` zero bits."""
    salt = f"{int(time.time()) + CHALLENGE_TTL_S}.{secrets.token_hex(8)}."
    return {
        "algorithm": "SHA-256",
        "salt": salt,
        "bits": settings.FREMTIDSKART_PROOF_BITS,
        "signature": _signature(salt, token),
    }


def _leading_zero_bits(digest: bytes) -> int:
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def proof_check(*, token: str, salt: str, signature: str, number: int) -> bool:
    """Whether `number` solves the challenge `salt`/`signature` issued to this token, in time."""
    if not hmac.compare_digest(_signature(salt, token), signature):
        return False
    expires, _, _ = salt.partition(".")
    if not expires.isdigit() or int(expires) < time.time():
        return False
    digest = hashlib.sha256(f"{salt}{number}".encode()).digest()
    return _leading_zero_bits(digest) >= settings.FREMTIDSKART_PROOF_BITS


def proof_solve(challenge: dict) -> int:
    """What the page's script does (frontend/static/frontend/lib/proof.js); for tests and
    for clients that are not browsers."""
    number = 0
    while True:
        digest = hashlib.sha256(f"{challenge['salt']}{number}".encode()).digest()
        if _leading_zero_bits(digest) >= challenge["bits"]:
            return number
        number += 1
