"""The browser's device token: a signed, HttpOnly cookie that knows one browser without an account.

It lets a browser support a proposal once, and gives it its own write limits whatever network
address it shares (mapping/admission.py). It holds a random value only, never an address, and is
stored nowhere but hashed (Support.supporter). The middleware hands every request a token and
sets the cookie on pages and writes, so a browser has one before its first write.
"""

import secrets

DEVICE_COOKIE = "fk_device"
DEVICE_SALT = "fremtidskart.device"
DEVICE_COOKIE_AGE_S = 2 * 365 * 24 * 3600
# Before the device token, supports were remembered by this unsigned cookie; a browser that has
# one keeps its supports (and is re-issued a signed token).
LEGACY_COOKIE = "fk_supporter"


def device_from_cookie(request) -> str | None:
    """The browser's token if it sent a valid one."""
    signed = request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=DEVICE_SALT, max_age=DEVICE_COOKIE_AGE_S
    )
    return signed or request.COOKIES.get(LEGACY_COOKIE) or None


def device_cookie_set(response, request, token: str) -> None:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        token,
        salt=DEVICE_SALT,
        max_age=DEVICE_COOKIE_AGE_S,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


class DeviceTokenMiddleware:
    """request.device_token is the browser's token, or a new one (request.device_is_new).

    A new one is sent back as a cookie with HTML pages and with writes; never with the map's
    tiles and other cached reads, whose shared caches must not carry a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        known = device_from_cookie(request)
        request.device_token = known or secrets.token_urlsafe(24)
        request.device_is_new = known is None
        response = self.get_response(request)
        page = response.get("Content-Type", "").startswith("text/html")
        unsigned = request.device_is_new or DEVICE_COOKIE not in request.COOKIES
        if unsigned and (page or request.method == "POST"):
            device_cookie_set(response, request, request.device_token)
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
