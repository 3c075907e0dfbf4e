"""The API's error responses: DRF's, with a Norwegian message for rate limits."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import Throttled
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """Like DRF's handler; a 429 says in plain Norwegian when to try again (and Retry-After)."""
    if isinstance(exc, Throttled):
        wait = int(exc.wait or 1)
        exc.detail = _("For mange forespørsler fra deg. Prøv igjen om %(seconds)d sekunder.") % {
            "seconds": wait
        }
    return exception_handler(exc, context)
