"""One structured log line per request, with nothing in it that identifies a person.

Logged: a request id (also sent back as X-Request-ID), method, the URL pattern and view name
that answered and the path it matched, status, duration, response size, and whether a user
was logged in.
Not logged: client addresses, user agents, query strings (free text and place searches),
cookies, user names, bodies, and the secrets some paths carry (a follower's token confirms
or ends a subscription; a code lets one into an event). A path that no route matched is left
out too: anyone can type anything into a URL. Django's own error lines are held to the same
rule by RedactedRequestFilter.
"""

import logging
import time
import uuid

logger = logging.getLogger("fremtidskart.requests")

# URL parameters whose values are keys to something: logged as this mark instead.
SECRET_PARAMETERS = {"token", "code"}
HIDDEN_MARK = "[skjult]"


def loggable_path(request) -> str | None:
    """The request's path with its secret parameters hidden; None if no route matched."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    path = request.path
    for name, value in match.kwargs.items():
        if name in SECRET_PARAMETERS and value:
            path = path.replace(str(value), HIDDEN_MARK)
    return path


class RedactedRequestFilter(logging.Filter):
    """Django's request errors ("Internal Server Error: /path") carry the request itself, which
    a JSON log would write out whole (its full URL with the query string): keep only the
    loggable path."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None:
            path = loggable_path(request) or "-"
            record.request = path
            if record.args and isinstance(record.args, tuple):
                record.args = tuple(
                    path if arg in (request.path, request.get_full_path()) else arg
                    for arg in record.args
                )
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = uuid.uuid4().hex
        response = self.get_response(request)
        match = request.resolver_match
        user = getattr(request, "user", None)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        route = match.route if match else None
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            "-" if route is None else "/" + route,
            response.status_code,
            duration_ms,
            extra={
                "request_id": request_id,
                "method": request.method,
                "route": route,
                "view": match.view_name if match else None,
                "path": loggable_path(request),
                "status": response.status_code,
                "duration_ms": duration_ms,
                "bytes": None if response.streaming else len(response.content),
                "authenticated": bool(user and user.is_authenticated),
            },
        )
        response["X-Request-ID"] = request_id
        return response
