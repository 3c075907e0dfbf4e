"""The hotspots as an OGC collection: the same as the workspace's (mapping.hotspots), ranked,
paged, filtered like the proposals, in each CRS, never of fewer than five proposals."""

import pytest

from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db

ITEMS = "/ogc/collections/hotspots/items"


@pytest.fixture
def clusters(campaign):
    sandvika = [make_proposal(campaign, at=SANDVIKA) for _ in range(6)]
    bekkestua = [make_proposal(campaign, at=BEKKESTUA, category="annet") for _ in range(5)]
    make_proposal(campaign, at=LOMMEDALEN)  # alone: in no hotspot
    return sandvika, bekkestua


def test_hotspots_are_ranked_paged_and_filtered(api, clusters):
    sandvika = clusters[0]
    body = api.get(ITEMS).json()
    assert [f["id"] for f in body["features"]] == [1, 2]
    assert body["numberMatched"] == body["numberReturned"] == 2
    first, second = (f["properties"] for f in body["features"])
    assert (first["count"], first["category"]) == (6, "bolig")
    assert sorted(first["proposals"]) == sorted(p.pk for p in sandvika)
    assert (second["count"], second["category"]) == (5, "annet")
    assert body["features"][0]["geometry"]["type"] == "Polygon"

    page = api.get(ITEMS, {"limit": 1}).json()
    following = next(link["href"] for link in page["links"] if link["rel"] == "next")
    assert [f["id"] for f in api.get(following).json()["features"]] == [2]
    only = api.get(ITEMS, {"category": "annet"}).json()["features"]
    assert [f["properties"]["count"] for f in only] == [5]
    assert api.get(f"{ITEMS}/2").json()["properties"]["count"] == 5
    assert api.get(f"{ITEMS}/3").status_code == 404


def test_hotspots_in_utm_with_the_planners_settings(api, clusters):
    utm = api.get(ITEMS, {"crs": "http://www.opengis.net/def/crs/EPSG/0/25832"}).json()
    easting, northing = utm["features"][0]["geometry"]["coordinates"][0][0]
    assert 580_000 < easting < 590_000 and 6_630_000 < northing < 6_650_000
    strict = api.get(ITEMS, {"confidence": "99", "spacing": "300"}).json()["features"]
    assert [f["properties"]["count"] for f in strict] == [6, 5]
    unknown = api.get(ITEMS, {"confidence": "80"})
    assert unknown.status_code == 400 and "confidence" in unknown.json()["description"]
    listed = [c["id"] for c in api.get("/ogc/collections").json()["collections"]]
    assert "hotspots" in listed
