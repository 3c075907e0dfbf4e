"""The expensive reads anyone may ask for (exports, hotspots) take one of a few slots shared by
every worker: beyond them the answer is 503 at once (config/db_unavailable.py), so that a
handful of them can never hold every worker and the database while the rest of the site waits.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import connections

# The advisory lock space of the slots (an arbitrary constant, "FK" in ASCII).
SLOT_LOCK_SPACE = 0x464B


class Busy(Exception):
    """Every slot for expensive reads is taken: answered 503 with Retry-After."""


@contextmanager
def expensive_slot(user):
    """One of FREMTIDSKART_EXPENSIVE_SLOTS slots for an expensive read, shared by every worker
    (a PostgreSQL advisory lock each), or Busy when all are taken. Logged-in users (planners)
    are not counted: they are few, and known."""
    if user is not None and user.is_authenticated:
        yield
        return
    connection = connections["default"]
    taken = None
    with connection.cursor() as cursor:
        for slot in range(settings.FREMTIDSKART_EXPENSIVE_SLOTS):
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [SLOT_LOCK_SPACE, slot])
            if cursor.fetchone()[0]:
                taken = slot
                break
    if taken is None:
        raise Busy
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [SLOT_LOCK_SPACE, taken])
