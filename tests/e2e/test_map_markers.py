"""The proposal layer as a resident meets it on a phone: markers that never overlap, a popup that
stays clear of the place search, and a tap on a count while placing a pin that places it."""

import random

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import load_baerum
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_accessibility import check
from tests.factories import SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)

MARKERS = "#map .cluster, #map .symbol-marker"


def settled_box(locator):
    """The element's box once the map has stopped panning (Leaflet animates the auto-pan)."""
    previous = None
    for _ in range(50):
        box = locator.bounding_box()
        if box == previous:
            return box
        previous = box
        locator.page.wait_for_timeout(100)
    raise AssertionError("the map kept moving")


def boxes(page, selector):
    found = page.locator(selector)
    return [found.nth(i).bounding_box() for i in range(found.count())]


def overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.fixture
def dense():
    """300 proposals spread over Bærum's land at random (fixed seed), as after a busy week."""
    campaign = load_baerum()
    rng = random.Random(2040)
    made = 0
    while made < 300:
        at = (rng.uniform(10.40, 10.63), rng.uniform(59.86, 60.03))
        try:
            make_proposal(campaign, at=at, title=f"Forslag {made}")
        except ValidationError:  # in the sea or outside the kommune
            continue
        made += 1


def test_dense_markers_on_the_phone_embed_never_overlap(open_page, dense):
    page = open_page("/innebygd/", PHONE)
    drawn = boxes(page, MARKERS)
    assert len(drawn) >= 8
    for i, a in enumerate(drawn):
        assert a["width"] >= 24 and a["height"] >= 24
        assert not any(overlap(a, b) for b in drawn[i + 1 :]), f"marker {i} overlaps another"
    check(page, "embeddable map with 300 proposals (phone)")


@pytest.fixture
def long_proposal():
    campaign = load_baerum()
    body = "Benker, trær og lys langs turveien, og et tak mot regnet ved bussholdeplassen. " * 12
    return make_proposal(campaign, at=SANDVIKA, title="Turvei med benker", body=body)


def test_a_tall_popup_on_a_phone_stays_clear_of_the_place_search(open_page, long_proposal):
    page = open_page("/", PHONE)
    page.locator("#map .symbol-marker").first.click()
    page.wait_for_selector(".leaflet-popup-content .popup__title")
    popup = settled_box(page.locator(".leaflet-popup"))
    search = page.locator("#place-search").bounding_box()
    map_box = page.locator("#map").bounding_box()
    assert popup["y"] >= search["y"] + search["height"]
    assert popup["y"] + popup["height"] <= map_box["y"] + map_box["height"]
    # Too tall for the space, so its text scrolls inside it: the title is on screen.
    assert page.locator(".leaflet-popup-content .popup__title").is_visible()


@pytest.fixture
def crowd():
    campaign = load_baerum()
    for i in range(6):
        make_proposal(campaign, at=SANDVIKA, title=f"Forslag ved Sandvika {i}")


def test_a_click_on_a_count_while_placing_places_the_pin_there(open_page, crowd):
    page = open_page("/", DESKTOP)
    page.click("#new-proposal")
    page.wait_for_selector("#place-step:not([hidden])")
    bubble = page.locator("#map .cluster").first
    before = settled_box(bubble)
    tap = (before["x"] + before["width"] / 2 + 5, before["y"] + before["height"] / 2)
    page.mouse.click(*tap)

    page.wait_for_selector("#proposal-form:not([hidden])")
    page.wait_for_selector("#status:has-text('Nålen er plassert')")
    pin = page.locator("#map .leaflet-marker-draggable").bounding_box()
    # The pin's tip is where the finger was, and the map did not zoom away from it.
    assert abs(pin["x"] + pin["width"] / 2 - tap[0]) <= 2
    assert abs(pin["y"] + pin["height"] - tap[1]) <= 2
    assert bubble.bounding_box() == before
