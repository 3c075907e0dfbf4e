"""The API's JSON parser: DRF's strict one (no NaN or Infinity), with a Norwegian message, and
JSON nested too deeply for Python's decoder is bad input rather than a crash."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON-dataene er nøstet for dypt.")) from None
        except ParseError as error:
            message = _("Ugyldig JSON; NaN og Infinity er heller ikke tillatt. Feil: %(error)s")
            raise ParseError(message % {"error": error.detail}) from None
