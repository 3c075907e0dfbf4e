"""Resident journeys in Chromium: photos, place search, similar proposals, and the no-map path
by keyboard alone."""

import io

import pytest
from PIL import Image

from mapping.models import Comment, Photo, Proposal
from tests.conftest import load_baerum
from tests.e2e.conftest import DESKTOP, PHONE, tab_to
from tests.factories import SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def existing():
    return make_proposal(
        load_baerum(), at=SANDVIKA_STATION, title="Sykkelparkering med tak ved stasjonen"
    )


def gps_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (59.0, 53.0, 30.0), 3: "E", 4: (10.0, 31.0, 21.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (200, 80, 40)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_search_a_place_then_add_a_proposal_with_a_photo(open_page, existing):
    page = open_page("/", PHONE)
    page.click("#new-proposal")
    page.fill("#place-query", "kolsås")
    page.keyboard.press("Enter")
    page.wait_for_selector("#place-results button")
    assert page.evaluate("document.activeElement.textContent").startswith("Kolsås stasjon")
    page.keyboard.press("Enter")  # the first hit: the pin goes there while placing
    page.wait_for_selector("#proposal-form:not([hidden])")
    page.select_option("#id_category", "transport-og-mobilitet")
    page.fill("#id_title", "Innfartsparkering for sykler")
    page.fill("#id_body", "Trygg sykkelparkering ved endestasjonen.")
    page.set_input_files(
        "#id_photos", files=[{"name": "ferie.jpg", "mimeType": "image/jpeg", "buffer": gps_jpeg()}]
    )
    page.check("#id_consent")
    page.click("#proposal-form [type=submit]")
    page.wait_for_selector("#status:has-text('Takk!')")

    proposal = Proposal.objects.get(title="Innfartsparkering for sykler")
    assert proposal.areas.filter(kind="valgkrets", name="Kolsås").exists()  # the searched place
    photo = Photo.objects.get(proposal=proposal)
    with photo.image.open("rb") as handle:
        stored = Image.open(handle)
        assert max(stored.size) == 1600
        assert not stored.getexif()
    page.wait_for_selector(".popup__photos img")


def test_similar_proposal_nearby_can_be_supported_instead(open_page, existing):
    page = open_page("/", DESKTOP)
    page.click("#new-proposal")
    page.fill("#place-query", "Sandvika stasjon")
    page.keyboard.press("Enter")
    page.wait_for_selector("#place-results button")
    page.keyboard.press("Enter")
    page.fill("#id_title", "Sykkelparkering ved stasjonen")
    page.wait_for_selector("#similar:not([hidden])")
    assert "Sykkelparkering med tak ved stasjonen" in page.locator("#similar-list").inner_text()
    page.click("#similar-list button")
    page.wait_for_selector("#status:has-text('Takk for støtten!')")
    existing.refresh_from_db()
    assert existing.support_count == 1
    assert Proposal.objects.count() == 1


def test_list_support_and_comment_by_keyboard_alone(browser, live_server, existing):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/forslag/")
    tab_to(page, ".proposal-card__actions button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message:has-text('Takk for støtten!')")
    existing.refresh_from_db()
    assert existing.support_count == 1

    tab_to(page, ".proposal-card h3 a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/forslag/{existing.pk}/")
    tab_to(page, "#id_body")
    page.keyboard.type("Enig, og gjerne med lading for elsykler.")
    tab_to(page, ".comment-form [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message:has-text('Kommentaren din er publisert')")
    assert Comment.objects.get().body == "Enig, og gjerne med lading for elsykler."
    assert "Enig, og gjerne" in page.locator(".comment-list").inner_text()
    page.close()


def test_create_without_the_map_by_keyboard_alone(browser, live_server, existing):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(live_server.url + "/forslag/nytt/")
    tab_to(page, "#id_location")
    page.keyboard.type("Kadettangen")  # a select jumps to the option typed
    assert page.evaluate("document.activeElement.selectedOptions[0].text") == "Kadettangen"
    tab_to(page, "#id_category")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_title")
    page.keyboard.type("Badebrygge")
    page.keyboard.press("Tab")
    page.keyboard.type("En brygge med badetrapp.")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "form[enctype] [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message:has-text('Forslaget ditt er publisert')")
    proposal = Proposal.objects.get(title="Badebrygge")
    assert proposal.is_approximate
    assert list(proposal.areas.values_list("kind", flat=True)) == ["territorium"]  # at sea
    page.close()


def test_long_unbroken_text_never_widens_the_phone_page(browser, live_server):
    campaign = load_baerum()
    long_word = "https://example.no/" + "x" * 300
    proposal = make_proposal(campaign, at=SANDVIKA_STATION, title="Lenke", body=long_word)
    page = browser.new_page(viewport=PHONE)
    for path in (f"/forslag/{proposal.pk}/", "/forslag/"):
        page.goto(live_server.url + path)
        assert page.evaluate("() => document.documentElement.scrollWidth") == PHONE["width"], path
    page.close()


def test_a_new_browser_proves_itself_in_the_background_and_its_support_counts(
    browser, live_server, existing
):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + f"/forslag/{existing.pk}/")
    # The page's script solves the challenge and sends it; the form waits for it if need be.
    page.click("form[action$='/stott/'] [type=submit]")
    page.wait_for_selector(".message:has-text('Takk for støtten!')")
    existing.refresh_from_db()
    assert existing.support_count == 1
    state = page.evaluate("fetch('/api/v1/device/').then((r) => r.json())")
    assert state == {"proven": True, "challenge": None}
    assert page.locator("#device-proof").count() == 0  # a proven browser is not asked again
    page.close()


def _fill_a_proposal(page):
    page.click("#new-proposal")
    page.click("#place-at-centre")
    page.select_option("#id_category", "bolig")
    page.fill("#id_title", "Flere benker i parken")
    page.fill("#id_body", "Det trengs steder å hvile.")
    page.check("#id_consent")


def test_the_sending_message_goes_when_the_server_refuses_and_thanks_go_after_a_while(
    open_page, existing
):
    page = open_page("/")
    page.clock.install()
    refused = {"title": ["Tittelen er allerede brukt."]}
    page.route(
        "**/api/v1/proposals/",
        lambda route: (
            route.fulfill(status=400, json=refused)
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    _fill_a_proposal(page)
    page.click("#proposal-form [type=submit]")
    page.wait_for_selector("text=Tittelen er allerede brukt.")
    page.clock.run_for(100)
    assert "Sender forslaget" not in page.inner_text("#status")

    page.unroute("**/api/v1/proposals/")
    page.click("#proposal-form [type=submit]")
    page.wait_for_selector("#status:has-text('Takk!')")
    page.clock.run_for(11_000)
    assert page.inner_text("#status").strip() == ""
