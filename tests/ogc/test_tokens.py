"""Planners' personal API keys: made and revoked in the workspace, kept only as a digest, shown
once; with one, a GIS client reads the OGC API as that planner (every visibility, internal tags,
e-mail only with that permission); without one, the public's answer; a wrong or revoked one is
a 401."""

import base64

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from mapping import services
from mapping.models import ApiToken, Proposal
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db

ITEMS = "/ogc/collections/proposals/items"


def make_key(planner_client) -> str:
    page = planner_client.post("/planlegger/api-nokler/", {"name": "QGIS på kontoret"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    key = page.context["new_key"]
    assert key.startswith("fk_") and key in page.content.decode()
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def basic(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"token:{key}".encode()).decode()}


def test_a_key_is_shown_once_and_kept_only_as_its_digest(planner, planner_client):
    key = make_key(planner_client)
    token = ApiToken.objects.get(user=planner)
    assert token.digest == ApiToken.digest_of(key) and key not in (token.digest, token.prefix)
    assert key.startswith(token.prefix)
    again = planner_client.get("/planlegger/api-nokler/").content.decode()
    assert key not in again and "QGIS på kontoret" in again and token.prefix in again
    empty = planner_client.post("/planlegger/api-nokler/", {"name": ""})
    assert empty.status_code == 400 and ApiToken.objects.count() == 1


def test_with_a_key_a_client_sees_what_the_planner_sees(campaign, planner, planner_client):
    pending = make_proposal(campaign, email="forfatter@example.no", visibility="pending")
    published = make_proposal(campaign, email="en@example.no")
    internal = services.tag_create(campaign=campaign, name="Sjekkes", is_public=False)
    services.proposals_tag(tag=internal, proposals=Proposal.objects.filter(pk=published.pk))
    key = make_key(planner_client)
    anonymous = Client()

    for auth in (bearer(key), basic(key)):
        body = anonymous.get(ITEMS, **auth).json()
        by_id = {f["id"]: f["properties"] for f in body["features"]}
        assert set(by_id) == {pending.pk, published.pk}
        assert by_id[published.pk]["tags"] == internal.slug
        assert "email" not in by_id[published.pk]  # not without the e-mail permission
        assert anonymous.get(f"{ITEMS}/{pending.pk}", **auth).status_code == 200

    public = {f["id"]: f["properties"] for f in anonymous.get(ITEMS).json()["features"]}
    assert set(public) == {published.pk} and public[published.pk]["tags"] is None
    assert anonymous.get(f"{ITEMS}/{pending.pk}").status_code == 404

    planner.user_permissions.add(Permission.objects.get(codename="view_author_email"))
    with_email = anonymous.get(f"{ITEMS}/{pending.pk}", **bearer(key)).json()
    assert with_email["properties"]["email"] == "forfatter@example.no"
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_or_wrong_key_is_a_401(planner, planner_client, campaign):
    key = make_key(planner_client)
    anonymous = Client()
    assert anonymous.get(ITEMS, **bearer(key)).status_code == 200
    token = ApiToken.objects.get()
    page = planner_client.post(f"/planlegger/api-nokler/{token.pk}/trekk-tilbake/", follow=True)
    assert "trukket tilbake" in page.content.decode()
    for auth in (bearer(key), basic(key), bearer("fk_feil"), {"HTTP_AUTHORIZATION": "Basic !!"}):
        response = anonymous.get(ITEMS, **auth)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["code"] == "InvalidToken"


def test_only_the_owner_revokes_and_only_planners_have_keys(planner, planner_client, campaign):
    key = make_key(planner_client)
    other = User.objects.create_user("annen", password="x" * 12)
    assert not services.api_token_revoke(user=other, pk=ApiToken.objects.get().pk)
    assert Client().get(ITEMS, **bearer(key)).status_code == 200
    stranger = Client()
    stranger.force_login(other)
    assert stranger.get("/planlegger/api-nokler/").status_code == 403
    assert (
        stranger.post(
            f"/planlegger/api-nokler/{ApiToken.objects.get().pk}/trekk-tilbake/"
        ).status_code
        == 403
    )
    assert Client().get(ITEMS, **bearer(key)).status_code == 200
