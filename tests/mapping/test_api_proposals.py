"""The proposals API: GeoJSON list and detail, filters, create, every bad input, e-mail privacy."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from mapping.models import Proposal
from tests.factories import (
    BEKKESTUA,
    FJORD,
    KADETTANGEN,
    LOMMEDALEN,
    OSLO,
    SANDVIKA,
    SANDVIKA_STATION,
    feature,
    make_proposal,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"
MARKER_EMAIL = "marker.person+secret@example.no"


# The author of the proposals posted here gave a name and an e-mail address.
AUTHOR = {"name": "Kari", "email": MARKER_EMAIL}


def post(api, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return api.post(URL, data=data, content_type="application/json")


# ---- Reading --------------------------------------------------------------------------------


def test_list_is_a_geojson_feature_collection_with_lon_lat(api, campaign):
    proposal = make_proposal(campaign, at=SANDVIKA)
    body = api.get(URL).json()
    assert body["type"] == "FeatureCollection"
    assert body["next"] is None
    [item] = body["features"]
    assert item["type"] == "Feature"
    assert item["id"] == proposal.pk
    assert item["geometry"] == {"type": "Point", "coordinates": [10.52, 59.89]}
    assert item["properties"]["category"] == "bolig"
    assert item["properties"]["title"] == proposal.title


def test_list_hides_pending_and_hidden_proposals(api, campaign):
    shown = make_proposal(campaign)
    make_proposal(campaign, visibility=Proposal.Visibility.PENDING)
    make_proposal(campaign, visibility=Proposal.Visibility.HIDDEN)
    assert [f["id"] for f in api.get(URL).json()["features"]] == [shown.pk]


def test_detail_lists_the_areas_and_hides_unpublished(api, campaign):
    proposal = make_proposal(campaign, at=SANDVIKA_STATION)
    body = api.get(f"{URL}{proposal.pk}/").json()
    assert {"kind": "delomrade", "code": "320114", "name": "Sandvika-Valler"} in body["properties"][
        "areas"
    ]
    pending = make_proposal(campaign, visibility=Proposal.Visibility.PENDING)
    assert api.get(f"{URL}{pending.pk}/").status_code == 404
    assert api.get(f"{URL}999999/").status_code == 404


@pytest.mark.parametrize("ordering", ["-created", "created", "title", "-supports", "status"])
def test_cursor_pages_cover_every_row_once_in_order(api, campaign, ordering):
    made = [make_proposal(campaign, title=f"Forslag {n % 3}") for n in range(7)]
    seen, url, params = [], URL, {"limit": 3, "ordering": ordering}
    while url:
        body = api.get(url, params).json()
        assert len(body["features"]) <= 3
        seen += [f["id"] for f in body["features"]]
        url, params = body["next"], None
    assert sorted(seen) == sorted(p.pk for p in made)
    assert len(seen) == len(set(seen))
    if ordering == "title":
        titles = [Proposal.objects.get(pk=pk).title for pk in seen]
        assert titles == sorted(titles)


def test_the_sql_features_equal_the_serializer(api, campaign):
    from datetime import datetime

    from mapping.api.serializers import ProposalSerializer

    proposal = make_proposal(campaign, at=SANDVIKA)
    [from_sql] = api.get(URL).json()["features"]
    from_serializer = ProposalSerializer(Proposal.objects.get(pk=proposal.pk)).data
    sql_time = datetime.fromisoformat(from_sql["properties"].pop("created_at"))
    serializer_time = datetime.fromisoformat(from_serializer["properties"].pop("created_at"))
    assert sql_time == serializer_time
    assert json.loads(json.dumps(from_serializer)) == from_sql


def test_count_is_bounded(api, campaign, monkeypatch):
    from mapping import geojson_sql

    for _ in range(4):
        make_proposal(campaign)
    assert api.get(f"{URL}count/").json() == {"count": 4, "exact": True}
    monkeypatch.setattr(geojson_sql, "COUNT_CAP", 3)
    assert api.get(f"{URL}count/").json() == {"count": 3, "exact": False}


def test_list_query_count_does_not_grow_with_rows(api, campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def statements():
        with CaptureQueriesContext(connection) as queries:
            api.get(URL)
        # The test's own transaction adds savepoints around the page's transaction.
        return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]

    for _ in range(2):
        make_proposal(campaign)
    few = statements()
    for _ in range(20):
        make_proposal(campaign, at=BEKKESTUA)
    many = statements()
    # The page, GeoJSON and all, in one statement (with a SET LOCAL for its plan, in the same
    # round trip).
    assert len(few) == len(many) == 1


# ---- Filters --------------------------------------------------------------------------------


@pytest.fixture
def spread(campaign):
    return {
        "sandvika": make_proposal(campaign, at=SANDVIKA_STATION, category="bolig"),
        "bekkestua": make_proposal(campaign, at=BEKKESTUA, category="transport-og-mobilitet"),
        "lommedalen": make_proposal(campaign, at=LOMMEDALEN, category="natur-og-gronnstruktur"),
    }


def ids(response):
    assert response.status_code == 200, response.content
    return {f["id"] for f in response.json()["features"]}


def test_filter_by_bbox(api, spread):
    found = ids(api.get(URL, {"bbox": "10.50,59.88,10.60,59.93"}))
    assert found == {spread["sandvika"].pk, spread["bekkestua"].pk}


def test_filter_by_category_repeatable(api, spread):
    assert ids(api.get(URL, {"category": "bolig"})) == {spread["sandvika"].pk}
    both = ids(api.get(URL, {"category": ["bolig", "natur-og-gronnstruktur"]}))
    assert both == {spread["sandvika"].pk, spread["lommedalen"].pk}


def test_filter_by_area_code_any_of_repeated(api, spread):
    assert ids(api.get(URL, {"area": "320114"})) == {spread["sandvika"].pk}
    both = ids(api.get(URL, {"area": ["320114", "320122"]}))
    assert both == {spread["sandvika"].pk, spread["lommedalen"].pk}
    # A proposal inside two of the listed areas is listed once.
    assert len(api.get(URL, {"area": ["320114", "32011416"]}).json()["features"]) == 1


def test_filter_by_campaign(api, spread, campaign):
    assert len(ids(api.get(URL, {"campaign": campaign.pk}))) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bbox": "10.6,59.9,10.5,59.8"}, "bbox"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"category": "finnes-ikke"}, "category"),
        ({"area": "99999999"}, "area"),
        ({"area": "' OR 1=1 --"}, "area"),
        ({"campaign": "abc"}, "campaign"),
        ({"campaign": "424242"}, "campaign"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"cursor": "bm90IGpzb24"}, "cursor"),
        ({"ordering": "email"}, "ordering"),
    ],
)
def test_bad_filters_get_a_clear_error(api, spread, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


# ---- Creating -------------------------------------------------------------------------------


def test_create_stores_the_proposal_with_areas_and_hides_the_email(api, campaign):
    response = post(api, feature(**AUTHOR))
    assert response.status_code == 201, response.content
    body = response.json()
    proposal = Proposal.objects.get()
    assert body["id"] == proposal.pk
    assert response["Location"].endswith(f"{URL}{proposal.pk}/")
    assert proposal.email == MARKER_EMAIL
    assert proposal.display_name == "Kari"
    assert proposal.campaign == campaign
    assert ("delomrade", "320104") in {(a["kind"], a["code"]) for a in body["properties"]["areas"]}
    assert MARKER_EMAIL not in response.content.decode()


def test_create_accepts_a_beach_pin_inside_the_sea_territory(api, campaign):
    response = post(
        api, feature(**AUTHOR, geometry={"type": "Point", "coordinates": list(KADETTANGEN)})
    )
    assert response.status_code == 201, response.content


def test_email_never_appears_in_any_response(api, campaign):
    post(api, feature(**AUTHOR))
    pk = Proposal.objects.get().pk
    for url in [URL, f"{URL}{pk}/", "/api/v1/campaigns/current/", "/", "/api/schema/"]:
        assert MARKER_EMAIL not in api.get(url).content.decode(), url


def test_create_without_optional_fields(api, campaign):
    body = feature(**AUTHOR)
    del body["properties"]["name"], body["properties"]["email"]
    assert post(api, body).status_code == 201


def point_at(lon_lat):
    return {"type": "Point", "coordinates": list(lon_lat)}


# What a proposal must be in the domain. Broken JSON, broken points and broken bodies of every
# kind are in the hostile catalogue (tests/trust/test_hostile_inputs.py), not repeated here.
BAD_INPUTS = {
    "outside-oslo": (feature(**AUTHOR, geometry=point_at(OSLO)), "geometry"),
    "outside-fjord": (feature(**AUTHOR, geometry=point_at(FJORD)), "geometry"),
    "unknown-category": (feature(**AUTHOR, category="finnes-ikke"), "category"),
    "missing-title": (feature(**AUTHOR, title=""), "title"),
    "blank-title": (feature(**AUTHOR, title="   "), "title"),
    "missing-body": (feature(**AUTHOR, body=""), "body"),
    "missing-category": (feature(**AUTHOR, category=None), "category"),
    "title-too-long": (feature(**AUTHOR, title="x" * 121), "title"),
    "body-too-long": (feature(**AUTHOR, body="x" * 2001), "body"),
    "name-too-long": (feature(**{**AUTHOR, "name": "x" * 81}), "name"),
    "bad-email": (feature(**{**AUTHOR, "email": "not-an-address"}), "email"),
    "not-a-feature": ({**feature(**AUTHOR), "type": "FeatureCollection"}, "type"),
    "no-properties": ({"type": "Feature", "geometry": point_at(BEKKESTUA)}, "properties"),
    "unknown-campaign": (feature(**AUTHOR, campaign=424242), "campaign"),
}


@pytest.mark.parametrize(("body", "field"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_gets_400_with_field_message_and_writes_nothing(api, campaign, body, field):
    response = post(api, body)
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors, errors
    assert not Proposal.objects.exists()


def test_closed_campaign_gets_400(api, campaign):
    campaign.closes_at = timezone.now() - timedelta(hours=1)
    campaign.save()
    response = post(api, feature(**AUTHOR))
    assert response.status_code == 400
    assert "stengt" in response.json()["campaign"][0]
    assert not Proposal.objects.exists()


def test_errors_are_in_norwegian(api, campaign):
    errors = post(api, feature(**AUTHOR, title="", geometry=point_at(OSLO))).json()
    assert errors["title"] == ["Dette feltet må ikke være blankt."]
    errors = post(api, feature(**AUTHOR, geometry=point_at(OSLO))).json()
    assert errors["geometry"][0].startswith("Punktet ligger utenfor Bærum")


def test_wrong_content_type_is_refused(api, campaign):
    response = api.post(URL, data="title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert not Proposal.objects.exists()


def test_the_sql_detail_equals_the_detail_serializer(api, campaign, planner):
    from datetime import datetime

    from mapping.api.serializers import ProposalDetailSerializer
    from mapping.services import comment_create, proposal_set_status

    proposal = make_proposal(campaign, at=SANDVIKA_STATION)
    proposal_set_status(
        proposal=proposal, status="under_vurdering", answer="Ser på det", user=planner
    )
    comment_create(proposal=proposal, body="Enig")
    from_sql = api.get(f"{URL}{proposal.pk}/").json()
    fresh = Proposal.objects.prefetch_related("areas", "status_changes", "photos", "comments").get(
        pk=proposal.pk
    )
    from_serializer = json.loads(json.dumps(ProposalDetailSerializer(fresh).data))

    def times(feature):
        properties = feature["properties"]
        stamps = [properties.pop("created_at"), properties.pop("updated_at")]
        stamps += [step.pop("created_at") for step in properties["status_history"]]
        return [datetime.fromisoformat(s) for s in stamps]

    assert times(from_sql) == times(from_serializer)
    assert from_sql == from_serializer
    assert from_sql["properties"]["comment_count"] == 1


def test_a_filled_honeypot_is_refused(api, campaign):
    response = post(api, feature(**AUTHOR, website="http://spam.example"))
    assert response.status_code == 400
    assert "website" in response.json()
    assert not Proposal.objects.exists()
    assert post(api, feature(**AUTHOR, website="")).status_code == 201
