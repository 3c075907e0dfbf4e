"""Who may write how much: per browser first, per network address far above that, and a refusal
only for a flood. For the API and the no-JavaScript forms alike.

A school, a library or a mobile operator's shared address (CGNAT) puts many people behind one
address, so an address alone must never decide. Every write of a scope is counted:

- per browser (its device token, mapping/device.py): up to the scope's rate it is accepted;
  beyond it, held for moderation; beyond FLOOD_FACTOR times it, refused (429);
- per address, over all its browsers: up to ADDRESS_FACTOR times the rate it is accepted;
  beyond that, held for moderation; beyond FLOOD_FACTOR times that, refused;
- a client without a token (a script that drops its cookies, or one that never loaded a page)
  counts per address at the browser's rate, and is refused beyond it;
- a browser that joined a running event (a workshop, a kiosk) gets EVENT_FACTOR times every
  limit: a workshop is many people, often on one tablet and one network.

The rates are FREMTIDSKART_RATE_* (settings); the counts live in PostgreSQL (WriteCount), one
statement a count, so that workers and servers agree.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from rest_framework.throttling import ScopedRateThrottle

from mapping.models import Event
from mapping.selectors import device_event

# Stored in the moderation log as the reason, in the planners' language whatever the resident's.
HELD_FOR_NETWORK = "Mange forslag fra ett nettverk"
HELD_FOR_BROWSER = "Mange forslag fra én nettleser"


@dataclass(frozen=True)
class Admission:
    """The verdict on one write: accepted (held for moderation if hold_reason), or refused for
    wait_s seconds; `event` is the running event the browser joined, if any, `kiosk` whether
    the browser is that event's shared tablet."""

    hold_reason: str = ""
    wait_s: int | None = None
    event: Event | None = None
    kiosk: bool = False


def _rate(scope: str) -> tuple[int, int]:
    """(writes, seconds) one browser may make, from the scope's FREMTIDSKART_RATE_* setting."""
    throttle = ScopedRateThrottle()
    return throttle.parse_rate(ScopedRateThrottle.THROTTLE_RATES[scope])


# One statement, atomic under the row's lock: the key's recent times, trimmed to the window and
# to the newest keep - 1, with this write's time appended. ON CONFLICT is an upsert the ORM has
# no words for.
COUNT_SQL = """
INSERT INTO mapping_writecount AS w (key, times, updated_at)
VALUES (%(key)s, ARRAY[%(now)s::float8], now())
ON CONFLICT (key) DO UPDATE SET
    updated_at = now(),
    times = array(
        SELECT t FROM (
            SELECT t FROM unnest(w.times) AS t
            WHERE t > %(now)s - %(window)s
            ORDER BY t DESC LIMIT %(keep)s - 1
        ) AS recent ORDER BY t
    ) || %(now)s::float8
RETURNING times
"""


def _count(key: str, window_s: int, keep: int) -> tuple[int, int]:
    """Record one write under `key`: (writes within the window, seconds until the oldest leaves
    it). Only the newest `keep` are remembered; more never change a verdict."""
    now = time.time()
    with connection.cursor() as cursor:
        cursor.execute(COUNT_SQL, {"key": key, "now": now, "window": window_s, "keep": keep})
        history = cursor.fetchone()[0]
    return len(history), max(1, int(history[0] + window_s - now) + 1)


def client_address(request) -> str:
    """The client's address as the rate limits see it (behind DJANGO_NUM_PROXIES proxies)."""
    return ScopedRateThrottle().get_ident(request)


def admit(request, scope: str) -> Admission:
    """Count this write of `scope` (proposals, supports, comments, flags) and judge it."""
    limit, window = _rate(scope)
    event, kiosk = device_event(request)
    if event:
        limit *= settings.FREMTIDSKART_EVENT_FACTOR
    flood = settings.FREMTIDSKART_FLOOD_FACTOR
    address = client_address(request)
    hold = ""
    if request.device_is_new:
        count, wait = _count(f"fk:anon:{scope}:{address}", window, limit + 1)
        if count > limit:
            return Admission(wait_s=wait, event=event, kiosk=kiosk)
    else:
        device = hashlib.sha256(request.device_token.encode()).hexdigest()[:32]
        count, wait = _count(f"fk:device:{scope}:{device}", window, limit * flood + 1)
        if count > limit * flood:
            return Admission(wait_s=wait, event=event, kiosk=kiosk)
        if count > limit:
            hold = HELD_FOR_BROWSER
    ceiling = limit * settings.FREMTIDSKART_ADDRESS_FACTOR
    count, wait = _count(f"fk:address:{scope}:{address}", window, ceiling * flood + 1)
    if count > ceiling * flood:
        return Admission(wait_s=wait, event=event, kiosk=kiosk)
    if count > ceiling:
        hold = HELD_FOR_NETWORK
    return Admission(hold_reason=hold, event=event, kiosk=kiosk)
