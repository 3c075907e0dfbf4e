"""The API's error responses: DRF's, with domain errors as 400s and Norwegian messages for rate
limits and huge bodies."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DomainError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from mapping.input_limits import too_large_message
from mapping.submission import Flood


def api_exception_handler(exc, context):
    """Like DRF's handler; a service's or a query's ValidationError is a 400 with its field
    messages, a 429 says in plain Norwegian when to try again (and Retry-After), and a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 in JSON, not Django's HTML 400."""
    if isinstance(exc, DomainError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    if isinstance(exc, Flood):
        exc = Throttled(wait=exc.wait_s)
    if isinstance(exc, RequestDataTooBig):
        message = too_large_message(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return Response({"detail": message}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, Throttled):
        wait = int(exc.wait or 1)
        exc.detail = _("For mange forespørsler fra deg. Prøv igjen om %(seconds)d sekunder.") % {
            "seconds": wait
        }
    return exception_handler(exc, context)
