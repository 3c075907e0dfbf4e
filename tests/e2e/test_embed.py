"""The embeddable map works inside an iframe on the kommune's own site; no other page may be
framed there."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import load_baerum
from tests.e2e.conftest import ARTIFACTS, DESKTOP
from tests.factories import SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kommune_site():
    """The kommune's own web site, another origin on this machine, whose page frames a path of
    ours (set `site.path`)."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            html = (
                "<!DOCTYPE html><html lang='nb'><title>Kommunen</title><h1>Si din mening</h1>"
                f"<iframe title='Fremtidskart' src='{site.target}' width='1000' height='650'>"
                "</iframe></html>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    site = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    site.url = f"http://127.0.0.1:{site.server_port}"
    threading.Thread(target=site.serve_forever, daemon=True).start()
    yield site
    site.shutdown()


def kommune_page(browser, site, target: str):
    site.target = target
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site.url + "/")
    return page


def test_the_embed_map_runs_in_the_kommunes_iframe(browser, live_server, settings, kommune_site):
    settings.FREMTIDSKART_EMBED_ORIGINS = [kommune_site.url]
    make_proposal(load_baerum(), at=SANDVIKA_STATION, title="Sykkelhotell")
    page = kommune_page(browser, kommune_site, live_server.url + "/innebygd/")
    frame = page.frame_locator("iframe")
    frame.locator("#map[data-ready=true]").wait_for(timeout=15_000)
    frame.locator("#map .symbol-marker").first.wait_for()
    assert frame.locator(".site-nav a").get_attribute("href") == "/"
    assert frame.locator("base").get_attribute("target") == "_blank"
    page.screenshot(path=str(ARTIFACTS / "embed-in-kommune-page.png"))
    page.close()


def test_other_pages_refuse_to_be_framed(browser, live_server, settings, kommune_site):
    settings.FREMTIDSKART_EMBED_ORIGINS = [kommune_site.url]
    load_baerum()
    page = kommune_page(browser, kommune_site, live_server.url + "/")
    page.wait_for_load_state("load")  # the page's load waits for its iframe, refused or not
    [_, framed] = page.frames
    assert framed.url.startswith("chrome-error://")  # the browser refused to show it
    assert framed.query_selector("#map") is None
    page.close()
