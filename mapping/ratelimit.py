"""Rate limits for Django views, sharing DRF's throttle counters (same cache, same keys)."""

from types import SimpleNamespace

from rest_framework.throttling import ScopedRateThrottle


def rate_limit_wait(request, scope: str) -> int | None:
    """Count one write of `scope` for this client; the seconds to wait if over the limit."""
    throttle = ScopedRateThrottle()
    if throttle.allow_request(request, SimpleNamespace(throttle_scope=scope)):
        return None
    return max(1, int(throttle.wait() or 1))
