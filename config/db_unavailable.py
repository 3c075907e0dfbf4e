"""While PostgreSQL is unreachable (a restart, a failover), answer 503 with Retry-After in the
site's language instead of a bare 500. Nothing is half-written: each write is one transaction,
which PostgreSQL rolls back when its connection breaks. Once the database is back, the next
request reconnects (CONN_HEALTH_CHECKS), with no restart of the app.

The same 503, with its own message, answers a statement cancelled by its time budget and an
expensive read refused for want of a slot (config/statement_budget.py, mapping/budget.py).

A view's error reaches the middleware; one raised while the response is written (a middleware
saving the session, say) reaches Django's 500 handler instead, which answers the same way."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults
from psycopg.errors import QueryCanceled

from mapping.budget import Busy

RETRY_AFTER_S = 5
BUSY_RETRY_AFTER_S = 30  # as the message says: half a minute


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return unavailable_response(request, exception)


def server_error(request):
    """handler500: the database's errors are a 503, as above; anything else Django's 500."""
    error = sys.exc_info()[1]
    return (error and unavailable_response(request, error)) or defaults.server_error(request)


def unavailable_response(request, exception) -> HttpResponse | None:
    """The 503 for an error that says the database is busy or away; None for another error."""
    retry_after_s = RETRY_AFTER_S
    if isinstance(exception, Busy):
        message = _("Mange tunge forespørsler akkurat nå. Prøv igjen om et halvt minutt.")
        retry_after_s = BUSY_RETRY_AFTER_S
    elif isinstance(exception.__cause__, QueryCanceled):
        message = _(
            "Dette tok for lang tid. Avgrens utvalget (område, kategori, dato) og prøv igjen."
        )
    elif isinstance(exception, OperationalError | InterfaceError):
        message = _("Tjenesten får ikke kontakt med databasen akkurat nå. Prøv igjen om litt.")
    else:
        return None
    if request.path.startswith("/ogc/"):
        response = JsonResponse({"code": "ServiceUnavailable", "description": message}, status=503)
    elif request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # A page of its own: the site's templates would ask the database again.
        page = (
            f'<!doctype html><html lang="{get_language()}"><title>Fremtidskart</title>'
            f"<main><p>{escape(message)}</p></main></html>"
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(retry_after_s)
    response["Cache-Control"] = "no-store"
    return response
