"""Reads that may lag a little go to a PostgreSQL streaming replica; everything else to the
primary.

A request may read from a replica when it changes nothing (GET, HEAD, OPTIONS) and its client
has not written lately: a write sets a short-lived cookie, so a resident reads what they just
wrote from the primary. Only the participation data (the `mapping` and `geo` apps) is read from
replicas; sessions, users, the login lockout and the cache table are always the primary's, since
a replica's lag would log a planner out. Without DATABASE_REPLICA_URL every read is the primary's.

A replica that cannot be reached is left alone for DOWN_S, and its reads go to another replica or
to the primary meanwhile: a replica down costs no request while the primary is up.
"""

import logging
import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICATED_APPS = {"mapping", "geo"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
WROTE_COOKIE = "fk_primary"

DOWN_S = 30

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)
_down_until: dict[str, float] = {}  # this process's replicas found down, until when


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def _reachable(alias: str) -> bool:
    """Whether the replica answers: its open connection passes the health check (once per
    request, as Django's own), or a new one opens (within DATABASE_CONNECT_TIMEOUT_S)."""
    if _down_until.get(alias, 0) > time.monotonic():
        return False
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError:
        logger.warning("replica %s unreachable; reading from the primary for %s s", alias, DOWN_S)
        _down_until[alias] = time.monotonic() + DOWN_S
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not (_replica_allowed.get() and model._meta.app_label in REPLICATED_APPS):
            return "default"
        choices = replicas()
        random.shuffle(choices)  # spreading load, not security
        return next((alias for alias in choices if _reachable(alias)), "default")

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
