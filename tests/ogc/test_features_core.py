"""OGC API – Features Part 1, Core and GeoJSON, as declared in /ogc/conformance: each
requirement class is exercised here (core: landing page, conformance, collections, items with
bbox, limit, datetime, property filters and next links, one item; geojson: the media types and
bodies). GDAL's OAPIF driver reads it in tests/server/test_ogc_gdal.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mapping.models import Proposal
from ogc.views import CONFORMS_TO
from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db

ITEMS = "/ogc/collections/proposals/items"


def rels(body) -> dict:
    return {link["rel"]: link for link in body["links"]}


def test_landing_page_conformance_and_collections(api, campaign):
    landing = api.get("/ogc/")
    assert landing["Content-Type"] == "application/json"
    links = rels(landing.json())
    assert links["conformance"]["href"].endswith("/ogc/conformance")
    assert links["data"]["href"].endswith("/ogc/collections")
    assert api.get("/ogc/conformance").json()["conformsTo"] == CONFORMS_TO
    listed = {c["id"]: c for c in api.get("/ogc/collections").json()["collections"]}
    assert list(listed) == [
        "proposals",
        "proposal_lines",
        "proposal_areas",
        "hotspots",
        "kommune",
        "delomrade",
        "grunnkrets",
        "valgkrets",
    ]
    proposals = listed["proposals"]
    assert proposals["itemType"] == "feature"
    west, south, east, north = proposals["extent"]["spatial"]["bbox"][0]
    assert west < 10.5 < east and south < 59.9 < north  # Bærum
    items = {link["type"] for link in proposals["links"] if link["rel"] == "items"}
    assert items == {"application/geo+json", "text/html"}
    assert api.get("/ogc/collections/proposals").json()["id"] == "proposals"
    assert api.get("/ogc/collections/finnes-ikke").status_code == 404


def test_items_page_through_next_links_and_only_published(api, campaign):
    made = [make_proposal(campaign, at=SANDVIKA) for _ in range(5)]
    make_proposal(campaign, visibility=Proposal.Visibility.PENDING)
    seen, url = [], f"{ITEMS}?limit=2"
    while url:
        page = api.get(url)
        assert page["Content-Type"] == "application/geo+json"
        body = page.json()
        assert body["type"] == "FeatureCollection"
        assert body["numberReturned"] == len(body["features"]) <= 2
        assert body["numberMatched"] == 5  # the kept counts': exact, and cheap
        seen += [f["id"] for f in body["features"]]
        url = rels(body).get("next", {}).get("href")
    assert sorted(seen) == sorted(p.pk for p in made)


def test_number_matched_is_given_where_the_kept_counts_answer_and_only_there(api, campaign):
    first = make_proposal(campaign, at=SANDVIKA)
    for at in (SANDVIKA, BEKKESTUA):
        make_proposal(campaign, at=at)
    make_proposal(campaign, at=SANDVIKA, category="moteplasser")
    sandvika = first.areas.get(kind="delomrade")
    kept = {
        "": 4,
        "category=bolig": 3,
        f"area={sandvika.code}": 3,
        f"area={sandvika.code}&category=bolig&status=mottatt": 2,
    }
    for query, expected in kept.items():
        assert api.get(f"{ITEMS}?{query}").json()["numberMatched"] == expected, query
    left_out = ["bbox=10.5,59.8,10.6,59.95", "datetime=2020-01-01/..", "channel=map"]
    for query in left_out:  # not kept: counting them would cost as much as reading them
        assert "numberMatched" not in api.get(f"{ITEMS}?{query}").json(), query


def test_bbox_datetime_and_property_filters(api, campaign):
    sandvika = make_proposal(campaign, at=SANDVIKA, category="bolig")
    make_proposal(campaign, at=BEKKESTUA, category="bolig")
    old = make_proposal(campaign, at=LOMMEDALEN, category="annet")
    Proposal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))

    def ids(**params):
        return sorted(f["id"] for f in api.get(ITEMS, params).json()["features"])

    assert ids(bbox="10.50,59.88,10.55,59.90") == [sandvika.pk]
    assert ids(category="annet") == [old.pk]
    last_year = (timezone.now() - timedelta(days=300)).date().isoformat()
    assert old.pk not in ids(datetime=f"{last_year}/..")
    assert ids(datetime=f"../{last_year}") == [old.pk]
    instant = Proposal.objects.get(pk=old.pk).created_at.isoformat()
    assert ids(datetime=instant) == [old.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "ti"},
        {"bbox": "10,59,11"},
        {"bbox": "a,b,c,d"},
        {"datetime": "i går"},
        {"datetime": "2026-01-01T00:00:00"},
        {"datetime": "2026-02-01/2026-01-01"},
        {"category": "finnes-ikke"},
        {"sortby": "title"},
    ],
)
def test_bad_parameters_get_400_with_a_message(api, params):
    response = api.get(ITEMS, params)
    assert response.status_code == 400
    assert response.json()["code"] == "InvalidParameterValue"
    assert response.json()["description"]


def test_a_limit_above_the_maximum_is_served_as_the_maximum(api, campaign, monkeypatch):
    from mapping.list_query import Limits
    from ogc import params

    monkeypatch.setattr(params, "OGC_LIMITS", Limits(default=10, most=2, clamp=True))
    for _ in range(3):
        make_proposal(campaign)
    assert api.get(ITEMS, {"limit": "50"}).json()["numberReturned"] == 2


def test_one_item_with_links_and_a_hidden_one_is_404(api, campaign):
    proposal = make_proposal(campaign, at=SANDVIKA)
    hidden = make_proposal(campaign, visibility=Proposal.Visibility.HIDDEN)
    item = api.get(f"{ITEMS}/{proposal.pk}")
    assert item["Content-Type"] == "application/geo+json"
    body = item.json()
    assert body["type"] == "Feature" and body["id"] == proposal.pk
    assert body["geometry"]["coordinates"] == list(SANDVIKA)
    assert rels(body)["collection"]["href"].endswith("/ogc/collections/proposals")
    assert api.get(f"{ITEMS}/{hidden.pk}").status_code == 404


def test_an_area_kind_is_a_collection_paged_by_next_links(api):
    from geo.models import Area

    seen, url = [], "/ogc/collections/delomrade/items?limit=5"
    while url:
        body = api.get(url).json()
        assert body["numberReturned"] == len(body["features"]) <= 5
        assert body["numberMatched"] == Area.objects.filter(kind="delomrade").count()
        seen += body["features"]
        url = rels(body).get("next", {}).get("href")
    delomrader = Area.objects.filter(kind="delomrade")
    assert sorted(f["id"] for f in seen) == sorted(delomrader.values_list("pk", flat=True))
    sandvika = next(f for f in seen if f["properties"]["name"] == "Sandvika-Valler")
    assert sandvika["properties"] == {
        "code": "320114",
        "name": "Sandvika-Valler",
        "kind": "delomrade",
        "kind_name": "Delområde",
    }
    assert sandvika["geometry"]["type"] == "MultiPolygon"
    near = api.get("/ogc/collections/delomrade/items", {"bbox": "10.52,59.88,10.53,59.89"}).json()
    assert "Sandvika-Valler" in [f["properties"]["name"] for f in near["features"]]
    assert len(near["features"]) < len(seen)
    one = api.get(f"/ogc/collections/delomrade/items/{sandvika['id']}").json()
    assert one["properties"]["code"] == "320114"
    assert api.get(f"/ogc/collections/grunnkrets/items/{sandvika['id']}").status_code == 404


@pytest.mark.parametrize(
    "params", [{"limit": "-1"}, {"bbox": "1,2,3"}, {"cursor": "x"}, {"category": "bolig"}]
)
def test_bad_parameters_on_an_area_collection_get_400(api, params):
    response = api.get("/ogc/collections/grunnkrets/items", params)
    assert response.status_code == 400 and response.json()["description"]
