"""Reads that may lag a little go to a PostgreSQL streaming replica; everything else to the
primary.

A request may read from a replica when it changes nothing (GET, HEAD, OPTIONS) and its client
has not written lately: a write sets a short-lived cookie, so a resident reads what they just
wrote from the primary. Only the participation data (the `mapping` and `geo` apps) is read from
replicas; sessions, users, the login lockout and the cache table are always the primary's, since
a replica's lag would log a planner out. Without DATABASE_REPLICA_URL every read is the primary's.
"""

import random
from contextvars import ContextVar

from django.conf import settings

REPLICATED_APPS = {"mapping", "geo"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
WROTE_COOKIE = "fk_primary"

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        choices = replicas()
        if choices and _replica_allowed.get() and model._meta.app_label in REPLICATED_APPS:
            return random.choice(choices)  # noqa: S311 - spreading load, not security
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Lets a request's reads go to a replica, or not, and marks clients that wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        token = _replica_allowed.set(safe and WROTE_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if not safe and response.status_code < 400 and replicas():
            response.set_cookie(
                WROTE_COOKIE,
                "1",
                max_age=settings.FREMTIDSKART_PRIMARY_AFTER_WRITE_S,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
