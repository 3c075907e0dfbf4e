"""The browser's device token: a signed, HttpOnly cookie that knows one browser without an account.

It lets a browser support a proposal once, and gives it its own write limits whatever network
address it shares (mapping/admission.py). It holds a random value only, never an address, and is
stored nowhere but hashed (Support.supporter). The middleware hands every request a token and
sets the cookie on pages and writes, so a browser has one before its first write.

A token starts *unproven*: a script that fetches a page before each write would otherwise be a
new browser each time. The page proves it in the background (mapping/proof.py, a small
proof of work within a budget per network); until then its supports and flags are stored but not
counted, and its proposals and comments wait for a moderator. Only a token this server signed
counts at all: an unsigned or forged cookie is a new, unproven browser.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

DEVICE_COOKIE = "fk_device"
DEVICE_SALT = "fremtidskart.device"
DEVICE_COOKIE_AGE_S = 2 * 365 * 24 * 3600
# The signed value is the token, then ":u" while it is unproven (tokens signed before proofs
# existed carry no mark: this server issued them, so they count).
UNPROVEN_MARK = ":u"


def device_from_cookie(request) -> tuple[str | None, bool]:
    """The browser's token if it sent one this server signed, and whether it is proven."""
    signed = request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=DEVICE_SALT, max_age=DEVICE_COOKIE_AGE_S
    )
    if not signed:
        return None, False
    return signed.removesuffix(UNPROVEN_MARK), not signed.endswith(UNPROVEN_MARK)


def device_hash(token: str) -> str:
    """The token as stored and counted (supports, flags, write counts): a keyed hash, so that
    the cookie stays the browser's secret."""
    return hmac.new(settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256).hexdigest()


def device_cookie_set(response, request, token: str, *, proven: bool) -> None:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        token if proven else token + UNPROVEN_MARK,
        salt=DEVICE_SALT,
        max_age=DEVICE_COOKIE_AGE_S,
        httponly=True,
        # Sent from the embedded map on the kommune's own site too (over HTTPS, where None is
        # allowed): writes from other sites are refused by their origin (mapping/admission.py).
        samesite="None" if request.is_secure() else "Lax",
        secure=request.is_secure(),
    )


class DeviceTokenMiddleware:
    """request.device_token is the browser's token, or a new one (request.device_is_new);
    request.device_proven says whether it has proved itself (never a new one).

    A new one is sent back as a cookie with HTML pages and with writes; never with the map's
    tiles and other cached reads, whose shared caches must not carry a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        known, proven = device_from_cookie(request)
        request.device_token = known or secrets.token_urlsafe(24)
        request.device_is_new = known is None
        request.device_proven = proven
        response = self.get_response(request)
        page = response.get("Content-Type", "").startswith("text/html")
        if request.device_is_new and (page or request.method == "POST"):
            device_cookie_set(response, request, request.device_token, proven=False)
        return response


# A device that joined an event (mapping.models.Event) carries its id, and whether it is the
# event's kiosk (a shared tablet), until the event ends.
EVENT_COOKIE = "fk_event"
EVENT_SALT = "fremtidskart.event"


def event_cookie_read(request) -> tuple[int, bool] | None:
    """(event id, kiosk) of the event this browser joined, if it carries a valid cookie."""
    value = request.get_signed_cookie(EVENT_COOKIE, default=None, salt=EVENT_SALT)
    try:
        event_id, kiosk = value.split(":")
        return int(event_id), kiosk == "kiosk"
    except (AttributeError, ValueError):
        return None


def event_cookie_set(response, request, event, *, kiosk: bool) -> None:
    response.set_signed_cookie(
        EVENT_COOKIE,
        f"{event.pk}:{'kiosk' if kiosk else 'device'}",
        salt=EVENT_SALT,
        expires=event.ends_at,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def event_cookie_clear(response) -> None:
    response.delete_cookie(EVENT_COOKIE, samesite="Lax")


def device_token_renew(request) -> None:
    """Forget who used this browser (a kiosk's next person): the response carries a new token."""
    request = getattr(request, "_request", request)  # under DRF, the Django request beneath
    request.device_token = secrets.token_urlsafe(24)
    request.device_is_new = True
    request.device_proven = False
