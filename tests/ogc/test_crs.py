"""OGC API – Features Part 2 (crs): responses in CRS84, EPSG:4326 (latitude first) and
EPSG:25832, bounding boxes in any of them, and the Content-Crs header."""

import pytest
from django.contrib.gis.geos import Point

from ogc.crs import SUPPORTED
from tests.factories import BEKKESTUA, SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db

ITEMS = "/ogc/collections/proposals/items"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
UTM32 = "http://www.opengis.net/def/crs/EPSG/0/25832"


def utm(lon_lat) -> tuple[float, float]:
    point = Point(*lon_lat, srid=4326).transform(25832, clone=True)
    return point.x, point.y


def test_collections_list_the_crs_and_the_storage_crs(api, campaign):
    for name in ("proposals", "grunnkrets"):
        body = api.get(f"/ogc/collections/{name}").json()
        assert body["crs"] == list(SUPPORTED) == [CRS84, EPSG4326, UTM32]
        assert body["storageCrs"] == CRS84


@pytest.mark.parametrize("path", [ITEMS, "ITEM"])
def test_coordinates_in_each_crs_with_the_content_crs_header(api, campaign, path):
    proposal = make_proposal(campaign, at=SANDVIKA)
    url = f"{ITEMS}/{proposal.pk}" if path == "ITEM" else ITEMS

    def coordinates(crs):
        response = api.get(url, {"crs": crs} if crs else {})
        assert response["Content-Crs"] == f"<{crs or CRS84}>"
        body = response.json()
        return (body["features"][0] if "features" in body else body)["geometry"]["coordinates"]

    assert coordinates(None) == coordinates(CRS84) == list(SANDVIKA)
    assert coordinates(EPSG4326) == [SANDVIKA[1], SANDVIKA[0]]
    easting, northing = coordinates(UTM32)
    expected = utm(SANDVIKA)
    assert abs(easting - expected[0]) < 0.01 and abs(northing - expected[1]) < 0.01
    assert 500_000 < easting < 700_000 and 6_600_000 < northing < 6_700_000


def test_bbox_in_each_crs_finds_the_same_proposals(api, campaign):
    sandvika = make_proposal(campaign, at=SANDVIKA)
    make_proposal(campaign, at=BEKKESTUA)
    east, north = utm(SANDVIKA)

    def ids(**params):
        return [f["id"] for f in api.get(ITEMS, params).json()["features"]]

    assert ids(bbox="10.51,59.88,10.53,59.90") == [sandvika.pk]
    assert ids(bbox="59.88,10.51,59.90,10.53", **{"bbox-crs": EPSG4326}) == [sandvika.pk]
    box = f"{east - 50},{north - 50},{east + 50},{north + 50}"
    assert ids(bbox=box, **{"bbox-crs": UTM32}) == [sandvika.pk]
    # The same box a metre off the point, on each side, misses it: the edges are exact.
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        x, y = east + dx * 51, north + dy * 51
        near = f"{x - 50},{y - 50},{x + 50},{y + 50}"
        assert ids(bbox=near, **{"bbox-crs": UTM32}) == []


def test_area_collections_in_utm(api):
    body = api.get("/ogc/collections/kommune/items", {"crs": UTM32}).json()
    ring = body["features"][0]["geometry"]["coordinates"][0][0]
    assert all(500_000 < x < 700_000 and 6_600_000 < y < 6_700_000 for x, y in ring)
    flipped = api.get("/ogc/collections/kommune/items", {"crs": EPSG4326}).json()
    lat, lon = flipped["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 59 < lat < 60.2 and 10 < lon < 11


@pytest.mark.parametrize(
    "params",
    [
        {"crs": "EPSG:25832"},
        {"crs": "http://www.opengis.net/def/crs/EPSG/0/3857"},
        {"bbox-crs": "urn:ogc:def:crs:EPSG::25832", "bbox": "1,2,3,4"},
        {"bbox-crs": UTM32, "bbox": "-9e9,-9e9,-8e9,-8e9"},
        {"bbox-crs": UTM32, "bbox": "600000,6650000,590000,6660000"},
        {"bbox-crs": EPSG4326, "bbox": "95,10,96,11"},  # latitude first: 95 is no latitude
        {"bbox": "10,59,11,60,1"},
        {"bbox": "nan,59,11,60"},
    ],
)
def test_bad_crs_and_bbox_get_400(api, params):
    for path in (ITEMS, "/ogc/collections/delomrade/items"):
        response = api.get(path, params)
        assert response.status_code == 400, params
        assert response.json()["description"]
