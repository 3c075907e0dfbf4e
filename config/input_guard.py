"""Text that PostgreSQL cannot store (NUL) or UTF-8 cannot encode (a lone surrogate) is bad input:
a 400 with a message before any view sees it, never a 500 from deep inside a query.

Query strings and paths are checked here, and form fields; JSON bodies are checked by the API's
parser (mapping/api/parsers.py), which is where they are decoded."""

from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mapping.input_limits import unstorable


def _fields(request):
    yield request.path
    for key, values in request.GET.lists():
        yield key
        yield from values
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for key, values in request.POST.lists():
            yield key
            yield from values


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(unstorable(text) for text in _fields(request)):
            return _refusal(request)
        return self.get_response(request)


def _refusal(request):
    message = _("Forespørselen inneholder tegn som ikke kan brukes (for eksempel NUL).")
    if request.path.startswith("/ogc/"):
        body = {"code": "InvalidParameterValue", "description": message}
        return JsonResponse(body, status=400)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    page = (
        f'<!doctype html><html lang="{get_language()}"><title>Fremtidskart</title>'
        f"<main><h1>{escape(_('Ugyldig forespørsel'))}</h1><p>{escape(message)}</p></main></html>"
    )
    return HttpResponse(page, status=400)
