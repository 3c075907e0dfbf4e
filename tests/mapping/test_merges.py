"""Duplicates: suggested as groups, merged into one primary with the others' text kept and
supports combined per browser, shown on the permalink, logged and undone."""

import pytest
from django.core import mail
from django.db.models import Sum
from django.test import Client

from mapping import services
from mapping.models import GridCell, ModerationAction, Proposal
from tests.conftest import run_jobs
from tests.factories import BEKKESTUA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db

NEAR = (SANDVIKA_STATION[0] + 0.0002, SANDVIKA_STATION[1])  # about 11 m east


@pytest.fixture
def twins(campaign):
    """Two near-identical proposals at the station, a different one beside them, and a copy
    of the text far away."""
    title, body = "Trygg overgang ved stasjonen", "Lag en trygg overgang for barn ved stasjonen."
    return {
        "first": make_proposal(
            campaign, at=SANDVIKA_STATION, title=title, body=body, email="a@x.no"
        ),
        "second": make_proposal(campaign, at=NEAR, title=title + "!", body=body, email="b@x.no"),
        "other": make_proposal(campaign, at=NEAR, title="Flere benker", body="Benker i parken."),
        "far": make_proposal(campaign, at=BEKKESTUA, title=title, body=body),
    }


def test_near_identical_proposals_close_together_are_suggested(planner_client, twins):
    groups = planner_client.get("/api/v1/duplicates/").json()
    assert [[p["id"] for p in group] for group in groups] == [
        [twins["first"].pk, twins["second"].pk]  # the older first, with equal supports
    ]
    assert planner_client.get("/api/v1/duplicates/", {"distance": "1"}).status_code == 400
    assert Client().get("/api/v1/duplicates/").status_code == 403


def test_merging_keeps_text_combines_supports_and_can_be_undone(planner, planner_client, twins):
    first, second = twins["first"], twins["second"]
    for token in ("browser-a", "browser-b"):
        services.proposal_support(proposal=first, supporter=token)
    for token in ("browser-b", "browser-c"):
        services.proposal_support(proposal=second, supporter=token)

    def pyramid():
        cells = GridCell.objects.filter(level=18, visibility="published")
        return cells.aggregate(n=Sum("count"))["n"]

    answer = planner_client.post(
        f"/api/v1/proposals/{first.pk}/merge/",
        {"proposals": [second.pk]},
        content_type="application/json",
    )
    assert answer.status_code == 200
    properties = answer.json()["properties"]
    assert properties["support_count"] == 3  # browser-b once
    assert properties["merged"][0]["body"] == second.body
    second.refresh_from_db()
    assert second.visibility == Proposal.Visibility.MERGED and second.merged_into == first
    listed = Client().get("/api/v1/proposals/").json()["features"]
    assert second.pk not in [f["id"] for f in listed]
    assert pyramid() == 3  # first, other, far: the merged one left the map

    # A browser that supported the duplicate does not count again on the primary.
    assert services.proposal_support(proposal=first, supporter="browser-c") is None
    assert services.proposal_support(proposal=second, supporter="browser-d").counted
    first.refresh_from_db()
    assert first.support_count == 4

    page = Client().get(f"/forslag/{first.pk}/")
    assert "1 lignende forslag er slått sammen her" in page.content.decode()
    assert second.body in page.content.decode()
    assert Client().get(f"/forslag/{second.pk}/")["Location"] == (
        f"/forslag/{first.pk}/#forslag-{second.pk}"
    )
    actions = ModerationAction.objects.filter(action=ModerationAction.Action.MERGE)
    assert {a.proposal_id for a in actions} == {first.pk, second.pk}

    undone = planner_client.post(f"/api/v1/proposals/{second.pk}/unmerge/")
    assert undone.status_code == 200
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.visibility == Proposal.Visibility.PUBLISHED and second.merged_into is None
    assert (first.support_count, second.support_count) == (3, 2)  # a, b, d / b, c
    assert pyramid() == 4
    assert ModerationAction.objects.filter(action=ModerationAction.Action.UNMERGE).count() == 2


def test_merged_authors_are_told_when_the_primary_is_answered(planner, twins):
    services.proposals_merge(primary=twins["first"], duplicates=[twins["second"].pk], user=planner)
    services.proposal_set_status(
        proposal=twins["first"], status="innarbeidet", answer="Tas med i planen.", user=planner
    )
    run_jobs()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@x.no", "b@x.no"]
    assert "Tas med i planen." in mail.outbox[1].body


@pytest.mark.parametrize("case", ["hidden primary", "pending duplicate", "itself", "unknown"])
def test_what_cannot_be_merged_is_refused(planner_client, twins, case):
    first, second = twins["first"], twins["second"]
    duplicates = [second.pk]
    if case == "hidden primary":
        Proposal.objects.filter(pk=first.pk).update(visibility="hidden")
    elif case == "pending duplicate":
        Proposal.objects.filter(pk=second.pk).update(visibility="pending")
    elif case == "itself":
        duplicates = [first.pk]
    else:
        duplicates = [10**9]
    answer = planner_client.post(
        f"/api/v1/proposals/{first.pk}/merge/",
        {"proposals": duplicates},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert not Proposal.objects.filter(visibility=Proposal.Visibility.MERGED).exists()


def test_only_a_merged_duplicate_can_be_unmerged(planner_client, twins):
    answer = planner_client.post(f"/api/v1/proposals/{twins['first'].pk}/unmerge/")
    assert answer.status_code == 400
