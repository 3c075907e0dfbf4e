"""The API's JSON parser: DRF's strict one (no NaN or Infinity), and deep nesting is bad input."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """Refuses JSON nested too deeply for Python's decoder with a 400 instead of a crash."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON-dataene er nøstet for dypt.")) from None
