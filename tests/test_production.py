"""Production settings and headers: check --deploy is clean, security headers are sent, and
health endpoints answer."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-production-like-secret-key-" + "x" * 30,
        "DJANGO_ALLOWED_HOSTS": "fremtidskart.example.no",
        "EMAIL_URL": "smtp+tls://fremtidskart:secret@smtp.example.no:587",
        **overrides,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in production
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.server
def test_check_deploy_is_clean_with_production_settings():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.server
def test_check_deploy_warns_when_e_mail_would_be_dropped():
    result = check_deploy(EMAIL_URL="")
    assert result.returncode != 0
    assert "fremtidskart.W001" in result.stderr


@pytest.mark.server
def test_settings_refuse_to_start_without_a_secret_key():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_ENV_FILE": "/nonexistent/.env",
    }
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


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
