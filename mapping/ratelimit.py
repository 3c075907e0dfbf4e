"""Rate limits on writes, per client and scope, for the API and for Django views alike.

DRF's scoped throttle keeps each client's recent requests in the cache, which all workers share
(Redis or the database cache). Read-then-write on its own would let a burst spread over several
workers pass the limit together, each having read the same history; a PostgreSQL advisory lock
per client and scope makes the check one at a time.
"""

from types import SimpleNamespace

from django.db import connection, transaction
from rest_framework.throttling import ScopedRateThrottle


class SharedRateThrottle(ScopedRateThrottle):
    def allow_request(self, request, view):
        scope = getattr(view, self.scope_attr, None)
        if not scope:
            return True
        lock = f"fremtidskart.throttle:{scope}:{self.get_ident(request)}"
        with transaction.atomic(), connection.cursor() as cursor:
            # SQL: the ORM has no advisory locks; this one serialises one client's
            # read-count-write on the cache, across workers, until the transaction ends.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [lock])
            return super().allow_request(request, view)


def rate_limit_wait(request, scope: str) -> int | None:
    """Count one write of `scope` for this client; the seconds to wait if over the limit."""
    throttle = SharedRateThrottle()
    if throttle.allow_request(request, SimpleNamespace(throttle_scope=scope)):
        return None
    return max(1, int(throttle.wait() or 1))
