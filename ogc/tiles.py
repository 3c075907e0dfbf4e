"""OGC API – Tiles for the aggregated map layer: the proposals as Mapbox Vector Tiles in
WebMercatorQuad, the tile set's description and the tile matrix set. A tile is the map's own
(mapping.map_layer.tile_for: the same cells, counts and filters, exact, no caps), written by
PostGIS's ST_AsMVT. Addresses follow the standard: {tileMatrix}/{tileRow}/{tileCol}, that is
z/y/x."""

from django.http import HttpResponse
from django.urls import reverse

from mapping import map_layer, selectors
from mapping.map_layer import tile_for
from ogc.params import PROPERTY_FILTERS, only_known
from ogc.representation import respond
from ogc.responses import link, problem
from ogc.views import ogc_view

MVT = "application/vnd.mapbox-vector-tile"
WEB_MERCATOR = "http://www.opengis.net/def/crs/EPSG/0/3857"
TMS_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"
HALF_WORLD = 20037508.3427892  # metres from the origin to the edge of Web Mercator
TILE_SIZE = 256
KNOWN = {*PROPERTY_FILTERS, "f"}


def _tile_matrix_set() -> dict:
    """WebMercatorQuad as OGC Two Dimensional Tile Matrix Set 2.0 describes it, to zoom 22."""
    matrices = []
    for z in range(map_layer.MAX_ZOOM + 1):
        cell = 2 * HALF_WORLD / TILE_SIZE / 2**z
        matrices.append(
            {
                "id": str(z),
                "scaleDenominator": cell / 0.00028,  # the standard's 0.28 mm pixel
                "cellSize": cell,
                "cornerOfOrigin": "topLeft",
                "pointOfOrigin": [-HALF_WORLD, HALF_WORLD],
                "tileWidth": TILE_SIZE,
                "tileHeight": TILE_SIZE,
                "matrixWidth": 2**z,
                "matrixHeight": 2**z,
            }
        )
    return {
        "id": "WebMercatorQuad",
        "title": "Google Maps Compatible for the World",
        "uri": TMS_URI,
        "crs": WEB_MERCATOR,
        "orderedAxes": ["X", "Y"],
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        "tileMatrices": matrices,
    }


@ogc_view
def tile_matrix_sets(request):
    href = reverse("ogc-tile-matrix-set", args=["WebMercatorQuad"])
    return respond(
        request,
        {
            "title": "Tile matrix sets",
            "tileMatrixSets": [
                {
                    "id": "WebMercatorQuad",
                    "title": "WebMercatorQuad",
                    "uri": TMS_URI,
                    "links": [link(request, href, "self", "application/json")],
                }
            ],
        },
    )


@ogc_view
def tile_matrix_set(request, tms: str):
    if tms != "WebMercatorQuad":
        return problem(404, "NotFound", f"no tile matrix set {tms!r}; there is WebMercatorQuad")
    return respond(request, _tile_matrix_set())


def _tileset(request) -> dict:
    template = reverse("ogc-tileset", args=["proposals", "WebMercatorQuad"])
    return {
        "title": "Forslag, samlet per rute",
        "dataType": "vector",
        "crs": WEB_MERCATOR,
        "tileMatrixSetURI": TMS_URI,
        "links": [
            link(
                request,
                reverse("ogc-tile-matrix-set", args=["WebMercatorQuad"]),
                TILING_SCHEME,
                "application/json",
            ),
            {
                **link(request, template, "item", MVT),
                "href": request.build_absolute_uri(template) + "/{tileMatrix}/{tileRow}/{tileCol}",
                "templated": True,
            },
        ],
        "layers": [
            {
                "id": "proposals",
                "dataType": "vector",
                "geometryDimension": 0,
                "minTileMatrix": "0",
                "maxTileMatrix": str(map_layer.MAX_ZOOM),
                "propertiesSchema": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer", "description": "Forslag i ruten"},
                        "category": {"type": "string", "description": "Kategori (ett forslag)"},
                        "title": {"type": "string", "description": "Tittel (ett forslag)"},
                    },
                },
            }
        ],
    }


def _unknown(collection: str, tms: str = "WebMercatorQuad"):
    if collection != "proposals":
        return problem(404, "NotFound", f"{collection!r} has no tiles; 'proposals' has")
    if tms != "WebMercatorQuad":
        return problem(404, "NotFound", f"no tile matrix set {tms!r}; there is WebMercatorQuad")
    return None


@ogc_view
def tilesets(request, collection: str):
    if missing := _unknown(collection):
        return missing
    tileset = _tileset(request)
    summary = {key: tileset[key] for key in ("title", "dataType", "crs", "tileMatrixSetURI")}
    own = reverse("ogc-tileset", args=[collection, "WebMercatorQuad"])
    summary["links"] = [link(request, own, "self", "application/json"), tileset["links"][0]]
    return respond(request, {"title": "Tile sets", "tilesets": [summary]})


@ogc_view
def tileset(request, collection: str, tms: str):
    return _unknown(collection, tms) or respond(request, _tileset(request))


@ogc_view
def tile(request, collection: str, tms: str, z: str, row: str, col: str):
    if missing := _unknown(collection, tms):
        return missing
    numbers = [int(n) if n.isdigit() and len(n) < 9 else -1 for n in (z, row, col)]
    if not map_layer.tile_is_valid(numbers[0], numbers[2], numbers[1]):
        return problem(404, "NotFound", f"no tile {z}/{row}/{col} in WebMercatorQuad")
    z, row, col = numbers
    only_known(request.GET, KNOWN)
    found = tile_for(request.GET, request.user, z, col, row, mvt=True)
    response = HttpResponse(bytes(found.body), content_type=MVT)
    public = selectors.visibility_key(request.user) == "public"
    response["Cache-Control"] = "public, max-age=30" if public else "private, no-cache"
    response["Vary"] = "Cookie, Authorization, Accept-Encoding"
    return response
