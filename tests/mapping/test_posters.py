"""On-site QR posters: a planner downloads an A4 poster for a spot; its QR code and short link
open the map there with a new proposal ready, and what comes through it counts under it."""

import subprocess

import pytest
import zxingcpp
from django.test import Client
from PIL import Image

from geo.models import Area
from mapping.models import Poster, Proposal
from tests.conftest import resident
from tests.factories import FJORD, SANDVIKA_STATION, feature

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


def download(client, **spot) -> tuple:
    response = client.post(
        "/planlegger/plakat/", {"language": "nn", "name": "Sandvika stasjon", **spot}
    )
    return response, Poster.objects.order_by("pk").last()


def scan(pdf: bytes, tmp_path) -> str:
    """Print the poster to an image, as a phone's camera sees it, and read its QR code."""
    (tmp_path / "poster.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-singlefile", "poster.pdf", "poster"],
        cwd=tmp_path,
        check=True,
    )
    (code,) = zxingcpp.read_barcodes(Image.open(tmp_path / "poster.png"))
    return code.text


def test_a_poster_for_a_point_is_an_a4_pdf_whose_qr_code_opens_the_spot(
    campaign, planner_client, tmp_path
):
    lon, lat = SANDVIKA_STATION
    response, poster = download(planner_client, lon=lon, lat=lat)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"sandvika-stasjon-{poster.code}-nn.pdf" in response["Content-Disposition"]
    link = scan(response.content, tmp_path)
    info = subprocess.run(
        ["pdfinfo", "poster.pdf"], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout
    assert "(A4)" in info
    assert "Pages:           1" in info
    assert link == f"http://testserver/p/{poster.code}/nn/"  # the poster's language
    visitor = Client()
    opened = visitor.get(link)
    assert opened["Location"] == f"/?kampanje={campaign.slug}&plakat={poster.code}"
    html = visitor.get(opened["Location"]).content.decode()
    assert '<html lang="nn"' in html
    assert f'"poster": {{"code": "{poster.code}", "lon": {lon}, "lat": {lat}}}' in html


def test_a_poster_for_an_area_stands_inside_it(campaign, planner_client):
    area = Area.objects.get(kind="delomrade", code="320114")
    response, poster = download(planner_client, area=area.code)
    assert response.status_code == 200
    assert poster.area == area
    assert area.geom.contains(poster.point)


@pytest.mark.parametrize(
    "spot", [{}, {"lon": FJORD[0] + 1, "lat": FJORD[1]}, {"lon": "x", "lat": "y"}, {"area": "0301"}]
)
def test_a_poster_outside_or_nowhere_is_refused_and_nothing_is_written(
    campaign, planner_client, spot
):
    response, poster = download(planner_client, **spot)
    assert response.status_code == 302
    assert poster is None
    page = Client.get(planner_client, response["Location"]).content.decode()
    assert 'class="message message--error"' in page


def test_only_planners_make_posters(campaign):
    lon, lat = SANDVIKA_STATION
    assert Client().post("/planlegger/plakat/", {"lon": lon, "lat": lat}).status_code == 302
    assert not Poster.objects.exists()


def test_proposals_through_a_poster_count_under_it(campaign, planner_client):
    lon, lat = SANDVIKA_STATION
    _, poster = download(planner_client, lon=lon, lat=lat)
    for n in range(5):
        response = resident().post(
            URL,
            feature(at=SANDVIKA_STATION, title=f"Ved stasjonen {n}", poster=poster.code),
            content_type="application/json",
        )
        assert response.status_code == 201
    assert set(Proposal.objects.values_list("channel", "poster")) == {("poster", poster.pk)}
    (row,) = Client().get("/api/v1/stats/posters/").json()
    assert (row["poster"], row["count"]) == (poster.pk, 5)
    unknown = Client().post(URL, feature(poster="ZZZZZZ"), content_type="application/json")
    assert unknown.status_code == 400
    assert "poster" in unknown.json()


def test_a_short_link_in_an_unknown_language_is_not_found(campaign, planner_client):
    _, poster = download(planner_client, lon=10.5225, lat=59.8917)
    assert Client().get(f"/p/{poster.code}/de/").status_code == 404
    assert "django_language" not in Client().get(f"/p/{poster.code}/").cookies


@pytest.fixture
def tile_server():
    """A tile service on 127.0.0.1, as Kartverket's answers: each tile a 256-pixel PNG of one
    colour; every path asked for is kept."""
    import io
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), TILE_COLOUR).save(buffer, "PNG")
    asked = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(buffer.getvalue())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/topo/{{z}}/{{y}}/{{x}}.png", asked
    server.shutdown()


TILE_COLOUR = (214, 236, 200)


def map_image(pdf: bytes) -> Image.Image | None:
    """The poster's map picture (not the square QR code), if it has one."""
    import io

    from pypdf import PdfReader

    pictures = [p.image for p in PdfReader(io.BytesIO(pdf)).pages[0].images]
    return next((p for p in pictures if p.width != p.height), None)


def test_the_posters_map_is_the_sites_base_map_fetched_as_it_is_made(
    campaign, planner_client, tile_server, settings
):
    url, asked = tile_server
    settings.BASEMAP = {**settings.BASEMAP, "url": url}
    response, _poster = download(planner_client, lon=SANDVIKA_STATION[0], lat=SANDVIKA_STATION[1])
    assert response["X-Poster-Basemap"] == "yes"
    assert asked and all(path.startswith("/topo/16/") for path in asked)
    picture = map_image(response.content)
    assert picture is not None and picture.width > 1000  # print quality over 17 cm
    assert picture.convert("RGB").getpixel((5, 5)) == TILE_COLOUR


def test_without_a_tile_service_the_poster_falls_back_to_outlines_and_says_so(
    campaign, planner_client, settings
):
    settings.BASEMAP = {**settings.BASEMAP, "url": "http://127.0.0.1:9/{z}/{x}/{y}.png"}
    response, _poster = download(planner_client, lon=SANDVIKA_STATION[0], lat=SANDVIKA_STATION[1])
    assert response.status_code == 200 and response["X-Poster-Basemap"] == "no"
    assert map_image(response.content) is None  # outlines drawn, no picture
    workspace = planner_client.get("/planlegger/").content.decode()
    assert "Bakgrunnskartet kunne ikke hentes" in workspace


def test_a_poster_is_one_named_object_downloaded_in_any_language(campaign, planner_client):
    response, poster = download(planner_client, lon=SANDVIKA_STATION[0], lat=SANDVIKA_STATION[1])
    assert poster.name == "Sandvika stasjon"
    assert f"sandvika-stasjon-{poster.code}-nn.pdf" in response["Content-Disposition"]
    for language in ("nb", "en"):
        again = planner_client.get(f"/planlegger/plakat/{poster.code}/{language}.pdf")
        assert again.status_code == 200 and again["Content-Type"] == "application/pdf"
        assert f"-{poster.code}-{language}.pdf" in again["Content-Disposition"]
    assert Poster.objects.count() == 1  # the same poster, in three languages
    workspace = planner_client.get("/planlegger/").content.decode()
    assert f"Sandvika stasjon ({poster.code})" in workspace
    assert f"/planlegger/plakat/{poster.code}/en.pdf" in workspace
    assert planner_client.get(f"/planlegger/plakat/{poster.code}/de.pdf").status_code == 404
    assert Client().get(f"/planlegger/plakat/{poster.code}/nb.pdf").status_code == 302  # log in


def test_a_poster_needs_a_name(campaign, planner_client):
    response = planner_client.post(
        "/planlegger/plakat/", {"language": "nb", "name": " ", "lon": "10.5225", "lat": "59.8917"}
    )
    assert response.status_code == 302 and not Poster.objects.exists()
    assert "Gi plakaten et navn" in planner_client.get("/planlegger/").content.decode()
