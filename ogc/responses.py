"""The OGC API's JSON responses and its errors, as exceptions in OGC API – Features are: a JSON
object with a `code` and a `description`."""

from django.http import JsonResponse


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
