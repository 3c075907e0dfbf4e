"""Shared networks: limits count per browser first, an address gets a far higher ceiling above
which writes are held for moderation, and only a flood is refused."""

import json

import pytest
from django.test import Client
from rest_framework.throttling import ScopedRateThrottle

from mapping.admission import HELD_FOR_BROWSER, HELD_FOR_NETWORK
from mapping.device import DEVICE_COOKIE
from mapping.models import Comment, ModerationAction, Proposal, Support
from tests.conftest import prove
from tests.factories import SANDVIKA, feature, make_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


def browser() -> Client:
    """A browser that opened a page first, as residents do: it holds a device token, proved by
    the page's script."""
    client = Client()
    assert client.get("/personvern/").status_code == 200
    return prove(client)


def create(client, **properties):
    return client.post(URL, feature(**properties), content_type="application/json")


def test_a_class_of_30_browsers_on_one_address_is_heard_in_full(campaign):
    targets = [make_proposal(campaign, at=SANDVIKA, title=f"Forslag {n}").pk for n in range(5)]
    statuses = []
    for pupil in range(30):
        client = browser()
        for n in range(3):
            statuses.append(create(client, title=f"Elev {pupil} forslag {n}").status_code)
        for pk in targets:
            statuses.append(client.post(f"{URL}{pk}/support/").status_code)
        for n in range(2):
            body = {"body": f"Enig, hilsen elev {pupil} ({n})"}
            path = f"{URL}{targets[n]}/comments/"
            statuses.append(client.post(path, body, content_type="application/json").status_code)

    assert set(statuses) == {201}, {s: statuses.count(s) for s in set(statuses)}
    pupils = Proposal.objects.filter(title__startswith="Elev")
    assert pupils.count() == 90
    assert set(pupils.values_list("visibility", flat=True)) == {"published"}
    assert Support.objects.count() == 150
    assert Comment.objects.filter(visibility="published").count() == 60


def test_a_script_without_cookies_is_stopped_and_publishes_nothing_beyond_the_ceiling(campaign):
    statuses = [create(Client(), title=f"Skript {n}").status_code for n in range(500)]
    limit = 20  # FREMTIDSKART_RATE_PROPOSALS, per browser; a client without a token gets that
    assert statuses[:limit] == [201] * limit
    assert set(statuses[limit:]) == {429}
    assert Proposal.objects.count() == limit


@pytest.fixture
def two_per_hour(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"proposals": "2/hour"})


def test_beyond_the_address_ceiling_writes_are_held_then_a_flood_is_refused(campaign, two_per_hour):
    # A script that takes a new token each time: every browser is new, the address is the same.
    statuses = [create(browser(), title=f"Ny nettleser {n}").status_code for n in range(70)]
    ceiling, flood = 2 * 10, 2 * 10 * 3  # ADDRESS_FACTOR 10, FLOOD_FACTOR 3
    assert statuses == [201] * flood + [429] * (70 - flood)
    visibility = list(Proposal.objects.order_by("pk").values_list("visibility", flat=True))
    assert visibility == ["published"] * ceiling + ["pending"] * (flood - ceiling)
    held = ModerationAction.objects.filter(action="hold")
    assert held.count() == flood - ceiling
    assert set(held.values_list("reason", flat=True)) == {HELD_FOR_NETWORK}


def test_one_browser_beyond_its_limit_is_held_not_refused(campaign, two_per_hour):
    client = browser()
    statuses = [create(client, title=f"Mange {n}").status_code for n in range(8)]
    assert statuses == [201] * 6 + [429] * 2
    held = Proposal.objects.filter(visibility="pending")
    assert held.count() == 4
    reasons = ModerationAction.objects.filter(action="hold").values_list("reason", flat=True)
    assert set(reasons) == {HELD_FOR_BROWSER}


def test_the_form_without_a_map_follows_the_same_rules(campaign, two_per_hour):
    from tests.trust.test_hostile_inputs import sandvika_form

    client = browser()
    statuses = [client.post("/forslag/nytt/", sandvika_form()).status_code for _ in range(7)]
    assert statuses == [302] * 6 + [429]
    assert Proposal.objects.filter(visibility="pending").count() == 4


def test_the_device_token_is_signed_and_http_only(campaign):
    response = Client().get("/")
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"]
    assert ":" in cookie.value  # Django's signature
    statuses = []
    for n in range(21):  # a script that makes its tokens up: they count as none
        forged = Client()
        forged.cookies[DEVICE_COOKIE] = f"made-up-{n}"
        statuses.append(create(forged, title=f"Falsk {n}").status_code)
    assert statuses == [201] * 20 + [429]


def test_tiles_and_other_reads_carry_no_cookie(campaign):
    response = Client().get(f"{URL}tiles/11/1083/594/?campaign={campaign.pk}")
    assert response.status_code == 200
    assert DEVICE_COOKIE not in response.cookies


def test_invalid_posts_do_not_count_against_the_limit(campaign, two_per_hour):
    client = browser()
    invalid = [create(client, title="").status_code for _ in range(5)]
    assert invalid == [400] * 5
    valid = [create(client, title=f"Gyldig {n}").status_code for n in range(2)]
    assert valid == [201, 201]
    assert set(Proposal.objects.values_list("visibility", flat=True)) == {"published"}


@pytest.mark.parametrize("path", ["api", "form"])
def test_photos_are_decoded_only_for_a_valid_admitted_proposal(campaign, monkeypatch, path):
    import mapping.submission

    decoded = []
    monkeypatch.setattr(
        mapping.submission, "photos_prepare", lambda uploads: decoded.append(1) or []
    )
    client = browser()
    if path == "api":
        body = {"feature": json.dumps(feature(title="")), "photos": [photo()]}
        assert client.post(URL, body).status_code == 400
    else:
        form = {"category": "bolig", "title": "", "body": "Tekst.", "consent": "on"}
        assert client.post("/forslag/nytt/", {**form, "photos": [photo()]}).status_code == 400
    assert decoded == []


def photo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bilde.png", b"\x89PNG\r\n\x1a\n", "image/png")
