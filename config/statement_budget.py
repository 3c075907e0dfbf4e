"""Nothing a stranger sends runs long: every statement of a web process runs under PostgreSQL's
statement_timeout (FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS, set on each connection as it opens,
so that it costs no query per request), and a cancelled statement is answered 503 with a
message (config/db_unavailable.py) long before the worker's own timeout.

Logged-in planners get FREMTIDSKART_PLANNER_STATEMENT_TIMEOUT_MS for their request (their
workspace asks bigger questions); work longer than that is a report built in the background.
The expensive reads anyone may ask for also take a slot (mapping/budget.py).
"""

from django.conf import settings
from django.db import connections


def _set_timeout(alias: str, timeout_ms: int | None) -> None:
    with connections[alias].cursor() as cursor:
        if timeout_ms is None:
            cursor.execute("RESET statement_timeout")
        else:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(timeout_ms)])


class PlannerStatementBudgetMiddleware:
    """A logged-in user's request runs under the planners' budget, and returns its connections
    to the public one after."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.FREMTIDSKART_PUBLIC_STATEMENT_TIMEOUT_MS or not (
            request.user.is_authenticated
        ):
            return self.get_response(request)
        aliases = list(settings.DATABASES)
        for alias in aliases:
            _set_timeout(alias, settings.FREMTIDSKART_PLANNER_STATEMENT_TIMEOUT_MS)
        try:
            return self.get_response(request)
        finally:
            for alias in aliases:
                _set_timeout(alias, None)
