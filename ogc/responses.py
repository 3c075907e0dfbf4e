"""The OGC API's JSON responses and its errors, as exceptions in OGC API – Features are: a JSON
object with a `code` and a `description`."""

from functools import wraps

from django.core.exceptions import ValidationError
from django.http import JsonResponse

from ogc.params import BadRequest, error_text


def json_response(body: dict, *, content_type: str = "application/json", status: int = 200):
    return JsonResponse(
        body, content_type=content_type, status=status, json_dumps_params={"ensure_ascii": False}
    )


def problem(status: int, code: str, description: str) -> JsonResponse:
    return json_response({"code": code, "description": description}, status=status)


def link(request, href: str, rel: str, media: str, title: str = "") -> dict:
    """A link object with an absolute address."""
    found = {"href": request.build_absolute_uri(href), "rel": rel, "type": media}
    return {**found, "title": title} if title else found


def answers_bad_requests(view):
    """A parameter the view finds wrong (BadRequest, or a list filter's ValidationError) is a
    400 that says what is wrong."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as error:
            return problem(400, "InvalidParameterValue", str(error))
        except ValidationError as error:
            return problem(400, "InvalidParameterValue", error_text(error))

    return wrapped
