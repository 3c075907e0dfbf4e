"""Place search: offline over imported places and areas; addresses from a Geonorge stand-in."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from geo.address_search import address_search

pytestmark = pytest.mark.django_db

RECORDING = Path(__file__).parent / "recordings" / "geonorge_adresser_sandviksveien.json"


def test_offline_search_finds_places_and_areas(api):
    hits = api.get("/api/v1/places/", {"q": "kolsås"}).json()
    names = [h["name"] for h in hits]
    assert names[0] == "Kolsås stasjon"
    assert "Kolsås" in names  # the delområde
    delomrade = next(h for h in hits if h["name"] == "Kolsås")
    min_lon, min_lat, max_lon, max_lat = delomrade["bbox"]
    assert min_lon <= delomrade["lon"] <= max_lon and min_lat <= delomrade["lat"] <= max_lat
    assert api.get("/api/v1/places/", {"q": ""}).json() == []
    assert api.get("/api/v1/places/", {"q": "'; drop table geo_place"}).json() == []


class GeonorgeStandIn(BaseHTTPRequestHandler):
    """Replays a recorded `adresser/v1/sok` answer; remembers what it was asked."""

    requests: list = []

    def do_GET(self):
        type(self).requests.append(parse_qs(urlparse(self.path).query))
        body = RECORDING.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def geonorge(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), GeonorgeStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FREMTIDSKART_ADDRESS_SEARCH_URL = (
        f"http://127.0.0.1:{server.server_port}/adresser/v1/sok"
    )
    GeonorgeStandIn.requests = []
    yield GeonorgeStandIn
    server.shutdown()


def test_address_provider_asks_for_the_kommune_and_returns_points(geonorge):
    hits = address_search("sandviksveien")
    assert [h["name"] for h in hits] == ["Sandviksveien 10, Sandvika", "Sandviksveien 26, Sandvika"]
    assert (hits[0]["lon"], hits[0]["lat"]) == (10.5233, 59.8906)
    [query] = geonorge.requests
    assert query["kommunenummer"] == ["3201"]
    assert query["utkoordsys"] == ["4326"]
    assert query["sok"] == ["sandviksveien"]


def test_address_hits_join_the_place_search_when_switched_on(api, geonorge):
    names = [h["name"] for h in api.get("/api/v1/places/", {"q": "sandviksveien"}).json()]
    assert "Sandviksveien 10, Sandvika" in names


def test_unreachable_address_service_gives_offline_hits_only(api, settings):
    settings.FREMTIDSKART_ADDRESS_SEARCH_URL = "http://127.0.0.1:9/adresser/v1/sok"
    hits = api.get("/api/v1/places/", {"q": "sandvika"}).json()
    assert hits and all(h["kind"] != "adresse" for h in hits)


def test_address_search_is_off_by_default(settings):
    assert settings.FREMTIDSKART_ADDRESS_SEARCH_URL == ""
    assert address_search("sandviksveien") == []
