"""No e-mail address and no IP address on any public surface, in page source, OpenGraph, public
exports or logs: submit everything with a marker address from a marker client address, then
read every public surface (bodies and headers) and every log line the run wrote.
"""

import json
import logging

import pytest
from django.contrib.auth.models import User

from geo.models import Area
from mapping.models import Comment, Proposal
from tests.factories import feature

pytestmark = pytest.mark.django_db

MARKER_EMAIL = "marker.resident+fk@example.no"
MARKER_IP = "203.0.113.77"  # TEST-NET-3: never a real client
FORWARDED_IP = "198.51.100.23"  # TEST-NET-2
CLIENT = {"REMOTE_ADDR": MARKER_IP, "HTTP_X_FORWARDED_FOR": FORWARDED_IP}
MARKERS = [MARKER_EMAIL, MARKER_EMAIL.split("@")[0], MARKER_IP, FORWARDED_IP]


def marked(**properties) -> dict:
    return feature(name="Kari", email=MARKER_EMAIL, **properties)


@pytest.fixture
def submitted(client, campaign, caplog, capsys):
    """Everything a resident can send, from the marker address with the marker e-mail; every
    log record and console line from here on is kept for the scan."""
    caplog.set_level(logging.DEBUG)
    api = "/api/v1/proposals/"
    created = client.post(api, marked(), content_type="application/json", **CLIENT)
    assert created.status_code == 201
    pk = created.json()["id"]
    # The same address typed into the text is held for moderation, not published.
    held = client.post(
        api,
        marked(body=f"Kontakt meg på {MARKER_EMAIL}"),
        content_type="application/json",
        **CLIENT,
    )
    assert held.status_code == 201
    sandvika = Area.objects.get(kind=Area.Kind.DELOMRADE, code="320114")
    form = {
        "location": f"area:{sandvika.pk}",
        "category": "bolig",
        "title": "Benker",
        "body": "Flere benker.",
        "email": MARKER_EMAIL,
        "consent": "on",
    }
    assert client.post("/forslag/nytt/", form, **CLIENT).status_code == 302
    client.post(f"{api}{pk}/support/", **CLIENT)
    client.post(f"{api}{pk}/comments/", {"body": "Enig"}, content_type="application/json", **CLIENT)
    client.post(
        f"{api}{pk}/comments/",
        {"body": f"Skriv til {MARKER_EMAIL}"},
        content_type="application/json",
        **CLIENT,
    )
    client.post(f"/forslag/{pk}/kommenter/", {"body": "Godt forslag"}, **CLIENT)
    client.post(f"/forslag/{pk}/rapporter/", {"reason": "Test"}, **CLIENT)
    # A failed login with the marker address as user name.
    client.post("/logg-inn/", {"username": MARKER_EMAIL, "password": "feil"}, **CLIENT)
    assert Proposal.objects.filter(email=MARKER_EMAIL).count() == 3
    assert Proposal.objects.filter(visibility="pending").count() == 1
    assert Comment.objects.filter(visibility="pending").count() == 1
    return pk


def public_surfaces(pk: int) -> list[tuple[str, str, dict]]:
    """(method, path, data) of every page and API response the public can get."""
    surfaces = [
        ("GET", "/", {}),
        ("GET", "/?forslag=" + str(pk), {}),
        ("GET", "/forslag/", {}),
        ("GET", "/forslag/?q=sykkelvei", {}),
        ("GET", f"/forslag/{pk}/", {}),
        ("GET", "/forslag/nytt/", {}),
        ("GET", "/personvern/", {}),
        ("GET", "/tilgjengelighet/", {}),
        ("GET", "/logg-inn/", {}),
        ("GET", "/jsi18n/", {}),
        ("GET", "/api/v1/proposals/", {}),
        ("GET", "/api/v1/proposals/?visibility=pending", {}),
        ("GET", f"/api/v1/proposals/{pk}/", {}),
        ("GET", f"/api/v1/proposals/{pk}/comments/", {}),
        ("GET", "/api/v1/proposals/count/", {}),
        ("GET", "/api/v1/proposals/similar/?point=10.587,59.9185&text=sykkelvei", {}),
        ("POST", "/api/v1/proposals/search/", {"category": ["transport-og-mobilitet"]}),
        ("GET", "/api/v1/proposals/tiles/15/17345/9493/", {}),
        ("GET", "/api/v1/proposals/tiles/12/2168/1186/", {}),
        ("GET", "/api/v1/stats/areas/?kind=delomrade", {}),
        ("GET", "/api/v1/stats/weeks/", {}),
        ("GET", "/api/v1/campaigns/current/", {}),
        ("GET", "/api/v1/campaigns/", {}),
        ("GET", "/api/v1/categories/", {}),
        ("GET", "/api/v1/places/?q=sandvika", {}),
        ("GET", "/api/schema/", {}),
        ("GET", "/healthz", {}),
        ("GET", "/readyz", {}),
    ]
    for output in ("geojson", "csv", "gpkg"):
        for crs in ("4326", "25832"):
            surfaces.append(("GET", f"/api/v1/proposals/export/?output={output}&crs={crs}", {}))
    return surfaces


def read(client, method: str, path: str, data: dict) -> bytes:
    if method == "POST":
        response = client.post(path, data, content_type="application/json")
    else:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    headers = "\n".join(f"{k}: {v}" for k, v in response.items()).encode()
    return headers + b"\n" + content + b"\n" + str(response.cookies).encode()


def test_no_marker_on_any_public_surface_or_in_the_logs(client, submitted, caplog, capsys):
    public = client.__class__()  # a fresh visitor, no cookies from the submissions
    for method, path, data in public_surfaces(submitted):
        body = read(public, method, path, data)
        for marker in MARKERS:
            assert marker.encode() not in body, (marker, path)
        # The GeoPackage is SQLite: text in it is UTF-8 too, so the byte search covers it.
    # The proposal page's OpenGraph and the detail API show the name, never the address.
    page = public.get(f"/forslag/{submitted}/").content.decode()
    assert 'property="og:title" content="Trygg sykkelvei"' in page
    assert public.get(f"/api/v1/proposals/{submitted}/").json()["properties"]["name"] == "Kari"

    records = caplog.get_records("setup") + caplog.get_records("call")
    logs = "".join(json.dumps(r.__dict__, default=str) + r.getMessage() for r in records)
    captured = capsys.readouterr()
    for marker in MARKERS:
        assert marker not in logs, marker
        assert marker not in captured.out + captured.err, marker
    # The run did log: one line per request, which the scan read.
    assert sum(r.name == "fremtidskart.requests" for r in records) > len(public_surfaces(submitted))


def test_planners_export_carries_the_address_and_only_theirs_does(client, submitted):
    planner = User.objects.create_superuser("planner", "p@example.no", "x")
    client.force_login(planner)
    export = client.get("/api/v1/proposals/export/?output=csv")
    assert MARKER_EMAIL.encode() in b"".join(export.streaming_content)
