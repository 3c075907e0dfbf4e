"""From input to decision in real Chromium: a planner tags a filtered set, merges two
duplicates, links an outcome, downloads the input report; a resident then sees where the
proposal went on its permalink."""

import pytest
from docx import Document

from mapping.models import Proposal, Report
from tests.conftest import load_baerum, run_jobs
from tests.e2e.conftest import DESKTOP, log_in
from tests.factories import BEKKESTUA, SANDVIKA_STATION, make_proposal
from tests.server.gunicorn import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

NEAR = (SANDVIKA_STATION[0] + 0.0002, SANDVIKA_STATION[1])
TITLE = "Trygg overgang ved stasjonen"
BODY = "Lag en trygg overgang for barn ved stasjonen."


def status_says(page, box, text):
    page.wait_for_function(
        "([box, text]) => document.getElementById(box).textContent.includes(text)",
        arg=[box, text],
        timeout=20000,
    )


def test_a_planner_works_from_tags_to_report_and_a_resident_sees_the_outcome(
    browser, live_server, planner
):
    campaign = load_baerum()
    first = make_proposal(campaign, at=SANDVIKA_STATION, title=TITLE, body=BODY)
    second = make_proposal(campaign, at=NEAR, title=TITLE + "!", body=BODY)
    make_proposal(campaign, at=BEKKESTUA, title="Park på Bekkestua")
    page = browser.new_page(viewport=DESKTOP)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server.url + "/planlegger/")
    page.wait_for_selector("#map[data-ready=true]")

    # 1. Tag the filtered set: the delområde with the station.
    page.fill("#f-area-search", "sandvika")
    page.check("input[name=area][value='320114']")
    page.wait_for_function(
        "() => document.getElementById('result-count').textContent.startsWith('2 forslag')"
    )
    page.click("#tagging summary")
    page.fill("#tag-new-name", "Skolevei")
    page.click("#tag-new-form button")
    status_says(page, "tag-status", "er opprettet")
    page.click("#tag-set-form button")
    status_says(page, "tag-status", "2 forslag fikk merkelappen «Skolevei»")

    # 2. The two are found as duplicates and merged under the older one.
    page.click("#duplicates-box summary")
    page.click("#duplicate-form button")
    status_says(page, "duplicate-status", "1 grupper")
    page.click(".duplicate-group button")
    status_says(page, "duplicate-status", f"slått sammen med nr. {first.pk}")
    second.refresh_from_db()
    assert second.visibility == Proposal.Visibility.MERGED and second.merged_into_id == first.pk

    # 3. An outcome is made and linked to the selection (now the primary alone).
    page.click("#outcomes-box summary")
    page.fill("#outcome-name", "kommuneplanens arealdel 2026–2040")
    page.fill("#outcome-case", "26/1234")
    page.fill("#outcome-url", "https://www.baerum.kommune.no/kpa")
    page.click("#outcome-new-form button")
    status_says(page, "outcome-status", "er opprettet")
    page.click("#outcome-link-form button")
    status_says(page, "outcome-status", "1 forslag ble koblet til")

    # 4. The report of the selection, built in the background, downloaded as DOCX.
    page.click("#report-box summary")
    page.click("#report-form button[value=docx]")
    wait_until(Report.objects.exists, what="the report asked for")
    run_jobs()  # the job worker's part (tests/server/test_jobs.py runs real workers)
    page.wait_for_selector("#report-download:not([hidden])", timeout=30000)
    with page.expect_download() as download:
        page.click("#report-download")
    document = Document(download.value.path())
    table = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in rows] == [str(first.pk)]
    assert rows[0][5] == f"{second.pk}: {second.title}"
    assert rows[0][8].startswith("kommuneplanens arealdel 2026–2040 (sak 26/1234)")
    assert not errors

    # 5. A resident opens the merged duplicate's link and lands on the primary with its outcome.
    resident = browser.new_page(viewport=DESKTOP)
    resident.goto(f"{live_server.url}/forslag/{second.pk}/")
    assert resident.url.endswith(f"/forslag/{first.pk}/#forslag-{second.pk}")
    outcome = resident.locator(".proposal__outcome a")
    assert outcome.inner_text() == "Behandles i kommuneplanens arealdel 2026–2040 (sak 26/1234)"
    assert outcome.get_attribute("href") == "https://www.baerum.kommune.no/kpa"
    assert "1 lignende forslag er slått sammen her" in resident.inner_text("main")


def test_the_decision_tools_fit_a_phone(browser, live_server, planner):
    """A long plan name in the outcome list must not widen the workspace past the screen."""
    from mapping import services
    from tests.e2e.conftest import PHONE

    campaign = load_baerum()
    services.outcome_create(campaign=campaign, name="kommuneplanens arealdel 2026–2040 " * 3)
    page = browser.new_page(viewport=PHONE)
    log_in(page, live_server.url + "/planlegger/")
    page.wait_for_selector("#map[data-ready=true]")
    for box in ("#tagging", "#duplicates-box", "#outcomes-box", "#report-box"):
        page.click(box + " summary")
    page.wait_for_function("() => document.querySelector('#outcome-choice option')")
    assert page.evaluate("() => document.documentElement.scrollWidth") == PHONE["width"]
