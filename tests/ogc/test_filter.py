"""OGC API – Features Part 3 and CQL2: the queryables, and filters in CQL2 text and JSON
(comparison, LIKE, IN, BETWEEN, AND/OR/NOT, S_INTERSECTS with a polygon or BBOX) on the items;
each declared conformance class of filtering is exercised here. A bad filter is a 400 that says
what is wrong."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from mapping import services
from mapping.models import Proposal
from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db

ITEMS = "/ogc/collections/proposals/items"
UTM32 = "http://www.opengis.net/def/crs/EPSG/0/25832"
# Around Sandvika, not Bekkestua nor Lommedalen.
SANDVIKA_POLYGON = "POLYGON((10.50 59.88, 10.54 59.88, 10.54 59.90, 10.50 59.90, 10.50 59.88))"


@pytest.fixture
def three(campaign):
    sandvika = make_proposal(
        campaign, at=SANDVIKA, category="bolig", title="Sykkelvei til stasjonen"
    )
    bekkestua = make_proposal(campaign, at=BEKKESTUA, category="bolig", title="Sykkelparkering")
    lommedalen = make_proposal(campaign, at=LOMMEDALEN, category="annet", title="Benk ved elva")
    Proposal.objects.filter(pk=bekkestua.pk).update(support_count=7)
    Proposal.objects.filter(pk=lommedalen.pk).update(
        support_count=3, created_at=timezone.now() - timedelta(days=400)
    )
    return sandvika, bekkestua, lommedalen


def ids(client, cql, lang="cql2-text", **params):
    text = json.dumps(cql) if lang == "cql2-json" else cql
    response = client.get(ITEMS, {"filter": text, "filter-lang": lang, **params})
    assert response.status_code == 200, response.json()
    return sorted(f["id"] for f in response.json()["features"])


def test_the_issue_s_example_in_text_and_json(api, three):
    sandvika, *_ = three
    text = f"category = 'bolig' AND S_INTERSECTS(geometry, {SANDVIKA_POLYGON})"
    assert ids(api, text) == [sandvika.pk]
    polygon = {
        "type": "Polygon",
        "coordinates": [
            [[10.50, 59.88], [10.54, 59.88], [10.54, 59.90], [10.50, 59.90], [10.50, 59.88]]
        ],
    }
    cql = {
        "op": "and",
        "args": [
            {"op": "=", "args": [{"property": "category"}, "bolig"]},
            {"op": "s_intersects", "args": [{"property": "geometry"}, polygon]},
        ],
    }
    assert ids(api, cql, "cql2-json") == [sandvika.pk]


def test_comparisons_like_in_between_and_logic(api, three):
    sandvika, bekkestua, lommedalen = three
    assert ids(api, "support_count > 5") == [bekkestua.pk]
    assert ids(api, "support_count <> 7") == sorted([sandvika.pk, lommedalen.pk])
    assert ids(api, "3 <= support_count") == sorted([bekkestua.pk, lommedalen.pk])
    assert ids(api, "title LIKE 'Sykkel%'") == sorted([sandvika.pk, bekkestua.pk])
    assert ids(api, "title LIKE 'Benk ved elv_'") == [lommedalen.pk]
    assert ids(api, "title NOT LIKE '%stasjonen'") == sorted([bekkestua.pk, lommedalen.pk])
    assert ids(api, "title LIKE 'sykkel%'") == []  # LIKE is case-sensitive
    assert ids(api, "category IN ('annet', 'natur')") == [lommedalen.pk]
    assert ids(api, "category NOT IN ('annet')") == sorted([sandvika.pk, bekkestua.pk])
    assert ids(api, "support_count BETWEEN 1 AND 5") == [lommedalen.pk]
    assert ids(api, "category = 'annet' OR support_count = 7") == sorted(
        [bekkestua.pk, lommedalen.pk]
    )
    assert ids(api, "NOT (category = 'bolig')") == [lommedalen.pk]
    last_year = (timezone.now() - timedelta(days=300)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(api, f"created_at < TIMESTAMP('{last_year}')") == [lommedalen.pk]
    today = timezone.now().date().isoformat()
    assert ids(api, f"created_at >= DATE('{today}')") == sorted([sandvika.pk, bekkestua.pk])
    assert ids(api, "status = 'mottatt' AND channel = 'api'") == sorted(p.pk for p in three)
    assert ids(api, "title IS NULL") == []
    assert ids(api, "title IS NOT NULL") == sorted(p.pk for p in three)
    in_json = {"op": "in", "args": [{"property": "support_count"}, [3, 7]]}
    assert ids(api, in_json, "cql2-json") == sorted([bekkestua.pk, lommedalen.pk])
    like_json = {"op": "like", "args": [{"property": "title"}, "Sykkelp%"]}
    assert ids(api, like_json, "cql2-json") == [bekkestua.pk]


def test_spatial_with_bbox_and_in_utm_and_with_other_parameters(api, three):
    sandvika, bekkestua, _ = three
    assert ids(api, f"S_INTERSECTS(geometry, POINT({SANDVIKA[0]} {SANDVIKA[1]}))") == [sandvika.pk]
    assert ids(api, "S_INTERSECTS(geometry, BBOX(10.5, 59.88, 10.6, 59.93))") == sorted(
        [sandvika.pk, bekkestua.pk]
    )
    box = (
        "POLYGON((584000 6639000, 586000 6639000, 586000 6641000, 584000 6641000, 584000 6639000))"
    )
    assert ids(api, f"S_INTERSECTS(geometry, {box})", **{"filter-crs": UTM32}) == [sandvika.pk]
    # A filter narrows what the other parameters give, and pages keep it.
    assert ids(api, "title LIKE 'Sykkel%'", bbox="10.58,59.91,10.60,59.93") == [bekkestua.pk]
    first = api.get(ITEMS, {"filter": "category = 'bolig'", "limit": 1}).json()
    following = api.get(next(link["href"] for link in first["links"] if link["rel"] == "next"))
    assert {f["id"] for f in first["features"] + following.json()["features"]} == {
        sandvika.pk,
        bekkestua.pk,
    }


def test_areas_and_tags_by_code_and_slug_with_what_the_viewer_may_see(api, planner_api, three):
    sandvika, bekkestua, _ = three
    # SANDVIKA lies in delområde Jong (320115).
    assert ids(api, "area = '320115'") == [sandvika.pk]
    assert ids(api, "area IN ('320115', '9999')") == [sandvika.pk]
    public = services.tag_create(campaign=sandvika.campaign, name="Trafikk", is_public=True)
    internal = services.tag_create(campaign=sandvika.campaign, name="Sjekkes", is_public=False)
    services.proposals_tag(tag=public, proposals=Proposal.objects.filter(pk=sandvika.pk))
    services.proposals_tag(tag=internal, proposals=Proposal.objects.filter(pk=bekkestua.pk))
    assert ids(api, f"tag = '{public.slug}'") == [sandvika.pk]
    assert ids(api, f"tag = '{internal.slug}'") == []  # the public does not see internal tags
    assert ids(planner_api, f"tag = '{internal.slug}'") == [bekkestua.pk]
    assert ids(planner_api, f"tag <> '{internal.slug}'") == sorted(
        p.pk for p in three if p != bekkestua
    )


def test_planners_filter_on_visibility_the_public_may_not(api, planner_api, campaign):
    pending = make_proposal(campaign, visibility=Proposal.Visibility.PENDING)
    assert ids(planner_api, "visibility = 'pending'") == [pending.pk]
    response = api.get(ITEMS, {"filter": "visibility = 'pending'"})
    assert response.status_code == 400 and "visibility" in response.json()["description"]


def test_queryables_are_a_json_schema_with_what_the_viewer_may_ask(api, planner_api):
    body = api.get("/ogc/collections/proposals/queryables")
    assert body["Content-Type"] == "application/schema+json"
    schema = body.json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    properties = schema["properties"]
    assert properties["geometry"]["format"] == "geometry-any"  # pins, lines or areas
    assert properties["created_at"] == {
        "title": "Opprettet",
        "type": "string",
        "format": "date-time",
    }
    assert "mottatt" in properties["status"]["enum"]
    assert "visibility" not in properties
    assert (
        "visibility"
        in planner_api.get("/ogc/collections/proposals/queryables").json()["properties"]
    )
    links = api.get("/ogc/collections/proposals").json()["links"]
    rels = {link["rel"] for link in links}
    assert "http://www.opengis.net/def/rel/ogc/1.0/queryables" in rels
    assert api.get("/ogc/collections/kommune/queryables").status_code == 404


def test_queryables_as_query_parameters(api, three):
    sandvika = three[0]
    response = api.get(ITEMS, {"category": "bolig", "area": "320115"})
    assert [f["id"] for f in response.json()["features"]] == [sandvika.pk]


@pytest.mark.parametrize(
    ("cql", "lang", "says"),
    [
        ("category = ", None, "not CQL2 text"),
        ("kategori = 'bolig'", None, "no queryable 'kategori'"),
        ("support_count = 'mange'", None, "support_count takes a integer"),
        ("title = 5", None, "title takes a string"),
        ("status = 'kanskje'", None, "status is one of"),
        ("created_at > '2026-01-01'", None, "TIMESTAMP"),
        ("title LIKE 5", None, "LIKE"),
        ("geometry = 'x'", None, "S_INTERSECTS"),
        ("area > '3201'", None, "area takes =, <> or IN"),
        ("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", None, "not valid"),
        ("S_CROSSES(geometry, POINT(10 59))", None, "not supported"),
        ("CASEI(title) = 'x'", None, "not supported"),
        ("support_count = support_count", None, "one queryable with a value"),
        ("support_count", None, "not CQL2 text"),
        ('"bolig"', "cql2-json", "condition"),
        ("category = 'bolig'", "cql2-xml", "filter-lang"),
        ("{not json", "cql2-json", "not CQL2 JSON"),
        ('{"op": "=", "args": [{"property": "kategori"}, "x"]}', "cql2-json", "kategori"),
        ('{"op": "bogus"}', "cql2-json", "not CQL2 JSON"),
        ("NOT " * 2000 + "category = 'bolig'", None, "filter"),
    ],
)
def test_bad_filters_get_400_saying_what_is_wrong(api, campaign, cql, lang, says):
    params = {"filter": cql, **({"filter-lang": lang} if lang else {})}
    response = api.get(ITEMS, params)
    assert response.status_code == 400, response.content[:200]
    assert response.json()["code"] == "InvalidParameterValue"
    assert says in response.json()["description"]


def test_a_bad_filter_crs_gets_400(api, campaign):
    response = api.get(ITEMS, {"filter": "category = 'bolig'", "filter-crs": "EPSG:3857"})
    assert response.status_code == 400 and "filter-crs" in response.json()["description"]
