"""The OGC API's OpenAPI 3.0 document (the landing page's `service-desc`), written from the same
constants the views use, and its HTML rendering (`service-doc`)."""

from typing import NamedTuple

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from mapping.list_query import OGC_LIMITS
from mapping.models import Proposal
from mapping.openapi_operations import operations_of
from ogc.cql2 import QUERYABLES
from ogc.crs import SUPPORTED
from ogc.params import PROPERTY_FILTERS
from ogc.representation import wants_html
from ogc.responses import answers_bad_requests
from ogc.views import COLLECTIONS

OPENAPI_MEDIA = "application/vnd.oai.openapi+json;version=3.0"
OBJECT = {"type": "object"}
PROBLEM = {
    "type": "object",
    "required": ["code", "description"],
    "properties": {"code": {"type": "string"}, "description": {"type": "string"}},
}


def _content(*media: str, schema: dict = OBJECT) -> dict:
    return {m: {"schema": {"type": "string"} if m.startswith("text/") else schema} for m in media}


def _problems(missing: str | None) -> dict:
    """The error answers: a wrong parameter, a wrong key and, where `missing` says, a 404."""
    answers = {
        "400": {"description": "A parameter is wrong"},
        "401": {"description": "The API key is wrong or revoked"},
        **({"404": {"description": missing}} if missing else {}),
    }
    for answer in answers.values():
        answer["content"] = _content("application/json", schema=PROBLEM)
    return answers


def _answers(description: str, *media: str, missing: bool = True) -> dict:
    return {
        "200": {"description": description, "content": _content(*media, "text/html")},
        **_problems("No such collection or feature" if missing else None),
    }


def _query(name: str, schema: dict, description: str, *, explode: bool = True) -> dict:
    parameter = {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }
    if not explode:
        parameter.update(style="form", explode=False)
    return parameter


def _path(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema,
        "description": description,
    }


def _get(operation_id: str, summary: str, answers: dict, parameters: list | None = None) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "description": summary,
            "parameters": [F, *(parameters or [])],
            "responses": answers,
        }
    }


F = _query(
    "f",
    {"type": "string", "enum": ["json", "html"]},
    "The format: json (the default for programs) or html",
)
CRS_ENUM = {"type": "string", "enum": list(SUPPORTED)}


class Parameters(NamedTuple):
    """The parameters the paths share."""

    collection_id: dict
    proposals_only: dict
    tms: dict
    items: list
    filters: list


def _parameters() -> Parameters:
    collection_id = _path(
        "collectionId", {"type": "string", "enum": list(COLLECTIONS)}, "A collection"
    )
    proposals_only = _path(
        "collectionId", {"type": "string", "enum": ["proposals"]}, "The proposals"
    )
    tms = _path(
        "tileMatrixSetId", {"type": "string", "enum": ["WebMercatorQuad"]}, "The tile matrix set"
    )
    bbox = _query(
        "bbox",
        {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
        "minx,miny,maxx,maxy in bbox-crs (CRS84: longitude, latitude)",
        explode=False,
    )
    filters = [
        _query(name, {"type": "string"}, f"Only proposals with this {name}; repeatable")
        for name in PROPERTY_FILTERS
    ]
    items_parameters = [
        bbox,
        _query("bbox-crs", CRS_ENUM, "The CRS of bbox (Part 2)"),
        _query("crs", CRS_ENUM, "The CRS of the answer (Part 2)"),
        _query(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": 10000, "default": OGC_LIMITS.default},
            f"Features per page; more than {OGC_LIMITS.most} is served as {OGC_LIMITS.most}",
        ),
        _query(
            "datetime",
            {"type": "string"},
            "Created at: an RFC 3339 instant or interval (a/b, .. for open)",
        ),
        _query("cursor", {"type": "string"}, "Where the page starts: take it from a next link"),
        _query("filter", {"type": "string"}, "A CQL2 filter on the queryables (Part 3)"),
        _query(
            "filter-lang",
            {"type": "string", "enum": ["cql2-text", "cql2-json"]},
            "The filter's language",
        ),
        _query("filter-crs", CRS_ENUM, "The CRS of the filter's geometries"),
        *filters,
    ]
    return Parameters(collection_id, proposals_only, tms, items_parameters, filters)


def _feature_paths(p: Parameters) -> dict:
    """Part 1's paths: landing, this document, conformance, collections, queryables, items."""
    collection_id, items_parameters = p.collection_id, p.items
    geojson = "application/geo+json"
    return {
        "/": _get(
            "landing",
            "The landing page",
            _answers("Links to everything", "application/json", missing=False),
        ),
        "/api": _get(
            "openapi", "This document", _answers("OpenAPI 3.0", OPENAPI_MEDIA, missing=False)
        ),
        "/conformance": _get(
            "conformance",
            "The conformance classes",
            _answers("conformsTo", "application/json", missing=False),
        ),
        "/collections": _get(
            "collections",
            "The collections",
            _answers("The collections", "application/json", missing=False),
        ),
        "/collections/{collectionId}": _get(
            "collection",
            "One collection",
            _answers("The collection", "application/json"),
            [collection_id],
        ),
        "/collections/{collectionId}/queryables": _get(
            "queryables",
            "What a filter may name",
            _answers("A JSON Schema", "application/schema+json"),
            [collection_id],
        ),
        "/collections/{collectionId}/items": _get(
            "items",
            "Features, a page at a time (next links)",
            _answers("A FeatureCollection", geojson),
            [collection_id, *items_parameters],
        ),
        "/collections/{collectionId}/items/{featureId}": _get(
            "item",
            "One feature",
            _answers("A Feature", geojson),
            [
                collection_id,
                _path("featureId", {"type": "integer"}, "The feature's id"),
                _query("crs", CRS_ENUM, "The CRS of the answer"),
            ],
        ),
    }


def _tile_paths(p: Parameters) -> dict:
    """The tile matrix sets and the proposals' vector tiles (OGC API – Tiles)."""
    proposals_only, tms, filters = p.proposals_only, p.tms, p.filters
    tiles = "/collections/{collectionId}/tiles"
    return {
        "/tileMatrixSets": _get(
            "tileMatrixSets",
            "The tile matrix sets",
            _answers("The list", "application/json", missing=False),
        ),
        "/tileMatrixSets/{tileMatrixSetId}": _get(
            "tileMatrixSet", "WebMercatorQuad", _answers("The set", "application/json"), [tms]
        ),
        tiles: _get(
            "tilesets",
            "The proposals' tile sets",
            _answers("The list", "application/json"),
            [proposals_only],
        ),
        f"{tiles}/{{tileMatrixSetId}}": _get(
            "tileset",
            "The proposals' vector tile set",
            _answers("The tile set", "application/json"),
            [proposals_only, tms],
        ),
        f"{tiles}/{{tileMatrixSetId}}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}": {
            "get": {
                "operationId": "tile",
                "summary": "One vector tile: proposals counted per cell, exact",
                "description": "One vector tile: proposals counted per cell, exact",
                "parameters": [
                    proposals_only,
                    tms,
                    _path("tileMatrix", {"type": "integer", "minimum": 0, "maximum": 22}, "Zoom"),
                    _path("tileRow", {"type": "integer", "minimum": 0}, "Row (y)"),
                    _path("tileCol", {"type": "integer", "minimum": 0}, "Column (x)"),
                    *filters,
                ],
                "responses": {
                    "200": {
                        "description": "A Mapbox Vector Tile",
                        "content": {
                            "application/vnd.mapbox-vector-tile": {
                                "schema": {"type": "string", "format": "binary"}
                            }
                        },
                    },
                    **_problems("No such tile"),
                },
            }
        },
    }


def document(request) -> dict:
    """The OpenAPI 3.0 document of the OGC API (service-desc)."""
    parameters = _parameters()
    paths = {**_feature_paths(parameters), **_tile_paths(parameters)}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Fremtidskart – OGC API – Features and Tiles",
            "version": "1.0",
            "description": (
                "Residents' proposals and the kommune's areas for GIS clients. Without a key, "
                "published proposals; with a planner's key (Authorization: Bearer, or Basic with "
                "the key as the password), what that planner may see. Queryables: "
                + ", ".join(QUERYABLES)
                + ". Statuses: "
                + ", ".join(Proposal.Status.values)
                + "."
            ),
        },
        "servers": [{"url": request.build_absolute_uri(reverse("ogc-landing")).rstrip("/")}],
        "components": {
            "securitySchemes": {
                "key": {"type": "http", "scheme": "bearer"},
                "basic": {"type": "http", "scheme": "basic"},
            }
        },
        "security": [{}, {"key": []}, {"basic": []}],
        "paths": paths,
    }


@answers_bad_requests
def openapi(request):
    body = document(request)
    if wants_html(request):
        return render(
            request,
            "frontend/api_docs.html",
            {"info": body["info"], "operations": operations_of(body), "schema_url": request.path},
        )
    return JsonResponse(body, content_type=OPENAPI_MEDIA, json_dumps_params={"ensure_ascii": False})
