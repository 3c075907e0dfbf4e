"""axe-core 4.14 (WCAG 2.0, 2.1 and 2.2 A and AA rules) finds no violations on any page, in any
state, on a desktop and on a 360 px phone."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from geo.models import Area
from mapping import services
from tests.conftest import load_baerum
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.factories import SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
# The newest axe-core (tests/e2e/vendor, from package.json); the wrapper's own is older.
axe = Axe.from_file(Path(__file__).parent / "vendor" / "axe.min.js")


def check(page, name):
    results = axe.run(page, options=AXE_OPTIONS)
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "axe-results.jsonl").open("a") as log:
        log.write(json.dumps({"page": name, "violations": results.violations_count}) + "\n")
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"


@pytest.fixture
def proposal():
    campaign = load_baerum()
    return make_proposal(campaign, at=SANDVIKA_STATION, title="Sykkelhotell ved stasjonen")


def in_language(browser, live_server, viewport, language=None):
    """A new page at the viewport, with the site's language chosen as a visitor chooses it."""
    page = browser.new_page(viewport=viewport, reduced_motion="reduce")
    if language:
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
    return page


def open_map(browser, live_server, viewport, language=None):
    page = in_language(browser, live_server, viewport, language)
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-ready=true]")
    return page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_map_page_states(browser, live_server, proposal, viewport, language):
    page = open_map(browser, live_server, viewport, language)
    check(page, f"map ({language})")
    page.locator("#map .symbol-marker").first.click()
    page.wait_for_selector(".leaflet-popup-content .popup__title")
    check(page, f"map with popup ({language})")
    page.keyboard.press("Escape")
    page.click("#new-proposal")
    page.click("#place-at-centre")
    check(page, f"form open ({language})")
    page.click("#proposal-form [type=submit]")
    page.wait_for_selector("#error-title:not([hidden])")
    check(page, f"form with errors ({language})")
    page.close()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/forslag/", "list"),
        ("/forslag/?category=finnes-ikke", "list with errors"),
        ("/forslag/nytt/", "no-map form"),
        ("/tilgjengelighet/", "accessibility statement"),
        ("/personvern/", "privacy statement"),
        ("/logg-inn/", "login"),
        ("/forslag/999999/", "404"),
        ("/innebygd/", "embeddable map"),
        ("/api/docs/", "API reference"),
        ("/ogc/?f=html", "OGC API landing page"),
        ("/ogc/collections?f=html", "OGC API collections"),
        ("/ogc/collections/proposals/items?f=html", "OGC API items"),
        ("/ogc/collections/proposals/queryables?f=html", "OGC API queryables"),
        ("/ogc/api?f=html", "OGC API reference"),
    ],
)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pages_without_map(browser, live_server, proposal, path, name, viewport):
    page = browser.new_page(viewport=viewport, reduced_motion="reduce")
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    check(page, name)
    page.close()


def test_permalink_and_no_map_form_with_errors(browser, live_server, planner, proposal):
    # With a merged duplicate, an outcome and the follow form open.
    duplicate = make_proposal(proposal.campaign, at=SANDVIKA_STATION, title=proposal.title)
    services.proposals_merge(primary=proposal, duplicates=[duplicate.pk], user=planner)
    outcome = services.outcome_create(
        campaign=proposal.campaign, name="Kommuneplanens arealdel", url="https://example.no/"
    )
    services.proposals_link_outcome(outcome=outcome, proposals=type(proposal).objects.all())
    page = browser.new_page(viewport=DESKTOP, reduced_motion="reduce")
    page.goto(f"{live_server.url}/forslag/{proposal.pk}/")
    page.click("#folg summary")
    check(page, "permalink")
    page.goto(live_server.url + "/forslag/nytt/")
    page.click("form[enctype] [type=submit]")
    page.wait_for_selector("#error-summary")
    check(page, "no-map form with errors")
    page.close()


def test_planner_workspace(browser, live_server, planner, proposal):
    # With a population layer, the numbers tab also shows the rate and the least heard areas.
    Area.objects.filter(kind="delomrade").update(population=5000, population_year=2025)
    make_proposal(proposal.campaign, at=SANDVIKA_STATION, title=proposal.title)  # a duplicate
    page = browser.new_page(viewport=DESKTOP, reduced_motion="reduce")
    page.goto(live_server.url + "/planlegger/")
    page.fill("#id_username", "planlegger")
    page.fill("#id_password", "planlegger-passord")
    page.click(".login-form [type=submit]")
    page.wait_for_selector("#map[data-ready=true]")
    check(page, "planner workspace")
    page.click("#result-list li button")
    page.wait_for_selector("#detail:not([hidden])")
    check(page, "planner workspace with detail")
    page.click("#posters summary")
    page.click("#tagging summary")
    check(page, "planner workspace with the tagging and poster forms")
    page.click("#duplicates-box summary")
    page.click("#duplicate-form button")
    page.wait_for_selector(".duplicate-group")
    page.click("#outcomes-box summary")
    page.click("#report-box summary")
    check(page, "planner workspace with duplicates, outcomes and the report")
    page.click("#tab-stats")
    page.wait_for_selector("#stats-body tr")
    page.wait_for_selector("#least-heard:not([hidden])")
    page.check("#choropleth-rate")
    page.wait_for_selector("#hotspot-status:not(:empty)")
    themes_done = "() => !document.getElementById('theme-status').textContent.includes('…')"
    page.wait_for_function(themes_done)
    check(page, "planner workspace numbers, per 1000 inhabitants, themes and hotspots")
    page.close()


@pytest.fixture
def event(proposal):
    now = timezone.now()
    return services.event_create(
        campaign=proposal.campaign,
        name="Folkemøte på Bekkestua",
        place="Bekkestua bibliotek",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        user=None,
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_workshop_and_kiosk_pages(browser, live_server, event, viewport, language):
    page = in_language(browser, live_server, viewport, language)
    page.goto(live_server.url + "/verksted/")
    check(page, f"workshop code ({language})")
    page.fill("#event-code-input", "ZZZZZZ")
    page.keyboard.press("Enter")
    page.wait_for_selector(".form-errors")
    check(page, f"workshop code, wrong ({language})")
    page.goto(f"{live_server.url}/verksted/{event.code}/kiosk/")
    check(page, f"kiosk confirmation ({language})")
    page.click("main [type=submit]")
    page.wait_for_selector("#map[data-ready=true]")
    page.click(".event-banner summary")
    check(page, f"map as a kiosk ({language})")
    page.evaluate("document.getElementById('kiosk-thanks').showModal()")
    check(page, f"kiosk thank-you ({language})")
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_planners_events_pages(browser, live_server, planner, event, viewport, language):
    page = in_language(browser, live_server, viewport, language)
    page.goto(live_server.url + "/planlegger/verksteder/")
    page.fill("#id_username", "planlegger")
    page.fill("#id_password", "planlegger-passord")
    page.click(".login-form [type=submit]")
    page.wait_for_selector("#new-event-title")
    check(page, f"events ({language})")
    page.click("form.card [type=submit]")
    page.wait_for_selector(".field__error")
    check(page, f"events form with errors ({language})")
    page.goto(f"{live_server.url}/planlegger/verksteder/{event.pk}/")
    check(page, f"event for the projector ({language})")
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_planners_api_keys_page(browser, live_server, planner, viewport, language):
    page = in_language(browser, live_server, viewport, language)
    page.goto(live_server.url + "/planlegger/api-nokler/")
    page.fill("#id_username", "planlegger")
    page.fill("#id_password", "planlegger-passord")
    page.click(".login-form [type=submit]")
    page.wait_for_selector("#new-token-title")
    page.click("form.card [type=submit]")
    page.wait_for_selector(".field__error")
    check(page, f"API keys form with errors ({language})")
    page.fill("#id_name", "QGIS")
    page.click("form.card [type=submit]")
    page.wait_for_selector("#new-key")
    assert page.input_value("#new-key").startswith("fk_")
    check(page, f"API keys with a new key ({language})")
    page.locator("table form [type=submit]").first.click()
    page.wait_for_selector(".message")
    check(page, f"API keys after revoking ({language})")
    page.close()
