"""Planners' personal API keys on the OGC API. A client sends one as `Authorization: Bearer
<key>`, or as the password of HTTP Basic (any user name) for clients that offer only a user name
and password, as QGIS's OAPIF connection does. The request is then served as that planner. A key
that is wrong or revoked gets a 401, never the public's answer."""

import base64
import binascii
from functools import wraps

from mapping import selectors, services
from mapping.models import ApiToken
from ogc.responses import problem

CHALLENGE = 'Bearer realm="Fremtidskart", Basic realm="Fremtidskart"'


def _key(header: str) -> str:
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(value.strip(), validate=True).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return ""
    return ""


def with_token(view):
    """Serves `view` as the planner whose key the request carries, if it carries one."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        header = request.headers.get("Authorization")
        if header:
            key = _key(header)
            token = selectors.api_token_active(ApiToken.digest_of(key)) if key else None
            if token is None:
                response = problem(401, "InvalidToken", "the API key is wrong or revoked")
                response["WWW-Authenticate"] = CHALLENGE
                return response
            services.api_token_touch(token)
            request.user = token.user
        return view(request, *args, **kwargs)

    return wrapped
