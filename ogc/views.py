"""OGC API – Features Part 1 (Core, GeoJSON): the landing page, conformance, the collections
and their items, in JSON. The features are the proposals list's own (mapping.geojson_sql), with
what the viewer may see (the public: published proposals)."""

import json

from django.contrib.gis.db.models import Extent
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from geo.models import Area
from mapping import geojson_sql, selectors
from mapping.api.photos import photo_url_base
from mapping.filters import proposal_filter
from ogc.areas import KINDS, area_feature, area_page
from ogc.params import BadRequest, datetime_range, error_text, items_query

GEOJSON = "application/geo+json"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
# Declared only as far as tests/ogc exercises each.
CONFORMS_TO = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
]
COLLECTIONS = {
    "proposals": ("Forslag", "Innbyggernes forslag, punkter på kartet."),
    **{
        kind.value: (str(kind.label), f"Inndelingen i {kind.label.lower()}, med kode og navn.")
        for kind in KINDS
    },
}
# The list's Feature, with the id among the properties too: GIS clients (GDAL, QGIS) number
# features themselves and would otherwise lose the proposal's id.
FEATURE_SQL = geojson_sql.FEATURE_TEMPLATE.format(extra=", 'id', p.id")


def _json(body: dict, *, content_type: str = "application/json", status: int = 200):
    return JsonResponse(
        body, content_type=content_type, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _problem(status: int, code: str, description: str):
    return _json({"code": code, "description": description}, status=status)


def _link(request, href: str, rel: str, media: str, title: str = "") -> dict:
    link = {"href": request.build_absolute_uri(href), "rel": rel, "type": media}
    return {**link, "title": title} if title else link


def landing(request):
    return _json(
        {
            "title": "Fremtidskart",
            "description": "Innbyggernes forslag som OGC API – Features.",
            "links": [
                _link(request, reverse("ogc-landing"), "self", "application/json"),
                _link(request, reverse("ogc-conformance"), "conformance", "application/json"),
                _link(request, reverse("ogc-collections"), "data", "application/json"),
            ],
        }
    )


def conformance(request):
    return _json({"conformsTo": CONFORMS_TO})


def _collection(request, name: str) -> dict:
    title, description = COLLECTIONS[name]
    kind = Area.Kind.KOMMUNE if name == "proposals" else name  # proposals lie in the kommuner
    extent = Area.objects.filter(kind=kind).aggregate(box=Extent("geom"))["box"]
    return {
        "id": name,
        "title": title,
        "description": description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {"spatial": {"bbox": [list(extent or (-180, -90, 180, 90))], "crs": CRS84}},
        "links": [
            _link(request, reverse("ogc-collection", args=[name]), "self", "application/json"),
            _link(request, reverse("ogc-items", args=[name]), "items", GEOJSON, title),
        ],
    }


def collections(request):
    return _json(
        {
            "links": [_link(request, reverse("ogc-collections"), "self", "application/json")],
            "collections": [_collection(request, name) for name in COLLECTIONS],
        }
    )


def collection(request, collection: str):
    if collection not in COLLECTIONS:
        return _problem(404, "NotFound", f"no collection {collection!r}")
    return _json(_collection(request, collection))


def _page_response(request, collection: str, features: str, returned: int, cursor) -> HttpResponse:
    """The FeatureCollection of a page, with its self and next links."""
    path = reverse("ogc-items", args=[collection])
    links = [_link(request, request.get_full_path(), "self", GEOJSON)]
    if cursor:
        query = request.GET.copy()
        query["cursor"] = str(cursor)
        links.append(_link(request, f"{path}?{query.urlencode()}", "next", GEOJSON))
    # numberMatched is left out, as the standard allows: counting a million matches per page is
    # what makes other servers slow.
    head = {
        "type": "FeatureCollection",
        "timeStamp": timezone.now().isoformat(),
        "numberReturned": returned,
        "links": links,
    }
    body = json.dumps(head, ensure_ascii=False)[:-1] + f', "features": {features}}}'
    return HttpResponse(body, content_type=GEOJSON)


def items(request, collection: str):
    if collection not in COLLECTIONS:
        return _problem(404, "NotFound", f"no collection {collection!r}")
    if collection != "proposals":
        try:
            features, after = area_page(collection, request.GET)
        except BadRequest as error:
            return _problem(400, "InvalidParameterValue", str(error))
        return _page_response(request, collection, f"[{', '.join(features)}]", len(features), after)
    try:
        filters, limit = items_query(request.GET)
        start, end = datetime_range(request.GET.get("datetime"))
        proposals = proposal_filter(filters, user=request.user).qs
        if start:
            proposals = proposals.filter(created_at__gte=start)
        if end:
            proposals = proposals.filter(created_at__lte=end)
        page = geojson_sql.geojson_page(
            proposals,
            ordering=None,
            cursor=request.GET.get("cursor"),
            limit=limit,
            feature_sql=FEATURE_SQL,
        )
    except BadRequest as error:
        return _problem(400, "InvalidParameterValue", str(error))
    except ValidationError as error:
        return _problem(400, "InvalidParameterValue", error_text(error))
    return _page_response(request, collection, page.features, page.returned, page.next_cursor)


def item(request, collection: str, pk: int):
    if collection not in COLLECTIONS:
        return _problem(404, "NotFound", f"no collection {collection!r}")
    if collection == "proposals":
        feature = geojson_sql.proposal_detail_json(
            pk, public=not selectors.can_moderate(request.user), photo_url=photo_url_base(request)
        )
    else:
        feature = area_feature(collection, pk)
    if feature is None:
        return _problem(404, "NotFound", f"no feature {pk} in {collection!r}")
    body = json.loads(feature)
    body["links"] = [
        _link(request, reverse("ogc-item", args=[collection, pk]), "self", GEOJSON),
        _link(
            request, reverse("ogc-collection", args=[collection]), "collection", "application/json"
        ),
    ]
    return _json(body, content_type=GEOJSON)
