"""The Django admin: every model's pages open with map widgets, and every change a moderator
makes there goes through the services: status history, moderation log, e-mail, boundary check."""

import json

import pytest
from django.contrib.auth.models import User
from django.core import mail

from mapping.models import ModerationAction, Proposal, StatusChange
from tests.conftest import run_jobs
from tests.factories import BEKKESTUA, OSLO, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.no", "x"))
    return client


def test_admin_pages_open_with_leaflet_widgets(admin_client, campaign):
    proposal = make_proposal(campaign)
    for url in [
        "/admin/mapping/proposal/",
        f"/admin/mapping/proposal/{proposal.pk}/change/",
        "/admin/mapping/campaign/",
        f"/admin/mapping/campaign/{campaign.pk}/change/",
        "/admin/mapping/category/",
        "/admin/geo/area/?kind=delomrade",
        "/admin/geo/place/",
        "/admin/mapping/comment/",
        "/admin/mapping/moderationaction/",
        "/admin/mapping/flag/",
        "/admin/mapping/statuschange/",
        f"/admin/geo/area/{campaign.boundary_id}/change/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    change = admin_client.get(f"/admin/mapping/proposal/{proposal.pk}/change/").content.decode()
    assert "leaflet" in change.lower()


def change_form(proposal, **changes) -> dict:
    """The admin's change form as a browser posts it, with `changes` on top."""
    return {
        "category": proposal.category_id,
        "title": proposal.title,
        "body": proposal.body,
        "location": json.dumps(
            {"type": "Point", "coordinates": [proposal.location.x, proposal.location.y]}
        ),
        "display_name": proposal.display_name,
        # The photo and status-history inlines' management forms, empty.
        **{
            f"{prefix}-{field}": "0"
            for prefix in ("photos", "status_changes")
            for field in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        **changes,
    }


def test_moving_a_pin_in_the_admin_relinks_its_areas_and_is_logged(admin_client, campaign):
    proposal = make_proposal(campaign)
    moved = json.dumps({"type": "Point", "coordinates": list(BEKKESTUA)})
    response = admin_client.post(
        f"/admin/mapping/proposal/{proposal.pk}/change/", change_form(proposal, location=moved)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    codes = set(Proposal.objects.get(pk=proposal.pk).areas.values_list("code", flat=True))
    assert "320104" in codes  # Grav, Bekkestua's delområde
    assert "320115" not in codes
    [log] = ModerationAction.objects.filter(proposal=proposal)
    assert (log.action, log.actor.username) == ("edit", "admin")
    assert "plassering" in log.reason


def test_a_pin_moved_outside_the_boundary_is_refused_with_a_message(admin_client, campaign):
    proposal = make_proposal(campaign)
    outside = json.dumps({"type": "Point", "coordinates": list(OSLO)})
    response = admin_client.post(
        f"/admin/mapping/proposal/{proposal.pk}/change/", change_form(proposal, location=outside)
    )
    assert response.status_code == 200
    assert "utenfor" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).location.coords == proposal.location.coords
    assert not ModerationAction.objects.exists()


def test_status_and_answer_in_the_admin_keep_history_and_tell_the_author(admin_client, campaign):
    proposal = make_proposal(campaign, email="forfatter@example.no")
    url = f"/admin/mapping/proposal/{proposal.pk}/change/"
    # The model's own status, answer and visibility are read-only: posting them changes nothing.
    form = change_form(proposal, status="gjennomfort", answer="x", visibility="hidden")
    assert admin_client.post(url, form).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == "mottatt"
    assert not StatusChange.objects.exists()
    form = change_form(proposal, new_status="innarbeidet", new_answer="Tatt inn i planen.")
    assert admin_client.post(url, form).status_code == 302
    run_jobs()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answer) == ("innarbeidet", "Tatt inn i planen.")
    [change] = StatusChange.objects.filter(proposal=proposal)
    assert (change.from_status, change.changed_by.username) == ("mottatt", "admin")
    [message] = mail.outbox
    assert message.to == ["forfatter@example.no"]
    assert "Tatt inn i planen." in message.body


def test_moderation_in_the_admin_form_and_actions_is_logged(admin_client, campaign):
    first, second = make_proposal(campaign), make_proposal(campaign)
    url = f"/admin/mapping/proposal/{first.pk}/change/"
    refused = admin_client.post(url, change_form(first, moderation="hide"))
    assert refused.status_code == 200  # hiding needs a reason
    assert Proposal.objects.get(pk=first.pk).visibility == "published"
    form = change_form(first, moderation="hide", moderation_reason="Personopplysninger")
    assert admin_client.post(url, form).status_code == 302
    response = admin_client.post(
        "/admin/mapping/proposal/",
        {"action": "hide", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert set(Proposal.objects.values_list("visibility", flat=True)) == {"hidden"}
    logged = ModerationAction.objects.filter(action="hide").values_list("proposal_id", "reason")
    assert sorted(logged) == [(first.pk, "Personopplysninger"), (second.pk, "Moderert i admin")]
