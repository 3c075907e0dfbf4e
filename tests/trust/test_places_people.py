"""Two places in one installation, a planner of each: every planner-only endpoint and page gives a
planner nothing of the other place (403 or 404, or an empty answer), by session and by API key.
The Bærum planner's own view is checked beside it, so that no answer is empty for another
reason."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from mapping import services
from mapping.models import Comment, Event, Proposal, Report
from tests.conftest import planner_of, run_jobs
from tests.factories import BEKKESTUA, SANDVIKA, make_proposal
from tests.frontend.test_places_apart import load_nordstrand

pytestmark = pytest.mark.django_db

SECRET = "hemmelig@example.no"


def _planner(campaign, username):
    user = planner_of(campaign, username)
    user.user_permissions.add(Permission.objects.get(codename="view_author_email"))
    return user


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def baerum(campaign):
    """Bærum's private matter: a hidden proposal, an author's address, an internal tag, an
    outcome, a comment awaiting review, an event and a report of its planner's."""
    hidden = make_proposal(campaign, at=SANDVIKA, title="Skjult forslag", email=SECRET)
    Proposal.objects.filter(pk=hidden.pk).update(visibility=Proposal.Visibility.HIDDEN)
    public = make_proposal(campaign, at=BEKKESTUA, title="Synlig forslag", email=SECRET)
    twin = make_proposal(campaign, at=BEKKESTUA, title="Synlig forslag", email=SECRET)
    tag = services.tag_create(campaign=campaign, name="intern-baerum")
    services.proposals_tag(tag=tag, proposals=Proposal.objects.filter(pk=public.pk))
    outcome = services.outcome_create(campaign=campaign, name="Kommuneplanen")
    comment = services.comment_create(proposal=public, body="Venter på moderator")
    Comment.objects.filter(pk=comment.pk).update(visibility=Proposal.Visibility.PENDING)
    planner = _planner(campaign, "baerum-planlegger")
    now = timezone.now()
    event = services.event_create(
        campaign=campaign, name="Verksted", place="Rådhuset", starts_at=now,
        ends_at=now + timedelta(hours=2), user=planner,
    )  # fmt: skip
    report = services.report_request(user=planner, params=_campaign(campaign), format="csv")
    run_jobs()
    return {
        "campaign": campaign, "hidden": hidden, "public": public, "twin": twin, "tag": tag,
        "outcome": outcome, "comment": comment, "event": event, "report": report,
        "planner": planner,
    }  # fmt: skip


@pytest.fixture
def stranger():
    """A planner of Nordstrand, allowed to see authors' addresses there."""
    return _planner(load_nordstrand(), "nordstrand-planlegger")


def _campaign(campaign):
    from django.http import QueryDict

    return QueryDict(f"campaign={campaign.pk}")


def planner_only_answers(client, b) -> dict[str, object]:
    """Every planner-only read and write, aimed at Bærum's matter: name -> the response."""
    c, public, hidden = b["campaign"].pk, b["public"].pk, b["hidden"].pk
    api = "/api/v1"
    return {
        "hidden detail": client.get(f"{api}/proposals/{hidden}/"),
        "status": client.post(
            f"{api}/proposals/{public}/status/",
            {"status": "innarbeidet", "answer": "Ja"},
            format="json",
        ),
        "robustness": client.get(f"{api}/proposals/{public}/robustness/"),
        "supports accept": client.post(f"{api}/proposals/{public}/supports/accept/"),
        "tag one": client.put(f"{api}/proposals/{public}/tags/{b['tag'].pk}/"),
        "tag a set": client.post(f"{api}/tags/{b['tag'].pk}/proposals/", {}, format="json"),
        "new tag": client.post(
            f"{api}/tags/", {"campaign": c, "name": "ny", "public": False}, format="json"
        ),
        "link outcome": client.put(
            f"{api}/proposals/{public}/outcome/", {"outcome": b["outcome"].pk}, format="json"
        ),
        "outcome a set": client.post(
            f"{api}/outcomes/{b['outcome'].pk}/proposals/", {}, format="json"
        ),
        "new outcome": client.post(f"{api}/outcomes/", {"campaign": c, "name": "x"}, format="json"),
        "merge": client.post(
            f"{api}/proposals/{public}/merge/", {"proposals": [b["twin"].pk]}, format="json"
        ),
        "unmerge": client.post(f"{api}/proposals/{b['twin'].pk}/unmerge/"),
        "comment moderation": client.post(
            f"{api}/comments/{b['comment'].pk}/moderation/",
            {"action": "approve", "reason": ""},
            format="json",
        ),
        "moderation": client.post(
            f"{api}/proposals/{hidden}/moderation/",
            {"action": "publish", "reason": ""},
            format="json",
        ),
        "background": client.get(f"{api}/stats/background/", {"campaign": c}),
        "report": client.get(f"{api}/reports/{b['report'].pk}/"),
        "report file": client.get(f"{api}/reports/{b['report'].pk}/file/"),
        "event page": client.get(f"/planlegger/verksteder/{b['event'].pk}/"),
        "events of the campaign": client.get("/planlegger/verksteder/", {"kampanje": c}),
        "poster": client.post(
            "/planlegger/plakat/", {"campaign": c, "lon": "10.55", "lat": "59.91"}
        ),
    }


def test_a_planner_gets_nothing_of_another_place_from_planner_only_endpoints(baerum, stranger):
    for name, response in planner_only_answers(_api(stranger), baerum).items():
        assert response.status_code in (403, 404), (name, response.status_code)
    # Nothing changed on the way.
    public = Proposal.objects.get(pk=baerum["public"].pk)
    assert public.status == "mottatt" and public.visibility == "published"
    assert public.outcome_id is None and not Event.objects.exclude(pk=baerum["event"].pk).exists()
    assert Comment.objects.get(pk=baerum["comment"].pk).visibility == "pending"
    assert Proposal.objects.get(pk=baerum["hidden"].pk).visibility == "hidden"
    # The admin is for superusers: a planner is sent to its login.
    admin = Client()
    admin.force_login(stranger)
    assert admin.get("/admin/mapping/proposal/").status_code == 302
    assert baerum["tag"].proposals.count() == 1


def test_the_places_own_planner_gets_all_of_it(baerum):
    answers = planner_only_answers(_api(baerum["planner"]), baerum)
    refused = {name: r.status_code for name, r in answers.items() if r.status_code >= 400}
    assert refused == {}


def _csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_lists_stats_and_files_hold_only_the_planners_own_places(baerum, stranger):
    client, c = _api(stranger), baerum["campaign"].pk
    listed = client.get("/api/v1/proposals/", {"campaign": c}).json()["features"]
    assert {f["id"] for f in listed} == {baerum["public"].pk, baerum["twin"].pk}  # the public's
    assert client.get("/api/v1/proposals/", {"reported": "true"}).json()["features"] == []
    stats = client.get("/api/v1/stats/areas/", {"kind": "delomrade", "campaign": c}).json()
    assert stats["total"] == 2  # published only: the hidden one is not counted
    tags = client.get("/api/v1/tags/", {"campaign": c}).json()
    assert tags == []  # the internal tag is Bærum's
    detail = client.get(f"/api/v1/proposals/{baerum['public'].pk}/").json()
    assert detail["properties"]["tags"] == []
    assert client.get(f"/api/v1/proposals/{baerum['public'].pk}/comments/").json() == []
    assert client.get("/api/v1/duplicates/", {"campaign": c}).json() == []
    export = client.get("/api/v1/proposals/export/", {"campaign": c, "output": "csv"})
    assert _csv_rows(b"".join(export.streaming_content)) == []
    asked = client.post(
        "/api/v1/reports/", {"filters": {"campaign": [c]}, "format": "csv"}, format="json"
    ).json()
    run_jobs()
    file = client.get(f"/api/v1/reports/{asked['id']}/file/")
    assert _csv_rows(b"".join(file.streaming_content)) == []
    mine = Report.objects.get(pk=asked["id"])
    assert mine.proposal_count == 0
    workspace = Client()
    workspace.force_login(stranger)
    page = workspace.get("/planlegger/").content.decode()
    assert "Nordstrand" in page and baerum["campaign"].title not in page


def test_the_ogc_api_with_a_planners_key_serves_their_places_only(baerum, stranger):
    _token, key = services.api_token_create(user=stranger, name="QGIS")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    items = "/ogc/collections/proposals/items"
    assert client.get(items, {"f": "json"}).json()["features"] == []
    for proposal in (baerum["hidden"], baerum["public"]):
        assert client.get(f"{items}/{proposal.pk}", {"f": "json"}).status_code == 404
    _token, own_key = services.api_token_create(user=baerum["planner"], name="QGIS")
    own = Client(HTTP_AUTHORIZATION=f"Bearer {own_key}").get(items, {"f": "json"}).json()
    emails = {f["properties"].get("email") for f in own["features"]}
    assert len(own["features"]) == 3 and emails == {SECRET}  # the hidden one too
