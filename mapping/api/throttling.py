"""Writes are rate-limited per client and scope; reads on the same route are not."""

from mapping.ratelimit import SharedRateThrottle


class WritesThrottled:
    """A view mixin: POSTs count against `throttle_scope` (set on the view)."""

    def get_throttles(self):
        return [SharedRateThrottle()] if self.request.method == "POST" else []
