"""A poster printed, scanned and followed: the planner downloads it from the workspace, a
resident's phone reads its QR code, the map opens at the spot and a proposal is sent."""

import pytest

from mapping.models import Poster, Proposal
from tests.conftest import load_baerum
from tests.e2e.conftest import DESKTOP, PHONE, log_in
from tests.mapping.test_posters import scan

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_poster_is_printed_scanned_and_a_proposal_sent_at_its_spot(
    browser, live_server, planner, tmp_path
):
    load_baerum()
    page = browser.new_page(viewport=DESKTOP, accept_downloads=True)
    log_in(page, live_server.url + "/planlegger/")
    page.wait_for_selector("#map[data-ready=true]")
    page.click("#posters summary")
    page.fill("#poster-name", "Sandvika stasjon")
    page.click("#poster-pick")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.55)
    page.wait_for_selector("#poster-status:has-text('Punkt valgt')")
    page.select_option("#poster-language", "en")
    with page.expect_download() as download:
        page.click("#poster-form [type=submit]")
    link = scan(download.value.path().read_bytes(), tmp_path)
    poster = Poster.objects.get()
    assert link == f"{live_server.url}/p/{poster.code}/en/"  # the poster's language

    phone = browser.new_page(viewport=PHONE)
    phone.goto(link)
    assert phone.locator("html").get_attribute("lang") == "en"
    phone.wait_for_selector("#proposal-form:not([hidden])")  # "Nytt forslag" is ready
    phone.select_option("#id_category", "natur-og-gronnstruktur")
    phone.fill("#id_title", "Trær langs gangveien")
    phone.fill("#id_body", "Plant trær her, det er varmt om sommeren.")
    phone.check("#id_consent")
    phone.click("#proposal-form [type=submit]")
    phone.wait_for_selector("#status:has-text('Thank you!')")
    proposal = Proposal.objects.get(title="Trær langs gangveien")
    assert (proposal.channel, proposal.poster_id) == ("poster", poster.pk)
    assert proposal.location.distance(poster.point) < 1e-6  # at the poster's spot


def test_a_click_on_a_count_while_picking_picks_the_spot(browser, live_server, planner):
    """Picking the poster's spot, a count (a cluster) on the map is a place like any other:
    the click picks it, and the map does not zoom."""
    from tests.factories import SANDVIKA_STATION, make_proposal

    campaign = load_baerum()
    for n in range(30):
        make_proposal(campaign, at=(SANDVIKA_STATION[0] + n * 1e-5, SANDVIKA_STATION[1]))
    page = browser.new_page(viewport=DESKTOP)
    log_in(page, live_server.url + "/planlegger/")
    page.wait_for_selector("#map[data-ready=true]")
    count = page.locator("#map .cluster").first
    count.wait_for()
    zoom = page.evaluate("() => document.querySelector('.leaflet-proxy').style.transform")
    page.click("#posters summary")
    page.click("#poster-pick")
    box = count.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#poster-status:has-text('Punkt valgt')")
    page.wait_for_timeout(400)  # a zoom would have started
    assert page.evaluate("() => document.querySelector('.leaflet-proxy').style.transform") == zoom
