"""Supports, comments, photos and similar proposals through the API."""

import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from mapping.models import Campaign, Comment, Photo, Proposal, Support
from tests.conftest import resident, residents_apart
from tests.factories import BEKKESTUA, SANDVIKA, feature, make_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


# ---- Supports -------------------------------------------------------------------------------


def test_a_browser_supports_once(api, campaign):
    proposal = make_proposal(campaign)
    first = api.post(f"{URL}{proposal.pk}/support/")
    assert first.status_code == 201
    assert first.json()["support_count"] == 1
    assert api.cookies["fk_device"]["httponly"]
    again = api.post(f"{URL}{proposal.pk}/support/")
    assert again.status_code == 200
    assert again.json() == {"support_count": 1, "supported": True, "counted": False}
    other_browser = resident(APIClient)
    assert other_browser.post(f"{URL}{proposal.pk}/support/").json()["support_count"] == 2
    assert api.get(f"{URL}{proposal.pk}/").json()["properties"]["support_count"] == 2


def test_supports_from_a_script_without_cookies_are_kept_uncounted_then_refused(campaign):
    proposal = make_proposal(campaign)
    accepted = 0
    for _ in range(70):  # a script that drops its cookie every time
        response = APIClient().post(f"{URL}{proposal.pk}/support/")
        if response.status_code == 429:
            break
        assert response.json()["counted"] is False
        accepted += 1
    assert accepted == 60  # FREMTIDSKART_RATE_SUPPORTS default: 60/hour per client
    assert int(response["Retry-After"]) > 0
    assert "Prøv igjen om" in response.json()["detail"]
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert Support.objects.filter(counted=False).count() == 60


def test_proposals_can_be_ordered_by_support(api, campaign):
    quiet = make_proposal(campaign, title="Stille")
    popular = make_proposal(campaign, title="Populær")
    for _ in range(3):
        resident(APIClient).post(f"{URL}{popular.pk}/support/")
    ids = [f["id"] for f in api.get(URL, {"ordering": "-supports"}).json()["features"]]
    assert ids == [popular.pk, quiet.pk]


def test_closed_campaign_takes_no_supports_or_comments(api, campaign):
    proposal = make_proposal(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=timezone.now() - timedelta(days=1))
    assert api.post(f"{URL}{proposal.pk}/support/").status_code == 400
    response = api.post(f"{URL}{proposal.pk}/comments/", {"body": "Enig!"}, format="json")
    assert response.status_code == 400
    assert "stengt" in response.json()["campaign"][0]


# ---- Comments -------------------------------------------------------------------------------


def test_comment_is_plain_text_with_optional_name(api, campaign):
    proposal = make_proposal(campaign)
    response = api.post(
        f"{URL}{proposal.pk}/comments/",
        {"body": "<b>Enig</b> – og legg til benker.", "name": "Per"},
        format="json",
    )
    assert response.status_code == 201
    [comment] = api.get(f"{URL}{proposal.pk}/comments/").json()
    assert comment["body"] == "<b>Enig</b> – og legg til benker."  # stored as text, escaped on show
    assert comment["name"] == "Per"
    assert api.get(f"{URL}{proposal.pk}/").json()["properties"]["comment_count"] == 1


@pytest.mark.parametrize(
    ("body", "field"), [({"body": ""}, "body"), ({"body": "x" * 1001}, "body")]
)
def test_bad_comments_get_400(api, campaign, body, field):
    proposal = make_proposal(campaign)
    response = api.post(f"{URL}{proposal.pk}/comments/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Comment.objects.exists()


def test_comments_follow_the_campaign_moderation_mode(api, planner_api, campaign):
    proposal = make_proposal(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(moderation="approve")
    created = api.post(f"{URL}{proposal.pk}/comments/", {"body": "Venter"}, format="json").json()
    assert created["visibility"] == "pending"
    assert api.get(f"{URL}{proposal.pk}/comments/").json() == []
    approve = planner_api.post(
        f"/api/v1/comments/{created['id']}/moderation/", {"action": "approve"}, format="json"
    )
    assert approve.status_code == 200
    assert len(api.get(f"{URL}{proposal.pk}/comments/").json()) == 1


def test_comments_can_be_flagged_and_hidden(api, campaign, settings):
    settings.FREMTIDSKART_FLAG_THRESHOLD = 2
    proposal = make_proposal(campaign)
    comment = api.post(f"{URL}{proposal.pk}/comments/", {"body": "Spam"}, format="json").json()
    for reporter in residents_apart(2, APIClient):
        flagged = reporter.post(
            f"/api/v1/comments/{comment['id']}/flags/", {"reason": "Reklame"}, format="json"
        )
        assert flagged.status_code == 201
    assert api.get(f"{URL}{proposal.pk}/comments/").json() == []
    assert Comment.objects.get().moderation_actions.get().action == "auto_hide"
    assert (
        api.post(
            f"/api/v1/comments/{comment['id']}/moderation/", {"action": "publish"}, format="json"
        ).status_code
        == 403
    )


# ---- Photos ---------------------------------------------------------------------------------


def jpeg_with_gps(width=3000, height=2000) -> bytes:
    picture = Image.new("RGB", (width, height), (40, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Kameraprodusent"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 53.0, 30.0), 3: "E", 4: (10.0, 31.0, 21.0)}  # GPS IFD
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(name, content, content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_photo_is_resized_and_stripped_of_exif_and_gps(api, campaign):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test file has GPS
    response = api.post(
        URL,
        {"feature": json.dumps(feature()), "photos": [upload("ferie.jpg", original)]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    [photo] = response.json()["properties"]["photos"]
    assert (photo["width"], photo["height"]) == (1600, 1067)
    stored = Photo.objects.get()
    with stored.image.open("rb") as handle:
        picture = Image.open(handle)
        assert max(picture.size) == 1600
        assert not picture.getexif()
        assert "exif" not in picture.info
    with stored.thumbnail.open("rb") as handle:
        assert max(Image.open(handle).size) == 400


def test_photos_get_unguessable_names_and_are_served_only_while_public(
    api, client, campaign, planner
):
    from mapping.services import proposal_moderate

    photos = [upload("ferie.jpg", jpeg_with_gps(400, 300)) for _ in range(2)]
    response = api.post(
        URL, {"feature": json.dumps(feature()), "photos": photos}, format="multipart"
    )
    assert response.status_code == 201, response.content
    urls = [(p["url"], p["thumbnail"]) for p in response.json()["properties"]["photos"]]
    stored = list(Photo.objects.values_list("image", "thumbnail"))
    # Random names of 32 characters: nothing of the date, the upload's name or another photo.
    for image, thumbnail in stored:
        assert image.startswith("photos/") and thumbnail.startswith("photos/thumbs/")
        stem = image.rsplit("/", 1)[1].split(".")[0]
        assert len(stem) == 32 and "ferie" not in image and "2026" not in image
    assert stored[0][0] != stored[1][0]
    for url, thumbnail in urls:
        answer = api.get(url)
        assert answer.status_code == 200
        assert b"".join(answer.streaming_content).startswith(b"\xff\xd8")  # a JPEG
        assert api.get(thumbnail).status_code == 200
    # The stored file's own address is not served at all.
    assert api.get(f"/media/{stored[0][0]}").status_code == 404
    proposal = Photo.objects.first().proposal
    proposal_moderate(proposal=proposal, action="hide", reason="Test", user=planner)
    client.force_login(planner)
    for url, thumbnail in urls:
        assert api.get(url).status_code == 404
        assert api.get(thumbnail).status_code == 404
        assert client.get(url).status_code == 200  # moderators still see it
        assert client.get(url)["Cache-Control"] == "private, no-store"


def test_photos_of_a_proposal_awaiting_review_are_not_served(api, campaign):
    campaign.moderation = "approve"
    campaign.save()
    response = api.post(
        URL,
        {"feature": json.dumps(feature()), "photos": [upload("a.jpg", jpeg_with_gps(200, 100))]},
        format="multipart",
    )
    assert response.status_code == 201
    [photo] = response.json()["properties"]["photos"]  # the author gets the detail back
    assert api.get(photo["url"]).status_code == 404


def test_format_is_judged_by_content_not_by_name(api, campaign):
    png = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(png, format="PNG")
    response = api.post(
        URL,
        {"feature": json.dumps(feature()), "photos": [upload("bilde.jpg", png.getvalue())]},
        format="multipart",
    )
    assert response.status_code == 201
    assert Photo.objects.get().image.name.endswith(".png")


@pytest.mark.parametrize(
    "files",
    [
        [upload("virus.jpg", b"MZ\x90\x00 not an image")],
        [upload("tom.png", b"")],
        [upload("bilde.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")],
        [upload(f"{i}.jpg", jpeg_with_gps(100, 100)) for i in range(4)],
    ],
    ids=["not-an-image", "empty", "gif", "four-photos"],
)
def test_bad_photos_are_refused_and_nothing_is_written(api, campaign, files):
    response = api.post(
        URL, {"feature": json.dumps(feature()), "photos": files}, format="multipart"
    )
    assert response.status_code == 400
    message = json.dumps(response.json(), ensure_ascii=False)
    assert "bilde" in message.lower()
    assert not Proposal.objects.exists()
    assert not Photo.objects.exists()


def test_oversized_photo_is_refused(api, campaign, settings):
    settings.FREMTIDSKART_PHOTO_MAX_BYTES = 1000
    response = api.post(
        URL,
        {"feature": json.dumps(feature()), "photos": [upload("stor.jpg", jpeg_with_gps(400, 400))]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "for stort" in json.dumps(response.json(), ensure_ascii=False)
    assert not Proposal.objects.exists()


# ---- Similar proposals ------------------------------------------------------------------------


def test_similar_proposals_nearby(api, campaign):
    near = make_proposal(campaign, at=SANDVIKA, title="Sykkelparkering med tak ved stasjonen")
    make_proposal(campaign, at=SANDVIKA, title="Flere blomsterenger langs veien")
    make_proposal(campaign, at=BEKKESTUA, title="Sykkelparkering med tak ved stasjonen")  # 4 km off
    hits = api.get(
        f"{URL}similar/",
        {"point": f"{SANDVIKA[0] + 0.001},{SANDVIKA[1]}", "text": "sykkelparkering på stasjonen"},
    ).json()
    assert hits["type"] == "FeatureCollection"
    assert [h["id"] for h in hits["features"]] == [near.pk]


@pytest.mark.parametrize(
    "params", [{"point": "59.9", "text": "x"}, {"point": "a,b", "text": "x"}, {"text": "x"}]
)
def test_similar_needs_a_point_and_text(api, campaign, params):
    response = api.get(f"{URL}similar/", params)
    assert response.status_code == 400
