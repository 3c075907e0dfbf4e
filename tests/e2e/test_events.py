"""A workshop joined by its code, and a kiosk used by one person after another, in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mapping import services
from mapping.models import Proposal
from tests.conftest import load_baerum
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def event():
    campaign = load_baerum()
    make_proposal(campaign, at=SANDVIKA, title="Benker ved stasjonen")
    now = timezone.now()
    return services.event_create(
        campaign=campaign,
        name="Verksted på skolen",
        place="Sandvika skole",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        user=None,
    )


def write_proposal(page, title):
    page.click("#new-proposal")
    page.click("#place-at-centre")
    page.select_option("#id_category", "moteplasser")
    page.fill("#id_title", title)
    page.fill("#id_body", "Et sted å møtes etter skolen.")
    page.check("#id_consent")
    page.click("#proposal-form [type=submit]")


def test_a_pupil_joins_the_workshop_by_its_code_and_sends_a_proposal(browser, live_server, event):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/verksted/")
    page.fill("#event-code-input", event.code.lower())
    page.keyboard.press("Enter")
    page.wait_for_selector("#map[data-ready=true]")
    assert "Du er med i «Verksted på skolen»" in page.text_content(".event-banner")
    write_proposal(page, "Ballbinge ved skolen")
    page.wait_for_selector("#status:has-text('Takk!')")
    proposal = Proposal.objects.get(title="Ballbinge ved skolen")
    assert (proposal.channel, proposal.event_id) == ("event", event.pk)


def test_a_kiosk_is_ready_for_the_next_person(browser, live_server, event, settings):
    settings.FREMTIDSKART_KIOSK_RETURN_S = 2
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/verksted/{event.code}/kiosk/")
    page.click("main [type=submit]")
    page.wait_for_selector("#map[data-ready=true]")

    # The first person supports a proposal, then writes one with their name.
    page.locator("#map .symbol-marker").first.click()
    page.click(".popup__actions .button--primary")
    page.wait_for_selector("#status:has-text('Takk for støtten!')")
    page.keyboard.press("Escape")
    write_proposal(page, "Lesesal ute")
    page.wait_for_selector("#kiosk-thanks[open]")
    # The thank-you screen goes back to the map by itself.
    page.wait_for_function("() => !document.getElementById('kiosk-thanks').open", timeout=10_000)

    # The next person: an empty form, and their support counts too.
    page.click("#new-proposal")
    assert page.input_value("#id_name") == ""
    assert page.get_attribute("#id_email", "autocomplete") == "off"
    page.click(".js-cancel >> nth=0")
    benches = Proposal.objects.get(title="Benker ved stasjonen")
    page.goto(f"{live_server.url}/?forslag={benches.pk}")
    page.click(".popup__actions .button--primary")
    page.wait_for_selector("#status:has-text('Takk for støtten!')")
    benches.refresh_from_db()
    assert benches.support_count == 2
