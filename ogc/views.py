"""OGC API – Features (Part 1 Core and GeoJSON, Part 2 CRS, Part 3 filtering): the landing page,
conformance, the collections, their queryables and items. The proposals are the list's own
(ogc.proposals), with what the viewer may see; the areas are ogc.areas."""

import json

from django.contrib.gis.db.models import Extent
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from geo.models import Area
from ogc import crs as crs_module
from ogc.areas import KINDS, area_feature, area_page
from ogc.auth import with_token
from ogc.cql2 import queryables as queryables_for
from ogc.crs import CRS84, SUPPORTED
from ogc.params import BadRequest, error_text
from ogc.proposals import proposal_feature, proposal_page
from ogc.responses import json_response, link, problem

GEOJSON = "application/geo+json"
SCHEMA = "application/schema+json"
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
TILESETS_REL = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
# Declared only as far as tests/ogc exercises each (the closing note of issue 14 lists which).
CONFORMS_TO = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
]
COLLECTIONS = {
    "proposals": ("Forslag", "Innbyggernes forslag, punkter på kartet."),
    **{
        kind.value: (str(kind.label), f"Inndelingen i {kind.label.lower()}, med kode og navn.")
        for kind in KINDS
    },
}


@with_token
def landing(request):
    return json_response(
        {
            "title": "Fremtidskart",
            "description": "Innbyggernes forslag som OGC API – Features.",
            "links": [
                link(request, reverse("ogc-landing"), "self", "application/json"),
                link(request, reverse("ogc-conformance"), "conformance", "application/json"),
                link(request, reverse("ogc-collections"), "data", "application/json"),
                link(
                    request,
                    reverse("ogc-tile-matrix-sets"),
                    "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                    "application/json",
                ),
            ],
        }
    )


@with_token
def conformance(request):
    return json_response({"conformsTo": CONFORMS_TO})


def _collection(request, name: str) -> dict:
    title, description = COLLECTIONS[name]
    kind = Area.Kind.KOMMUNE if name == "proposals" else name  # proposals lie in the kommuner
    extent = Area.objects.filter(kind=kind).aggregate(box=Extent("geom"))["box"]
    return {
        "id": name,
        "title": title,
        "description": description,
        "itemType": "feature",
        "crs": list(SUPPORTED),
        "storageCrs": CRS84.uri,
        "extent": {"spatial": {"bbox": [list(extent or (-180, -90, 180, 90))], "crs": CRS84.uri}},
        "links": [
            link(request, reverse("ogc-collection", args=[name]), "self", "application/json"),
            link(request, reverse("ogc-items", args=[name]), "items", GEOJSON, title),
            *(
                [
                    link(request, reverse("ogc-queryables", args=[name]), QUERYABLES_REL, SCHEMA),
                    link(
                        request,
                        reverse("ogc-tilesets", args=[name]),
                        TILESETS_REL,
                        "application/json",
                    ),
                ]
                if name == "proposals"
                else []
            ),
        ],
    }


@with_token
def collections(request):
    return json_response(
        {
            "links": [link(request, reverse("ogc-collections"), "self", "application/json")],
            "collections": [_collection(request, name) for name in COLLECTIONS],
        }
    )


@with_token
def collection(request, collection: str):
    return _unknown(collection) or json_response(_collection(request, collection))


def _page_response(
    request, collection: str, features: str, returned: int, cursor, crs
) -> HttpResponse:
    """The FeatureCollection of a page, with its self and next links and its CRS."""
    path = reverse("ogc-items", args=[collection])
    links = [link(request, request.get_full_path(), "self", GEOJSON)]
    if cursor:
        query = request.GET.copy()
        query["cursor"] = str(cursor)
        links.append(link(request, f"{path}?{query.urlencode()}", "next", GEOJSON))
    # numberMatched is left out, as the standard allows: counting a million matches per page is
    # what makes other servers slow.
    head = {
        "type": "FeatureCollection",
        "timeStamp": timezone.now().isoformat(),
        "numberReturned": returned,
        "links": links,
    }
    body = json.dumps(head, ensure_ascii=False)[:-1] + f', "features": {features}}}'
    response = HttpResponse(body, content_type=GEOJSON)
    response["Content-Crs"] = f"<{crs.uri}>"
    return response


def _unknown(collection: str):
    return (
        None
        if collection in COLLECTIONS
        else problem(404, "NotFound", f"no collection {collection!r}")
    )


@with_token
def queryables(request, collection: str):
    if collection != "proposals":
        return _unknown(collection) or problem(404, "NotFound", f"{collection!r} has no queryables")
    body = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": request.build_absolute_uri(),
        "type": "object",
        "title": COLLECTIONS[collection][0],
        "properties": {
            name: queryable.schema() for name, queryable in queryables_for(request.user).items()
        },
        "additionalProperties": False,
    }
    return json_response(body, content_type=SCHEMA)


@with_token
def items(request, collection: str):
    if missing := _unknown(collection):
        return missing
    try:
        crs = crs_module.parse(request.GET.get("crs"), "crs")
        if collection == "proposals":
            page = proposal_page(request.GET, request.user, crs)
            features, returned, after = page.features, page.returned, page.next_cursor
        else:
            found, after = area_page(collection, request.GET, crs)
            features, returned = f"[{', '.join(found)}]", len(found)
    except BadRequest as error:
        return problem(400, "InvalidParameterValue", str(error))
    except ValidationError as error:
        return problem(400, "InvalidParameterValue", error_text(error))
    return _page_response(request, collection, features, returned, after, crs)


@with_token
def item(request, collection: str, pk: int):
    if missing := _unknown(collection):
        return missing
    try:
        crs = crs_module.parse(request.GET.get("crs"), "crs")
    except BadRequest as error:
        return problem(400, "InvalidParameterValue", str(error))
    if collection == "proposals":
        feature = proposal_feature(pk, request.user, crs)
    else:
        feature = area_feature(collection, pk, crs)
    if feature is None:
        return problem(404, "NotFound", f"no feature {pk} in {collection!r}")
    body = json.loads(feature)
    body["links"] = [
        link(request, reverse("ogc-item", args=[collection, pk]), "self", GEOJSON),
        link(
            request, reverse("ogc-collection", args=[collection]), "collection", "application/json"
        ),
    ]
    response = json_response(body, content_type=GEOJSON)
    response["Content-Crs"] = f"<{crs.uri}>"
    return response
