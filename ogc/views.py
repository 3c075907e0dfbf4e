"""OGC API – Features (Part 1 Core and GeoJSON, Part 2 CRS, Part 3 filtering): the landing page,
conformance, the collections, their queryables and items. The proposals are the list's own
(ogc.proposals), with what the viewer may see; the areas are ogc.areas."""

import json
from functools import partial

from django.contrib.gis.db.models import Extent
from django.urls import reverse
from django.utils import timezone

from geo.models import Area
from mapping.models import Proposal
from ogc import crs as crs_module
from ogc.areas import KINDS, area_feature, area_page
from ogc.auth import with_token
from ogc.cql2 import queryables as queryables_for
from ogc.crs import CRS84, SUPPORTED
from ogc.hotspots import hotspot_feature, hotspot_page
from ogc.proposals import proposal_feature, proposal_page
from ogc.representation import HTML, respond
from ogc.responses import answers_bad_requests, link, problem

GEOJSON = "application/geo+json"
SCHEMA = "application/schema+json"
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
TILESETS_REL = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
# Declared only as far as tests/ogc exercises each (the closing note of issue 14 lists which).
CONFORMS_TO = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
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
AREA_KINDS = {kind.value for kind in KINDS}
# The proposals, a collection per geometry type: a GIS layer has one type, and QGIS 3.22 types a
# mixed collection by whichever feature comes first (tests/server/test_ogc_clients.py).
PROPOSALS = {
    "proposals": Proposal.Kind.POINT,
    "proposal_lines": Proposal.Kind.LINE,
    "proposal_areas": Proposal.Kind.AREA,
}
COLLECTIONS = {
    "proposals": ("Forslag", "Innbyggernes forslag som er punkter (nåler) på kartet."),
    "proposal_lines": ("Forslag, linjer", "Innbyggernes forslag som er linjer (veier, ruter)."),
    "proposal_areas": ("Forslag, områder", "Innbyggernes forslag som er områder (arealinnspill)."),
    "hotspots": (
        "Hotspots",
        "Der forslagene er signifikant tettere enn ventet (Getis-Ord Gi* på sekskanter, "
        "korrigert for mange tester), med antall, sikkerhet, viktigste kategorier, temaer og "
        "forslagenes id-er; filtreres som forslagene.",
    ),
    **{
        kind.value: (str(kind.label), f"Inndelingen i {kind.label.lower()}, med kode og navn.")
        for kind in KINDS
    },
}


def ogc_view(view):
    """Served as the planner whose API key the request carries, and a 400 for a bad parameter."""
    return with_token(answers_bad_requests(view))


@ogc_view
def landing(request):
    return respond(
        request,
        {
            "title": "Fremtidskart",
            "description": "Innbyggernes forslag og kommunens inndelinger som OGC API – Features.",
            "links": [
                link(request, reverse("ogc-openapi"), "service-desc", OPENAPI, "OpenAPI"),
                link(request, reverse("ogc-openapi") + "?f=html", "service-doc", HTML, "API"),
                link(request, reverse("ogc-conformance"), "conformance", "application/json"),
                link(request, reverse("ogc-collections"), "data", "application/json"),
                link(
                    request,
                    reverse("ogc-tile-matrix-sets"),
                    "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                    "application/json",
                ),
            ],
        },
    )


@ogc_view
def conformance(request):
    return respond(request, {"title": "Conformance", "conformsTo": CONFORMS_TO})


def _extents(names) -> dict[str, tuple]:
    """Each collection's bounding box, in one query: an area kind's own, and the kommuner's for
    the proposals and their hotspots, which lie in them."""
    kinds = {name: name if name in AREA_KINDS else Area.Kind.KOMMUNE for name in names}
    boxes = dict(
        Area.objects.filter(kind__in=set(kinds.values()))
        .values("kind")
        .annotate(box=Extent("geom"))
        .values_list("kind", "box")
    )
    return {name: boxes.get(kind) or (-180, -90, 180, 90) for name, kind in kinds.items()}


def _collection(request, name: str, extent: tuple) -> dict:
    title, description = COLLECTIONS[name]
    links = [
        link(request, reverse("ogc-collection", args=[name]), "self", "application/json"),
        link(request, reverse("ogc-items", args=[name]), "items", GEOJSON, title),
        link(request, reverse("ogc-items", args=[name]) + "?f=html", "items", HTML, title),
    ]
    if name in PROPOSALS:
        links.append(link(request, reverse("ogc-queryables", args=[name]), QUERYABLES_REL, SCHEMA))
    if name == "proposals":  # the map layer's tiles count every proposal by its point
        links.append(
            link(request, reverse("ogc-tilesets", args=[name]), TILESETS_REL, "application/json")
        )
    return {
        "id": name,
        "title": title,
        "description": description,
        "itemType": "feature",
        "crs": list(SUPPORTED),
        "storageCrs": CRS84.uri,
        "extent": {"spatial": {"bbox": [list(extent)], "crs": CRS84.uri}},
        "links": links,
    }


@ogc_view
def collections(request):
    return respond(
        request,
        {
            "title": "Samlinger",
            "collections": [
                _collection(request, name, extent) for name, extent in _extents(COLLECTIONS).items()
            ],
        },
    )


def _unknown(collection: str):
    if collection in COLLECTIONS:
        return None
    return problem(404, "NotFound", f"no collection {collection!r}")


@ogc_view
def collection(request, collection: str):
    if missing := _unknown(collection):
        return missing
    body = _collection(request, collection, _extents([collection])[collection])
    body["links"] = body["links"][1:]  # respond() adds self and alternate
    return respond(request, body)


@ogc_view
def queryables(request, collection: str):
    if collection not in PROPOSALS:
        return _unknown(collection) or problem(404, "NotFound", f"{collection!r} has no queryables")
    body = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": request.build_absolute_uri(request.path),
        "type": "object",
        "title": COLLECTIONS[collection][0],
        "properties": {
            name: queryable.schema() for name, queryable in queryables_for(request.user).items()
        },
        "additionalProperties": False,
    }
    return respond(request, body, media=SCHEMA)


@ogc_view
def items(request, collection: str):
    if missing := _unknown(collection):
        return missing
    crs = crs_module.parse(request.GET.get("crs"), "crs")
    if collection in PROPOSALS:
        page, matched = proposal_page(request.GET, request.user, crs, kind=PROPOSALS[collection])
        features, returned, after = page.features, page.returned, page.next_cursor
    else:
        pager = hotspot_page if collection == "hotspots" else partial(area_page, collection)
        found, after, matched = pager(request.GET, request.user, crs)
        features, returned = f"[{', '.join(found)}]", len(found)
    links = [
        link(
            request, reverse("ogc-collection", args=[collection]), "collection", "application/json"
        )
    ]
    if after:
        query = request.GET.copy()
        query["cursor"] = str(after)
        path = reverse("ogc-items", args=[collection])
        links.append(link(request, f"{path}?{query.urlencode()}", "next", GEOJSON))
    # numberMatched is left out where it is not cheap and exact, as the standard allows.
    body = {
        "type": "FeatureCollection",
        "title": COLLECTIONS[collection][0],
        "timeStamp": timezone.now().isoformat(),
        **({"numberMatched": matched} if matched is not None else {}),
        "numberReturned": returned,
        "links": links,
    }
    response = respond(request, body, media=GEOJSON, features=features)
    response["Content-Crs"] = f"<{crs.uri}>"
    return response


@ogc_view
def item(request, collection: str, pk: str):
    if missing := _unknown(collection):
        return missing
    if not pk.isdigit() or len(pk) > 18:  # ids are whole numbers (bigint)
        return problem(404, "NotFound", f"no feature {pk!r} in {collection!r}")
    pk = int(pk)
    crs = crs_module.parse(request.GET.get("crs"), "crs")
    if collection in PROPOSALS:
        feature = proposal_feature(pk, request.user, crs, kind=PROPOSALS[collection])
    elif collection == "hotspots":
        feature = hotspot_feature(pk, request.GET, request.user, crs)
    else:
        feature = area_feature(collection, pk, crs)
    if feature is None:
        return problem(404, "NotFound", f"no feature {pk} in {collection!r}")
    body = json.loads(feature)
    body["links"] = [
        link(
            request, reverse("ogc-collection", args=[collection]), "collection", "application/json"
        )
    ]
    response = respond(request, body, media=GEOJSON)
    response["Content-Crs"] = f"<{crs.uri}>"
    return response
