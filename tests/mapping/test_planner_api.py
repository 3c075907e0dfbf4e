"""Planner endpoints: permissions, moderation, flags, status with answer and e-mail."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from rest_framework.test import APIClient

from mapping.models import ModerationAction, Proposal, StatusChange
from tests.conftest import residents_apart, run_jobs
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


@pytest.fixture
def resident_api():
    client = APIClient()
    client.force_login(User.objects.create_user("beboer", password="x"))
    return client


@pytest.mark.parametrize("endpoint", ["status", "moderation"])
def test_planner_writes_are_refused_to_everyone_else(api, resident_api, campaign, endpoint):
    proposal = make_proposal(campaign)
    body = {"status": "under_vurdering", "action": "hide", "reason": "x", "answer": "x"}
    for client in (api, resident_api):
        response = client.post(f"{URL}{proposal.pk}/{endpoint}/", body, format="json")
        assert response.status_code == 403
    proposal.refresh_from_db()
    assert (proposal.status, proposal.visibility) == ("mottatt", "published")


def test_public_never_sees_pending_or_hidden_but_planners_do(api, planner_api, campaign):
    pending = make_proposal(campaign, visibility=Proposal.Visibility.PENDING)
    hidden = make_proposal(campaign, visibility=Proposal.Visibility.HIDDEN)
    assert api.get(URL).json()["features"] == []
    assert api.get(URL, {"visibility": "pending"}).json()["features"] == []
    assert api.get(f"{URL}{pending.pk}/").status_code == 404
    queue = planner_api.get(URL, {"visibility": "pending"}).json()
    assert [f["id"] for f in queue["features"]] == [pending.pk]
    assert planner_api.get(f"{URL}{hidden.pk}/").status_code == 200


def test_set_status_with_answer_keeps_history_and_mails_the_author(planner_api, api, campaign):
    proposal = make_proposal(campaign, email="forfatter@example.no")
    response = planner_api.post(
        f"{URL}{proposal.pk}/status/",
        {"status": "innarbeidet", "answer": "Tatt med i kommuneplanen."},
        format="json",
    )
    run_jobs()
    assert response.status_code == 200, response.content
    public = api.get(f"{URL}{proposal.pk}/").json()["properties"]
    assert public["status"] == "innarbeidet"
    assert public["answer"] == "Tatt med i kommuneplanen."
    assert public["status_history"][0]["from_status"] == "mottatt"
    assert StatusChange.objects.get().changed_by.username == "planlegger"
    [message] = mail.outbox
    assert message.to == ["forfatter@example.no"]
    assert "Innarbeidet" in message.subject
    assert "Tatt med i kommuneplanen." in message.body
    assert "forfatter@example.no" not in str(public)


def test_a_title_with_line_breaks_cannot_add_mail_headers(planner_api, campaign):
    proposal = make_proposal(
        campaign, title="Benker\r\nBcc: alle@example.no", email="forfatter@example.no"
    )
    response = planner_api.post(
        f"{URL}{proposal.pk}/status/", {"status": "innarbeidet"}, format="json"
    )
    run_jobs()
    assert response.status_code == 200
    [message] = mail.outbox
    assert message.recipients() == ["forfatter@example.no"]
    assert "Benker Bcc: alle@example.no" in message.subject
    assert message.message()["Bcc"] is None


def test_status_change_without_author_email_sends_nothing(planner_api, campaign):
    proposal = make_proposal(campaign)
    planner_api.post(f"{URL}{proposal.pk}/status/", {"status": "under_vurdering"}, format="json")
    run_jobs()
    assert mail.outbox == []


def test_unknown_status_gets_400(planner_api, campaign):
    proposal = make_proposal(campaign)
    response = planner_api.post(f"{URL}{proposal.pk}/status/", {"status": "ferdig"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()


def test_approve_hide_and_republish_are_logged_with_who_and_why(planner_api, api, campaign):
    proposal = make_proposal(campaign, visibility=Proposal.Visibility.PENDING)
    moderation = f"{URL}{proposal.pk}/moderation/"

    assert planner_api.post(moderation, {"action": "approve"}, format="json").status_code == 200
    assert api.get(f"{URL}{proposal.pk}/").status_code == 200

    refused = planner_api.post(moderation, {"action": "hide", "reason": " "}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()

    hidden = planner_api.post(
        moderation, {"action": "hide", "reason": "Personangrep"}, format="json"
    )
    assert hidden.json()["properties"]["visibility"] == "hidden"
    assert api.get(f"{URL}{proposal.pk}/").status_code == 404

    planner_api.post(moderation, {"action": "publish", "reason": "Vurdert på nytt"}, format="json")
    log = list(ModerationAction.objects.order_by("created_at", "id"))
    assert [(a.action, a.reason, a.actor.username) for a in log] == [
        ("approve", "", "planlegger"),
        ("hide", "Personangrep", "planlegger"),
        ("publish", "Vurdert på nytt", "planlegger"),
    ]


def test_approving_a_published_proposal_is_refused(planner_api, campaign):
    proposal = make_proposal(campaign)
    response = planner_api.post(
        f"{URL}{proposal.pk}/moderation/", {"action": "approve"}, format="json"
    )
    assert response.status_code == 400


def test_three_flags_hide_a_proposal_pending_review(api, campaign, settings):
    settings.FREMTIDSKART_FLAG_THRESHOLD = 3
    proposal = make_proposal(campaign)
    first, second, third = residents_apart(3, APIClient)
    for reporter in (first, second):
        flagged = reporter.post(f"{URL}{proposal.pk}/flags/", {"reason": "Støtende"}, format="json")
        assert flagged.status_code == 201
    assert api.get(f"{URL}{proposal.pk}/").status_code == 200
    third.post(f"{URL}{proposal.pk}/flags/", {"reason": "Reklame"}, format="json")

    assert api.get(f"{URL}{proposal.pk}/").status_code == 404
    action = ModerationAction.objects.get()
    assert (action.action, action.actor) == ("auto_hide", None)
    assert api.post(f"{URL}{proposal.pk}/flags/", {"reason": "x"}, format="json").status_code == 404


def test_flag_needs_a_reason(api, campaign):
    proposal = make_proposal(campaign)
    response = api.post(f"{URL}{proposal.pk}/flags/", {"reason": ""}, format="json")
    assert response.status_code == 400
    assert proposal.flags.count() == 0


def test_reports_on_comments_do_not_hide_the_proposal(api, campaign, settings):
    settings.FREMTIDSKART_FLAG_THRESHOLD = 2
    proposal = make_proposal(campaign)
    comment = api.post(f"{URL}{proposal.pk}/comments/", {"body": "Tull"}, format="json").json()
    for reporter in residents_apart(2, APIClient):
        reporter.post(f"/api/v1/comments/{comment['id']}/flags/", {"reason": "Spam"}, format="json")
    assert api.get(f"{URL}{proposal.pk}/").status_code == 200
    api.post(f"{URL}{proposal.pk}/flags/", {"reason": "Spam"}, format="json")
    assert api.get(f"{URL}{proposal.pk}/").status_code == 200  # one report on the proposal
