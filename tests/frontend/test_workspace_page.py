"""The planner pages: who gets in, and what the page is given."""

import json
import re

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/planlegger/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/?next=/planlegger/")


def test_logged_in_residents_without_the_permission_get_403(client):
    client.force_login(User.objects.create_user("beboer"))
    assert client.get("/planlegger/").status_code == 403


def test_planner_gets_the_workspace_with_api_urls_and_rights(client, planner, campaign):
    client.force_login(planner)
    html = client.get("/planlegger/").content.decode()
    config = json.loads(re.search(r'id="workspace-config"[^>]*>(.*?)</script>', html, re.S)[1])
    assert config["api"]["stats_areas"] == "/api/v1/stats/areas/"
    assert config["can_moderate"] is True
    assert config["can_answer"] is True
    assert "Bærum 2040" in html


def test_login_page_in_the_site_look_and_logout(client, planner):
    page = client.get("/logg-inn/").content.decode()
    assert "site-header" in page
    assert "Logg inn for planleggere" in page
    wrong = client.post("/logg-inn/", {"username": "planlegger", "password": "feil"})
    assert "form-errors" in wrong.content.decode()
    response = client.post(
        "/logg-inn/", {"username": "planlegger", "password": "planlegger-passord"}
    )
    assert response["Location"] == "/planlegger/"
    assert client.post("/logg-ut/").status_code == 302
    assert client.get("/planlegger/").status_code == 302


def test_repeated_failed_logins_lock_the_account_out(client, planner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/logg-inn/", {"username": "planlegger", "password": "feil"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME * 3600
    assert "Innlogging sperret" in response.content.decode()
    assert "Vent 15 minutter" in response.content.decode()
    # Even the right password is refused while locked out.
    locked = client.post("/logg-inn/", {"username": "planlegger", "password": "planlegger-passord"})
    assert locked.status_code == 429
    assert client.get("/planlegger/").status_code == 302
