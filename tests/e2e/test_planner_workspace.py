"""A planner works through the workspace in real Chromium; a resident then sees the answer."""

import subprocess

import pytest

from mapping.models import Proposal, Report
from tests.conftest import load_baerum, run_jobs
from tests.e2e.conftest import ARTIFACTS, DESKTOP, log_in
from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA_EAST, SANDVIKA_STATION, make_proposal
from tests.server.gunicorn import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = "#result-list li"
MARKERS = "#map .symbol-marker"


@pytest.fixture
def proposals():
    campaign = load_baerum()
    return {
        "station": make_proposal(campaign, at=SANDVIKA_STATION, title="Sykkelhotell ved stasjonen"),
        "east": make_proposal(campaign, at=SANDVIKA_EAST, title="Park ved elva"),
        "bekkestua": make_proposal(campaign, at=BEKKESTUA, title="Torg på Bekkestua"),
        "lommedalen": make_proposal(campaign, at=LOMMEDALEN, title="Lysløype i Lommedalen"),
    }


def log_in_to_workspace(page, live_server):
    log_in(page, live_server.url + "/planlegger/")
    page.wait_for_selector("#map[data-ready=true]")


def wait_for_count(page, text):
    page.wait_for_function(
        "text => document.getElementById('result-count').textContent.startsWith(text)", arg=text
    )


def test_planner_filters_draws_answers_exports_and_resident_sees_answer(
    browser, live_server, planner, proposals, tmp_path
):
    page = browser.new_page(viewport=DESKTOP)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in_to_workspace(page, live_server)
    wait_for_count(page, "4 forslag")

    # The delområde containing Sandvika: only its two proposals, in the list and on the map.
    page.fill("#f-area-search", "sandvika")
    page.check("input[name=area][value='320114']")
    wait_for_count(page, "2 forslag")
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 2")
    titles = set(page.locator(f"{ROWS} .result__title").all_inner_texts())
    assert titles == {"Sykkelhotell ved stasjonen", "Park ved elva"}
    page.wait_for_function("() => document.querySelectorAll('#map .symbol-marker').length === 2")
    assert "area=320114" in page.url

    # A polygon drawn tightly round one of the two markers leaves only that proposal.
    # The map zooms to the picked area: draw once the marker has stopped moving.
    page.wait_for_function(
        """selector => new Promise(resolve => {
            const box = () => document.querySelector(selector).getBoundingClientRect();
            const where = () => JSON.stringify(box());
            const before = where();
            setTimeout(() => resolve(where() === before), 100);
        })""",
        arg=MARKERS,
    )
    box = page.locator(MARKERS).first.bounding_box()
    page.click("#draw-polygon")
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(cx - 20, cy - 20), (cx + 20, cy - 20), (cx + 20, cy + 20), (cx - 20, cy + 20)]
    for x, y in corners:
        page.mouse.click(x, y)
    page.mouse.click(*corners[0])
    wait_for_count(page, "1 forslag")
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 1")
    assert "within=" in page.url
    [title] = page.locator(f"{ROWS} .result__title").all_inner_texts()
    chosen = Proposal.objects.get(title=title)

    # Set a status with a public answer.
    page.click(f"{ROWS} button")
    page.wait_for_selector("#detail:not([hidden])")
    page.select_option("#d-status", "innarbeidet")
    page.fill("#d-answer", "Vi tar dette med i kommuneplanen.")
    page.click("#status-form [type=submit]")
    wait_for_count(page, "Status og svar er lagret.")
    chosen.refresh_from_db()
    assert (chosen.status, chosen.answer) == ("innarbeidet", "Vi tar dette med i kommuneplanen.")

    # Have exactly the filtered set written as a GeoPackage in UTM 32, and download it.
    page.click("#export-form [type=submit]")
    wait_until(Report.objects.exists, what="the export asked for")
    run_jobs()  # the job worker's part (tests/server/test_jobs.py runs real workers)
    page.wait_for_selector("#export-download:not([hidden])")
    assert "1 forslag, GPKG" in page.inner_text("#export-download")
    with page.expect_download() as download:
        page.click("#export-download")
    path = tmp_path / "export.gpkg"
    download.value.save_as(path)
    info = subprocess.run(
        ["ogrinfo", "-al", "-so", str(path)], capture_output=True, text=True
    ).stdout
    assert "Feature Count: 1" in info
    assert 'ID["EPSG",25832]' in info
    assert errors == []
    page.screenshot(path=str(ARTIFACTS / "planner-workspace.png"))

    # A resident opens the proposal's link and reads the answer.
    resident = browser.new_page(viewport=DESKTOP)
    resident.goto(f"{live_server.url}/?forslag={chosen.pk}")
    resident.wait_for_selector(".popup__answer")
    assert "Vi tar dette med i kommuneplanen." in resident.locator(".popup__answer").inner_text()
    assert "Innarbeidet" in resident.locator(".popup__status").inner_text()
    resident.screenshot(path=str(ARTIFACTS / "resident-sees-answer.png"))
    page.close()
    resident.close()


def test_workspace_turns_away_residents_and_anonymous_visitors(browser, live_server, proposals):
    from django.contrib.auth.models import User

    User.objects.create_user("beboer", password="beboer-passord")
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/planlegger/")
    assert "/logg-inn/" in page.url
    page.fill("#id_username", "beboer")
    page.fill("#id_password", "beboer-passord")
    workspace = live_server.url + "/planlegger/"
    with page.expect_response(lambda r: r.url == workspace) as after_login:
        page.click(".login-form [type=submit]")
    assert after_login.value.status == 403
    page.wait_for_load_state()
    assert "Du har ikke tilgang til denne siden." in page.locator("main").inner_text()
    page.close()


def test_the_workspace_fetches_each_tile_once_and_says_when_it_is_counting(
    browser, live_server, planner, proposals
):
    page = browser.new_page(viewport=DESKTOP)
    tiles = []
    page.on(
        "request",
        lambda request: (
            tiles.append(request.url.split("?")[0]) if "/tiles/" in request.url else None
        ),
    )
    log_in_to_workspace(page, live_server)
    wait_for_count(page, "4 forslag")
    page.wait_for_load_state("networkidle")
    assert tiles and len(tiles) == len(set(tiles)), tiles
    # A filter change: the count says it is counting until the new number is there.
    page.route(
        "**/api/v1/proposals/count/**",
        lambda route: page.wait_for_timeout(300) or route.continue_(),
    )
    page.fill("#f-area-search", "sandvika")
    page.check("input[name=area][value='320114']")
    wait_for_count(page, "Teller")
    wait_for_count(page, "2 forslag")
