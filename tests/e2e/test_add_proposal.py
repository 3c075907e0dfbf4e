"""A resident adds a proposal in real Chromium: by mouse or touch, and by keyboard alone."""

import pytest

from mapping.models import Proposal
from tests.conftest import load_baerum
from tests.e2e.conftest import DESKTOP, PHONE, tab_to
from tests.factories import SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "e2e.marker@example.no"
MARKERS = "#map .symbol-marker"


@pytest.fixture
def existing():
    return make_proposal(load_baerum(), at=SANDVIKA, title="Eksisterende forslag")


def fill_form(page):
    page.select_option("#id_category", "moteplasser")
    page.fill("#id_title", "Et torg med benker")
    page.fill("#id_body", "Et sted å møtes, med trær og benker.")
    page.fill("#id_name", "Ola")
    page.fill("#id_email", EMAIL)
    page.check("#id_consent")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_place_pin_by_mouse_and_submit(open_page, existing, viewport):
    page = open_page("/", viewport)
    assert page.locator(MARKERS).count() == 1

    page.click("#new-proposal")
    box = page.locator("#map").bounding_box()
    # Upper middle of the map (inside Bærum), clear of the phone's bottom sheet.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.35)
    fill_form(page)
    page.click("#proposal-form [type=submit]")

    page.wait_for_selector("#status:has-text('Takk!')")
    page.wait_for_selector(".leaflet-popup-content .popup__title:has-text('Et torg med benker')")
    page.wait_for_selector(MARKERS)  # the layer is drawn again with the new proposal
    proposal = Proposal.objects.get(title="Et torg med benker")
    assert proposal.email == EMAIL
    assert proposal.areas.filter(kind="kommune").exists()
    assert EMAIL not in page.content()


def test_errors_show_next_to_the_fields_in_norwegian(open_page, existing):
    page = open_page("/", DESKTOP)
    page.click("#new-proposal")
    page.click("#place-at-centre")
    page.click("#proposal-form [type=submit]")

    assert page.locator("#error-title").inner_text() == "Dette feltet er påkrevd."
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert "offentlig" in page.locator("#error-consent").inner_text()
    assert Proposal.objects.count() == 1


def test_pin_outside_baerum_is_refused_with_a_message(open_page, existing):
    page = open_page("/", DESKTOP)
    page.click("#new-proposal")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)  # far south-west: Asker
    fill_form(page)
    page.click("#proposal-form [type=submit]")

    page.wait_for_selector("#form-errors:not([hidden])")
    assert "utenfor Bærum" in page.locator("#form-errors").inner_text()
    assert Proposal.objects.count() == 1


def test_place_pin_at_map_centre_and_submit_by_keyboard_alone(open_page, existing):
    page = open_page("/", DESKTOP)

    tab_to(page, "#new-proposal")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "add-panel-title"

    tab_to(page, ".leaflet-container", backwards=True)
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # pan east, towards Bekkestua
    tab_to(page, "#place-at-centre")
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "id_category"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("Lysløype for vinteren")
    page.keyboard.press("Tab")
    page.keyboard.type("Lys i løypa, så vi kan gå på ski etter jobb.")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "#proposal-form [type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#status:has-text('Takk!')")
    page.wait_for_selector(".leaflet-popup-content .popup__title:has-text('Lysløype for vinteren')")
    proposal = Proposal.objects.get(title="Lysløype for vinteren")
    assert proposal.category.slug == "natur-og-gronnstruktur"
    assert proposal.areas.filter(kind="grunnkrets").exists()
    # After submitting, focus moves into the new proposal's popup; closing it (Escape) puts
    # focus back on the button that started it all.
    assert page.evaluate("document.activeElement.textContent") == "Lysløype for vinteren"
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.activeElement.id === 'new-proposal'")


def test_a_proposal_opens_from_its_marker_by_keyboard(open_page, existing):
    page = open_page("/", DESKTOP)
    page.wait_for_selector(MARKERS)
    page.locator(MARKERS).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup-content .popup__title")
    assert page.evaluate("document.activeElement.textContent") == "Eksisterende forslag"
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.activeElement.classList.contains('symbol-marker')")


def test_on_a_phone_the_map_takes_most_of_the_screen_while_placing(browser, live_server, existing):
    """The header folds and the place step sits under the map: at least 60 % of a 360 × 740
    screen is map, and the crosshair (the map's centre) is on it, not under the form."""
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-ready=true]")
    page.click("#new-proposal")
    page.wait_for_selector("#place-step:not([hidden])")
    visible = page.evaluate(
        """() => {
            const map = document.getElementById("map").getBoundingClientRect();
            const panel = document.getElementById("add-panel").getBoundingClientRect();
            const bottom = Math.min(map.bottom, panel.top, window.innerHeight);
            return {share: (bottom - Math.max(map.top, 0)) / window.innerHeight,
                    centre: map.top + map.height / 2, panelTop: panel.top};
        }"""
    )
    assert visible["share"] >= 0.6
    assert visible["centre"] < visible["panelTop"]
    page.click("#place-at-centre")  # placed: the form opens, the header comes back
    page.wait_for_selector("#proposal-form:not([hidden])")
    assert page.locator(".site-nav").is_visible()
