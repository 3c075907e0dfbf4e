"""OGC API – Tiles for the map layer: the tile set's description, WebMercatorQuad, and Mapbox
Vector Tiles that decode (mapbox-vector-tile) to the same cells and counts as the GeoJSON layer,
with the same filters and what the viewer may see."""

import mapbox_vector_tile
import pytest

from mapping import map_layer
from mapping.models import Proposal
from tests.factories import BEKKESTUA, SANDVIKA, SANDVIKA_EAST, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db

TILES = "/ogc/collections/proposals/tiles/WebMercatorQuad"
MVT = "application/vnd.mapbox-vector-tile"


def xyz(lon_lat, z: int) -> tuple[int, int]:
    """The (x, y) of the tile at zoom z holding the point."""
    x = 0
    while map_layer.tile_bounds(z, x + 1, 0)[0] <= lon_lat[0]:
        x += 1
    y = 0
    while map_layer.tile_bounds(z, 0, y)[1] > lon_lat[1]:
        y += 1
    return x, y


def decode(body: bytes, *, buffer: bool = False) -> list[dict]:
    """The tile's own features, or, with `buffer`, those of its neighbours it carries."""
    layers = mapbox_vector_tile.decode(body)
    features = layers["proposals"]["features"] if layers else []
    extent = layers["proposals"]["extent"] if layers else 4096

    def inside(feature) -> bool:
        x, y = feature["geometry"]["coordinates"]
        return 0 <= x < extent and 0 <= y < extent

    return [f for f in features if inside(f) != buffer]


def cells(features) -> list[tuple]:
    return sorted((f["properties"]["count"], f["properties"].get("category")) for f in features)


@pytest.mark.parametrize("z", [9, 12, 15])
def test_vector_tiles_hold_the_geojson_layer_s_cells(api, campaign, z):
    for at in (SANDVIKA, SANDVIKA, SANDVIKA_STATION, SANDVIKA_EAST, BEKKESTUA):
        make_proposal(campaign, at=at)
    make_proposal(campaign, at=SANDVIKA, category="annet")
    make_proposal(campaign, at=SANDVIKA, visibility=Proposal.Visibility.PENDING)
    x, y = xyz(SANDVIKA, z)
    for params in ({}, {"category": "bolig"}, {"area": "320115"}):
        response = api.get(f"{TILES}/{z}/{y}/{x}", params)
        assert response.status_code == 200 and response["Content-Type"] == MVT
        vector = decode(response.content)
        geojson = api.get(f"/api/v1/proposals/tiles/{z}/{x}/{y}/", params).json()["features"]
        assert cells(vector) == cells(geojson), params
        assert vector and all(f["geometry"]["type"] == "Point" for f in vector)
    everything = decode(api.get(f"{TILES}/{z}/{y}/{x}").content)
    in_tile = sum(
        1
        for p in Proposal.objects.filter(visibility="published")
        if xyz((p.location.x, p.location.y), z) == (x, y)
    )
    assert sum(f["properties"]["count"] for f in everything) == in_tile  # exact, no caps


def test_a_single_proposal_carries_its_id_and_title_and_an_empty_tile_is_empty(api, campaign):
    proposal = make_proposal(campaign, at=BEKKESTUA, title="Benk ved stasjonen")
    x, y = xyz(BEKKESTUA, 16)
    (feature,) = decode(api.get(f"{TILES}/16/{y}/{x}").content)
    assert feature["id"] == proposal.pk
    assert feature["properties"] == {
        "count": 1,
        "category": "bolig",
        "title": "Benk ved stasjonen",
        "kind": "point",
    }
    empty = api.get(f"{TILES}/16/{y + 5}/{x}")
    assert empty.status_code == 200 and decode(empty.content) == []


def test_the_tile_set_and_the_tile_matrix_set_describe_the_tiles(api, campaign):
    collection = api.get("/ogc/collections/proposals").json()
    tilesets_link = next(
        link for link in collection["links"] if link["rel"].endswith("/tilesets-vector")
    )
    listed = api.get(tilesets_link["href"]).json()["tilesets"]
    assert listed[0]["dataType"] == "vector" and listed[0]["crs"].endswith("/EPSG/0/3857")
    tileset = api.get(TILES).json()
    item = next(link for link in tileset["links"] if link["rel"] == "item")
    assert item["type"] == MVT and item["templated"] is True
    assert item["href"].endswith("/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}")
    scheme = next(link for link in tileset["links"] if link["rel"].endswith("/tiling-scheme"))
    tms = api.get(scheme["href"]).json()
    assert tms["id"] == "WebMercatorQuad" and tms["crs"].endswith("/EPSG/0/3857")
    z12 = tms["tileMatrices"][12]
    assert z12["matrixWidth"] == 4096 and round(z12["scaleDenominator"]) == 136495
    landing = api.get("/ogc/").json()
    assert any(link["rel"].endswith("/tiling-schemes") for link in landing["links"])


@pytest.mark.parametrize("z", [12, 16])
def test_a_tile_carries_its_neighbours_cells_on_its_edge_in_its_buffer(api, campaign, z):
    x, y = xyz(SANDVIKA, z)
    _west, _south, east, _north = map_layer.tile_bounds(z, x, y)
    width = east - map_layer.tile_bounds(z, x - 1, y)[2]
    across = make_proposal(campaign, at=(east + width / 1000, SANDVIKA[1]))  # the next tile
    far = make_proposal(campaign, at=(east + width / 2, SANDVIKA[1]))  # beyond the buffer
    tile = api.get(f"{TILES}/{z}/{y}/{x}").content
    assert [f["id"] for f in decode(tile, buffer=True)] == [across.pk]
    assert far.pk not in [f.get("id") for f in decode(tile) + decode(tile, buffer=True)]
    neighbour = decode(api.get(f"{TILES}/{z}/{y}/{x + 1}").content)
    assert sum(f["properties"]["count"] for f in neighbour) == 2  # both are the neighbour's own


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"{TILES}/23/0/0", 404),
        (f"{TILES}/2/4/0", 404),
        ("/ogc/collections/proposals/tiles/WorldCRS84Quad/0/0/0", 404),
        ("/ogc/collections/kommune/tiles/WebMercatorQuad/0/0/0", 404),
        (f"{TILES}/3/2/4?category=finnes-ikke", 400),
        (f"{TILES}/3/2/4?sortby=title", 400),
    ],
)
def test_bad_tiles_get_an_error_with_a_message(api, campaign, path, status):
    response = api.get(path)
    assert response.status_code == status
    assert response.json()["description"]
