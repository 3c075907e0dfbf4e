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
  limit: a workshop is many people, often on one tablet and one network;
- a browser that has not proved itself (mapping/device.py) is held: its proposals and comments
  wait for a moderator, its supports and flags are stored but not counted. A browser in a
  running event is proven by the event's code.

The rates are FREMTIDSKART_RATE_* (settings); the counts live in PostgreSQL (WriteCount), one
statement a count, so that workers and servers agree.
"""

import hashlib
import hmac
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from rest_framework.throttling import ScopedRateThrottle

from mapping.device import device_hash
from mapping.models import Event
from mapping.selectors import device_event

# Stored in the moderation log as the reason, in the planners' language whatever the resident's.
HELD_FOR_NETWORK = "Mange forslag fra ett nettverk"
HELD_FOR_BROWSER = "Mange forslag fra én nettleser"
HELD_UNPROVEN = "Nettleseren er ikke bekreftet"


@dataclass(frozen=True)
class Admission:
    """The verdict on one write: accepted (held for moderation if hold_reason), or refused for
    wait_s seconds; `event` is the running event the browser joined, if any, `kiosk` whether
    the browser is that event's shared tablet. `network` is the client's network as
    network_of() keeps it. A held write is kept but does not count (`counts`): a support is
    not in the public number, a flag hides nothing."""

    hold_reason: str = ""
    wait_s: int | None = None
    event: Event | None = None
    kiosk: bool = False
    device: str = ""
    network: str = ""

    @property
    def counts(self) -> bool:
        return not self.hold_reason

    def writer(self, role: str) -> dict:
        """Who wrote, as a service stores a support (`role` supporter) or a report (reporter):
        the browser's hashed token, its network's hash, and whether the write counts."""
        return {role: self.device, "network": self.network, "counted": self.counts}


def _rate(scope: str) -> tuple[int, int]:
    """(writes, seconds) one browser may make, from the scope's FREMTIDSKART_RATE_* setting."""
    throttle = ScopedRateThrottle()
    return throttle.parse_rate(ScopedRateThrottle.THROTTLE_RATES[scope])


# A network is an IPv4 /24 or an IPv6 /48: what one household, school or operator's pool
# rotates within, so that changing address inside it is still the same network.
NETWORK_PREFIX = {4: 24, 6: 48}
NETWORK_KEY_PERIOD_S = 30 * 24 * 3600


def network_of(request) -> str:
    """The client's network as a keyed hash, never an address. The key changes every 30 days,
    so a stored hash can no longer be matched to an address after that."""
    try:
        address = ipaddress.ip_address(client_address(request))
        prefix = ipaddress.ip_network(f"{address}/{NETWORK_PREFIX[address.version]}", strict=False)
    except ValueError:
        prefix = "unknown"
    period = int(time.time() // NETWORK_KEY_PERIOD_S)
    key = hmac.new(settings.SECRET_KEY.encode(), f"network:{period}".encode(), hashlib.sha256)
    return hmac.new(key.digest(), str(prefix).encode(), hashlib.sha256).hexdigest()[:16]


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
    hold = "" if request.device_proven or event else HELD_UNPROVEN
    device = device_hash(request.device_token)
    if request.device_is_new:
        count, wait = _count(f"fk:anon:{scope}:{address}", window, limit + 1)
        if count > limit:
            return Admission(wait_s=wait, event=event, kiosk=kiosk)
    else:
        count, wait = _count(f"fk:device:{scope}:{device[:32]}", window, limit * flood + 1)
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
    return Admission(
        hold_reason=hold, event=event, kiosk=kiosk, device=device, network=network_of(request)
    )


def attempt_admit(request, scope: str, *, limit: int, window_s: int) -> int | None:
    """Count one attempt of `scope` from the client's address (a code typed, a proof sent);
    beyond `limit` within `window_s`, the seconds to wait."""
    count, wait = _count(f"fk:{scope}:{client_address(request)}", window_s, limit + 1)
    return wait if count > limit else None


def is_cross_site(request) -> bool:
    """A write sent by another site's page (a form or script there that makes its visitors'
    browsers write here). Browsers say where a request comes from in Origin, and in
    Sec-Fetch-Site; the embedded map (FREMTIDSKART_EMBED_ORIGINS) is the kommune's own.
    A client that sends neither is no browser on another site: the token rules judge it."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        own = f"{request.scheme}://{request.get_host()}"
        allowed = {own, *settings.FREMTIDSKART_EMBED_ORIGINS, *settings.CSRF_TRUSTED_ORIGINS}
        return origin not in allowed
    return request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site"
