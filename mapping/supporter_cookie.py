"""The cookie that lets one browser support a proposal once, without an account."""

import secrets

SUPPORTER_COOKIE = "fk_supporter"
SUPPORTER_COOKIE_AGE_S = 2 * 365 * 24 * 3600


def supporter_token(request) -> str:
    """This browser's token, or a new one (to be set with set_supporter_cookie)."""
    return request.COOKIES.get(SUPPORTER_COOKIE) or secrets.token_urlsafe(24)


def set_supporter_cookie(response, request, token: str) -> None:
    response.set_cookie(
        SUPPORTER_COOKIE,
        token,
        max_age=SUPPORTER_COOKIE_AGE_S,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
