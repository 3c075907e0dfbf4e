"""JSON or HTML, by `f` or the Accept header, with `self` and `alternate` links to both: the
same document, read by a GIS client or by a person in a browser."""

import json

from django.http import HttpResponse
from django.shortcuts import render

from ogc.params import BadRequest
from ogc.responses import json_response, link

HTML = "text/html"
FORMATS = ("json", "html")


def wants_html(request) -> bool:
    """Whether to answer in HTML: `f=html`, or a client that prefers HTML to JSON (a browser);
    BadRequest for another `f`."""
    asked = request.GET.get("f")
    if asked:
        if asked not in FORMATS:
            raise BadRequest(f"f: {asked!r}; use json or html")
        return asked == "html"
    preferred = request.get_preferred_type(["application/json", "application/geo+json", HTML])
    return preferred == HTML


def url_as(request, fmt: str) -> str:
    """This request's address with `f` set to `fmt`."""
    query = request.GET.copy()
    query["f"] = fmt
    return f"{request.path}?{query.urlencode()}"


def own_links(request, media: str, *, html: bool) -> list[dict]:
    """`self` (this representation) and `alternate` (the other)."""
    if html:
        return [
            link(request, url_as(request, "html"), "self", HTML),
            link(request, url_as(request, "json"), "alternate", media),
        ]
    return [
        link(request, request.get_full_path(), "self", media),
        link(request, url_as(request, "html"), "alternate", HTML),
    ]


def _table(features: list[dict]) -> dict:
    """A page's features as table rows: the id, then each short property (long texts, lists
    and the id itself are for the feature's own page)."""
    columns = []
    for feature in features[:1]:
        columns = [
            name
            for name, value in feature["properties"].items()
            if name not in ("id", "body", "answer") and not isinstance(value, list | dict)
        ]
    rows = [(f["id"], [f["properties"].get(name) for name in columns]) for f in features]
    return {"columns": columns, "rows": rows}


def _heading(body: dict) -> str:
    """The page's title: the document's, or a feature's title or name, or its id."""
    properties = body.get("properties") or {}
    return str(
        body.get("title")
        or properties.get("title")
        or properties.get("name")
        or body.get("id")
        or "OGC API"
    )


def respond(request, body: dict, *, media: str = "application/json", features: str | None = None):
    """`body` (without its own links) as JSON of `media`, or as the HTML page; `features`, where
    given, is the JSON array of a page's features, written by PostgreSQL."""
    html = wants_html(request)
    body = {**body, "links": [*own_links(request, media, html=html), *body.get("links", [])]}
    if html:
        context = {
            "doc": body,
            "heading": _heading(body),
            "json_url": url_as(request, "json"),
        }
        if features is not None:
            context.update(_table(json.loads(features)))
        return render(request, "ogc/document.html", context)
    if features is None:
        return json_response(body, content_type=media)
    text = json.dumps(body, ensure_ascii=False)[:-1] + f', "features": {features}}}'
    return HttpResponse(text, content_type=media)
