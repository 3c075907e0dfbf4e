"""One structured log line per request, with nothing in it that identifies a person.

Logged: a request id (also sent back as X-Request-ID), method, the URL pattern and view name
that answered and the path it matched, status, duration, response size, and whether a user
was logged in.
Not logged: client addresses, user agents, query strings (free text and place searches),
cookies, user names, bodies. A path that no route matched is left out too: anyone can type
anything into a URL.
"""

import logging
import time
import uuid

logger = logging.getLogger("fremtidskart.requests")


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
                "path": request.path if match else None,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "bytes": None if response.streaming else len(response.content),
                "authenticated": bool(user and user.is_authenticated),
            },
        )
        response["X-Request-ID"] = request_id
        return response
