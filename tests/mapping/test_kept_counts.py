"""The kept counts (per area and per week) equal a fresh count after every kind of write, and
the numbers tab answers from them exactly as from the proposals."""

import json

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client

from mapping import services
from mapping.area_stats import area_stats_geojson
from mapping.filters import proposal_filter
from mapping.kept_counts import kept_filter
from mapping.models import Category, Proposal
from mapping.synthetic import synthetic_proposals_load
from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA_STATION, make_proposal, point

pytestmark = pytest.mark.django_db

FRESH_AREAS = """
SELECT p.campaign_id, link.area_id, p.category_id, p.status, p.visibility, count(*)
FROM mapping_proposal AS p JOIN mapping_proposal_areas AS link ON link.proposal_id = p.id
GROUP BY 1, 2, 3, 4, 5
"""
KEPT_AREAS = """
SELECT campaign_id, area_id, category_id, status, visibility, count
FROM mapping_areacount WHERE count <> 0
"""
FRESH_WEEKS = """
SELECT campaign_id, date_trunc('week', created_at AT TIME ZONE 'Europe/Oslo')::date,
       category_id, status, visibility, count(*)
FROM mapping_proposal GROUP BY 1, 2, 3, 4, 5
"""
KEPT_WEEKS = """
SELECT campaign_id, week, category_id, status, visibility, count
FROM mapping_weekcount WHERE count <> 0
"""


def rows(sql: str) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return set(cursor.fetchall())


def assert_kept_exact():
    assert rows(KEPT_AREAS) == rows(FRESH_AREAS)
    assert rows(KEPT_WEEKS) == rows(FRESH_WEEKS)


def test_kept_counts_stay_exact_through_every_kind_of_write(campaign, planner):
    first = make_proposal(campaign, at=SANDVIKA_STATION, title="Trygg kryssing ved stasjonen")
    second = make_proposal(campaign, at=SANDVIKA_STATION, title="Trygg kryssing ved stasjonen!")
    third = make_proposal(campaign, at=BEKKESTUA)
    assert_kept_exact()  # insert
    services.proposal_set_status(proposal=first, status="innarbeidet", answer="", user=planner)
    assert_kept_exact()  # status
    services.proposal_moderate(proposal=third, action="hide", reason="Spam", user=planner)
    assert_kept_exact()  # moderation
    services.proposal_moderate(proposal=third, action="publish", reason="", user=planner)
    services.proposals_merge(primary=first, duplicates=[second.pk], user=planner)
    assert_kept_exact()  # merge
    services.proposal_unmerge(proposal=second, user=planner)
    assert_kept_exact()  # undo
    other = Category.objects.filter(campaign=campaign).exclude(pk=third.category_id).first()
    services.proposal_update(
        proposal=third, user=planner, location=point(LOMMEDALEN), category=other
    )
    assert_kept_exact()  # moved to other areas, another category
    third.delete()
    assert_kept_exact()  # delete through Django (links first)
    with connection.cursor() as cursor:  # delete in SQL, proposal first
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("DELETE FROM mapping_proposal WHERE id = %s", [second.pk])
        for table in ("mapping_proposal_areas", "mapping_moderationaction"):
            cursor.execute(f"DELETE FROM {table} WHERE proposal_id = %s", [second.pk])  # noqa: S608
    assert_kept_exact()
    synthetic_proposals_load(campaign=campaign, count=300, seed=0.5)
    assert_kept_exact()  # bulk load, recounted once
    services.proposal_areas_reassign_all()
    assert_kept_exact()  # boundaries re-imported


@pytest.mark.parametrize(
    "query", [{}, {"category": ["bolig"]}, {"status": ["mottatt"], "visibility": ["published"]}]
)
def test_the_numbers_per_area_from_kept_counts_equal_a_fresh_count(
    campaign, planner, planner_client, query
):
    synthetic_proposals_load(campaign=campaign, count=300, seed=0.3)
    hidden = Proposal.objects.filter(campaign=campaign).first()
    services.proposal_moderate(proposal=hidden, action="hide", reason="Test", user=planner)
    for client, moderator in ((Client(), False), (planner_client, True)):
        params = {"campaign": str(campaign.pk), **query}
        answer = client.get("/api/v1/stats/areas/", {**params, "kind": "grunnkrets"}).json()
        filters = QueryDict(mutable=True)
        for key, value in params.items():
            filters.setlist(key, value if isinstance(value, list) else [value])
        user = planner if moderator else None
        filterset = proposal_filter(filters, user=user)
        assert kept_filter(filterset, moderator=moderator) is not None
        fresh = json.loads(area_stats_geojson(proposals=filterset.qs, kept=None, kind="grunnkrets"))
        assert answer == fresh
        assert answer["total"] == filterset.qs.count() > 0
        weeks = client.get("/api/v1/stats/weeks/", params).json()
        assert sum(week["count"] for week in weeks) == answer["total"]


def test_a_filter_the_counts_are_not_kept_by_falls_back_to_the_proposals(campaign):
    synthetic_proposals_load(campaign=campaign, count=100, seed=0.7)
    filterset = proposal_filter(QueryDict("area=320114&q=sykkel"), user=None)
    assert kept_filter(filterset, moderator=False) is None
    answer = Client().get("/api/v1/stats/areas/", {"area": "320114", "kind": "delomrade"}).json()
    in_area = Proposal.objects.filter(areas__code="320114", visibility="published").count()
    assert answer["total"] == in_area


def test_a_cached_answer_lasts_only_until_the_next_write(campaign, planner):
    query = {"campaign": campaign.pk, "kind": "delomrade"}
    before = Client().get("/api/v1/stats/areas/", query).json()["total"]
    assert Client().get("/api/v1/stats/areas/", query).json()["total"] == before  # cached
    proposal = make_proposal(campaign, at=SANDVIKA_STATION)
    assert Client().get("/api/v1/stats/areas/", query).json()["total"] == before + 1
    services.proposal_moderate(proposal=proposal, action="hide", reason="Test", user=planner)
    assert Client().get("/api/v1/stats/areas/", query).json()["total"] == before
