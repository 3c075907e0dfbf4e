"""Planners' personal API keys (for QGIS and other GIS clients)."""

import secrets
from datetime import timedelta

from django.utils import timezone

from mapping.models import (
    ApiToken,
)

API_TOKEN_PREFIX = "fk_"  # noqa: S105 - what every key starts with, not a secret


API_TOKEN_TOUCH_EVERY = 3600  # seconds: how fresh "last used" is, without a write per request


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new personal key for `user`, and the key itself: only its digest is kept."""
    key = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, digest=ApiToken.digest_of(key), prefix=key[:10]
    )
    return token, key


def api_token_revoke(*, user, pk: int) -> bool:
    """Revokes one of `user`'s keys at once; False if there is no such key in use."""
    revoked = ApiToken.objects.filter(user=user, pk=pk, revoked_at=None)
    return revoked.update(revoked_at=timezone.now()) == 1


def api_token_touch(token: ApiToken) -> None:
    """Marks a key used, at most once an hour."""
    now = timezone.now()
    if token.last_used_at and token.last_used_at > now - timedelta(seconds=API_TOKEN_TOUCH_EVERY):
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
