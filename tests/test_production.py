"""Production headers: security headers are sent, and health endpoints answer (check --deploy
and the settings' refusals run in processes of their own: tests/server/test_deploy.py)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_health_endpoints(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["database"] is True
    assert ready["postgis"].startswith("3.")


@pytest.mark.django_db
def test_only_the_embed_map_may_be_framed_and_only_by_the_named_origins(client, settings):
    settings.FREMTIDSKART_EMBED_ORIGINS = ["https://www.baerum.kommune.no"]
    embed = client.get("/innebygd/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors https://www.baerum.kommune.no" in embed["Content-Security-Policy"]
    for path in ("/", "/forslag/", "/logg-inn/"):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    settings.FREMTIDSKART_EMBED_ORIGINS = []
    assert "frame-ancestors 'self'" in client.get("/innebygd/")["Content-Security-Policy"]
