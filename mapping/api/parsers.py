"""The API's JSON parser: DRF's strict one (no NaN or Infinity), with a Norwegian message, and
JSON nested too deeply for Python's decoder is bad input rather than a crash, as is text no
column can store (NUL, a lone surrogate such as "\ud800")."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from mapping.input_limits import unstorable


def _texts(data):
    """Every key and string in parsed JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON-dataene er nøstet for dypt.")) from None
        except ParseError as error:
            message = _("Ugyldig JSON; NaN og Infinity er heller ikke tillatt. Feil: %(error)s")
            raise ParseError(message % {"error": error.detail}) from None
        if any(unstorable(text) for text in _texts(data)):
            raise ParseError(_("Teksten inneholder tegn som ikke kan lagres (for eksempel NUL)."))
        return data
