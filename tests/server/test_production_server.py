"""The app as deployed: gunicorn, DEBUG off, static files collected. Pages render, static files
come from whitenoise under hashed names with long caching, security headers are on every
response, errors show the site's own Norwegian pages, and the health endpoints answer."""

import json
import re

import pytest

from tests.conftest import load_baerum
from tests.factories import make_proposal
from tests.server.gunicorn import Gunicorn, send

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server(tmp_path):
    load_baerum()
    gunicorn = Gunicorn(workers=2, DJANGO_STATIC_ROOT=str(tmp_path / "static"))
    gunicorn.manage("collectstatic", "--no-input", "-v", "0")
    gunicorn.empty_shared_cache()
    yield gunicorn.start()
    gunicorn.stop()


def test_pages_and_hashed_static_files(server):
    proposal = make_proposal(load_baerum())
    for path in ("/", "/forslag/", f"/forslag/{proposal.pk}/", "/personvern/", "/logg-inn/"):
        page = send(server.url + path)
        assert page.status == 200, path
        html = page.content.decode()
        assert '<html lang="nb">' in html
        policy = dict(
            d.strip().split(" ", 1) for d in page.headers["Content-Security-Policy"].split(";")
        )
        assert "'unsafe-inline'" not in policy["script-src"]
        assert policy["frame-ancestors"] == "'none'"
        assert page.headers["X-Frame-Options"] == "DENY"
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert page.headers["Referrer-Policy"] == "same-origin"
    home = send(server.url + "/").content.decode()
    scripts = re.findall(r'src="(/static/[^"]+\.js)"', home)
    assert scripts
    for script in scripts:
        assert re.search(r"\.[0-9a-f]{12}\.js$", script), script  # a content hash in the name
        served = send(server.url + script, headers={"Accept-Encoding": "gzip"})
        assert served.status == 200
        assert "max-age=315360000" in served.headers["Cache-Control"]
        assert "immutable" in served.headers["Cache-Control"]
    # Images the scripts load by URL (the new proposal's pin) exist under their hashed names.
    config = json.loads(re.search(r'id="map-config"[^>]*>(.*?)</script>', home).group(1))
    for url in config["pin"].values():
        assert re.search(r"\.[0-9a-f]{12}\.png$", url), url
        assert send(server.url + url).status == 200, url


def test_errors_are_the_sites_own_pages_in_norwegian(server):
    missing = send(server.url + "/finnes-ikke/")
    assert missing.status == 404
    assert "Fant ikke siden" in missing.content.decode()
    assert "Traceback" not in missing.content.decode()
    api_missing = send(server.url + "/api/v1/proposals/999999/")
    assert api_missing.status == 404
    assert api_missing.body["detail"]


def test_health_endpoints_for_load_balancers(server):
    assert send(server.url + "/healthz").status == 200
    ready = send(server.url + "/readyz")
    assert ready.status == 200
    assert ready.body["postgis"]
