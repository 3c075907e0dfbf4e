"""Traceable outcomes: proposals, a tag's or a hotspot's linked to a plan or case, shown on the
permalink; residents follow a proposal by e-mail with double opt-in and one-click unsubscribe."""

import re

import pytest
from django.core import mail
from django.test import Client

from mapping import services
from mapping.models import Follower, Tag
from mapping.retention import emails_anonymise
from tests.conftest import run_jobs
from tests.factories import BEKKESTUA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db

PLAN = {
    "name": "kommuneplanens arealdel 2026–2040",
    "case_number": "26/1234",
    "url": "https://www.baerum.kommune.no/kpa",
    "decided_on": "2026-11-20",
}


@pytest.fixture
def outcome(planner_client, campaign):
    answer = planner_client.post(
        "/api/v1/outcomes/", {**PLAN, "campaign": campaign.pk}, content_type="application/json"
    )
    assert answer.status_code == 201
    return answer.json()


def link(client, outcome, body):
    url = f"/api/v1/outcomes/{outcome['id']}/proposals/"
    return client.post(url, body, content_type="application/json")


def test_a_tags_proposals_are_linked_and_the_permalink_shows_where_they_went(
    planner, planner_client, campaign, outcome
):
    tagged = make_proposal(campaign, at=SANDVIKA_STATION, title="Skolevei")
    untagged = make_proposal(campaign, at=BEKKESTUA, title="Park")
    tag = services.tag_create(campaign=campaign, name="Skolevei")
    services.proposals_tag(tag=tag, proposals=tag.campaign.proposals.filter(pk=tagged.pk))
    services.proposal_set_status(proposal=tagged, status="innarbeidet", answer="", user=planner)

    assert link(planner_client, outcome, {"tag": [tag.slug]}).json() == {"linked": 1, "count": 1}
    page = Client().get(f"/forslag/{tagged.pk}/").content.decode()
    assert "Innarbeidet i kommuneplanens arealdel 2026–2040 (sak 26/1234)" in page
    assert 'href="https://www.baerum.kommune.no/kpa"' in page
    detail = Client().get(f"/api/v1/proposals/{tagged.pk}/").json()["properties"]
    assert detail["outcome"] == {"id": outcome["id"], **PLAN}
    assert Client().get(f"/api/v1/proposals/{untagged.pk}/").json()["properties"]["outcome"] is None
    listed = Client().get("/api/v1/outcomes/").json()
    assert [(o["name"], o["count"]) for o in listed] == [(PLAN["name"], 1)]


def test_a_hotspots_proposals_are_linked_by_their_ids_and_one_is_unlinked(
    planner_client, campaign, outcome
):
    inside = [make_proposal(campaign, at=SANDVIKA_STATION) for _ in range(2)]
    outside = make_proposal(campaign, at=BEKKESTUA)
    ids = ",".join(str(p.pk) for p in inside)
    assert link(planner_client, outcome, {"id": ids}).json()["linked"] == 2
    assert not Tag.objects.exists() and outside.outcome is None
    unlinked = planner_client.put(
        f"/api/v1/proposals/{inside[0].pk}/outcome/",
        {"outcome": None},
        content_type="application/json",
    )
    assert unlinked.json()["properties"]["outcome"] is None


def test_outcomes_are_for_planners_and_checked(planner_client, campaign, outcome):
    resident = Client().post(
        "/api/v1/outcomes/", {**PLAN, "campaign": campaign.pk}, content_type="application/json"
    )
    assert resident.status_code == 403
    assert link(Client(), outcome, {}).status_code == 403
    bad = planner_client.post(
        "/api/v1/outcomes/",
        {**PLAN, "campaign": campaign.pk, "url": "javascript:alert(1)", "decided_on": "soon"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"url", "decided_on"} <= set(bad.json())


def _link_in(message, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({path}[^\s]*)", message.body).group(1)


def test_a_resident_follows_confirms_is_told_and_unsubscribes_in_one_click(
    planner, planner_client, campaign, outcome
):
    proposal = make_proposal(campaign, at=SANDVIKA_STATION)
    resident = Client()
    asked = resident.post(f"/forslag/{proposal.pk}/folg/", {"email": "Kari@Example.no"})
    run_jobs()
    assert asked.status_code == 302
    confirm = _link_in(mail.outbox[-1], "/folg/")
    assert mail.outbox[-1].to == ["kari@example.no"]

    # Unconfirmed, the address hears nothing.
    services.proposal_set_status(
        proposal=proposal, status="under_vurdering", answer="", user=planner
    )
    run_jobs()
    assert len(mail.outbox) == 1

    assert "Bekreft at jeg vil følge" in resident.get(confirm).content.decode()
    assert Follower.objects.get().confirmed_at is None  # opening the link is not confirming
    resident.post(confirm)
    link(planner_client, outcome, {"id": str(proposal.pk)})
    run_jobs()
    told = mail.outbox[-1]
    assert told.to == ["kari@example.no"]
    assert "kommuneplanens arealdel 2026–2040 (sak 26/1234)" in told.body
    unsubscribe = _link_in(told, "/folg/")
    assert told.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in told.extra_headers["List-Unsubscribe"]

    # The mail client's one-click POST carries no session and no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 302
    assert not Follower.objects.exists()
    assert "følger ikke forslaget lenger" in Client().get(unsubscribe).content.decode()


def test_follow_rejects_a_bad_address_and_the_api_answers_alike(campaign):
    proposal = make_proposal(campaign, at=SANDVIKA_STATION)
    page = Client().post(f"/forslag/{proposal.pk}/folg/", {"email": "ikke-en-adresse"})
    assert page.status_code == 400 and not Follower.objects.exists()
    api = Client().post(
        f"/api/v1/proposals/{proposal.pk}/follow/",
        {"email": "ola@example.no"},
        content_type="application/json",
    )
    assert api.status_code == 202 and Follower.objects.get().email == "ola@example.no"


def test_followers_are_removed_by_the_retention_rules(campaign):
    from datetime import timedelta

    from django.utils import timezone

    proposal = make_proposal(campaign, at=SANDVIKA_STATION)
    confirmed = services.follower_create(proposal=proposal, email="a@example.no")
    services.follower_confirm(token=confirmed.token)
    stale = services.follower_create(proposal=proposal, email="b@example.no")
    Follower.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=8))
    emails_anonymise(older_than_days=90, dry_run=False)
    assert list(Follower.objects.values_list("email", flat=True)) == ["a@example.no"]
    campaign.closes_at = timezone.now() - timedelta(days=91)
    campaign.save()
    report = emails_anonymise(older_than_days=90, dry_run=False)
    assert report == {campaign.title: 1} and not Follower.objects.exists()
