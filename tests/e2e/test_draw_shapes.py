"""A resident proposes a line or an area in real Chromium (issue 25): drawn by touch on a 360 px
phone, its points moved with a mouse, drawn by keyboard alone from place searches, and chosen as
areas from a list; axe finds nothing in any drawing state, in nb, nn and en."""

import re

import pytest

from mapping.models import Proposal
from tests.conftest import load_baerum
from tests.e2e.conftest import DESKTOP, PHONE, tab_to
from tests.e2e.test_accessibility import check
from tests.e2e.test_add_proposal import fill_form

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def campaign():
    return load_baerum()


@pytest.fixture
def phone(browser, live_server, campaign):
    """A touch phone, as a resident holds one, on the campaign's map."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-ready=true]", timeout=15_000)
    yield page
    assert errors == []
    context.close()


def map_point(page, dx: float, dy: float) -> tuple[float, float]:
    box = page.locator("#map").bounding_box()
    return box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy


def zoom_in(page, times: int):
    for _ in range(times):
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(300)


def send(page):
    fill_form(page)
    page.click("#proposal-form [type=submit]")
    page.wait_for_selector("#status:has-text('Takk!')")


def test_an_area_drawn_by_touch_on_a_phone_is_sent_with_its_size(phone, campaign):
    phone.tap("#new-proposal")
    phone.tap("input[name=shape_kind][value=area]")
    zoom_in(phone, 3)
    box = phone.locator("#map").bounding_box()
    assert box["height"] >= 0.6 * PHONE["height"]  # the map keeps most of the screen
    for dx, dy in [(-50, -30), (50, -30), (50, 30), (-50, 30)]:
        phone.touchscreen.tap(*map_point(phone, dx, dy))
    status = phone.locator("#shape-status").inner_text()
    assert status.startswith("4 punkter, ") and "daa" in status
    phone.tap("#finish-shape")
    assert phone.locator("#shape-note").inner_text().startswith("Området er ")
    send(phone)
    proposal = Proposal.objects.get()
    assert proposal.kind == "area" and proposal.shape.num_coords == 5
    shown = re.search(r"(\d[\d\s]*(?:,\d)?) daa", status).group(1)
    shown_daa = float(re.sub(r"\s", "", shown).replace(",", "."))
    assert proposal.area_m2 / 1000 == pytest.approx(shown_daa, rel=0.02)


def test_a_line_drawn_by_touch_can_be_undone_point_by_point(phone, campaign):
    phone.tap("#new-proposal")
    phone.tap("input[name=shape_kind][value=line]")
    zoom_in(phone, 2)
    for dx in (-80, 0, 80):
        phone.touchscreen.tap(*map_point(phone, dx, 0))
    assert phone.locator("#shape-status").inner_text().startswith("3 punkter, ")
    phone.tap("#undo-vertex")
    assert phone.locator("#shape-status").inner_text().startswith("2 punkter, ")
    phone.tap("#finish-shape")
    send(phone)
    proposal = Proposal.objects.get()
    assert proposal.kind == "line" and proposal.shape.num_coords == 2


def test_a_drawn_area_s_points_can_be_moved_before_sending(open_page, campaign):
    page = open_page("/", DESKTOP)
    page.click("#new-proposal")
    page.check("input[name=shape_kind][value=area]")
    zoom_in(page, 3)
    for dx, dy in [(-60, -40), (60, -40), (60, 40), (-60, 40)]:
        page.mouse.click(*map_point(page, dx, dy))
    page.click("#finish-shape")
    before = page.locator("#shape-note").inner_text()
    corner = map_point(page, 60, 40)
    page.mouse.move(*corner)
    page.mouse.down()
    page.mouse.move(corner[0] + 80, corner[1] + 60, steps=8)
    page.mouse.up()
    after = page.locator("#shape-note").inner_text()
    assert after != before  # the size follows the moved corner
    send(page)
    proposal = Proposal.objects.get()
    assert proposal.shape.num_coords == 5


def test_a_line_by_keyboard_alone_from_place_searches(open_page, campaign):
    page = open_page("/", DESKTOP)
    tab_to(page, "#new-proposal")
    page.keyboard.press("Enter")
    tab_to(page, "input[name=shape_kind][value=point]")
    page.keyboard.press("ArrowRight")  # a radio group moves with the arrows
    assert page.is_checked("input[name=shape_kind][value=line]")
    for place in ("Sandvika", "Bekkestua"):
        tab_to(page, "#place-query", backwards=True)
        page.keyboard.type(place)
        page.keyboard.press("Enter")
        page.wait_for_selector(".place-results__hit")
        page.keyboard.press("Enter")  # the first hit has focus
    assert page.locator("#shape-status").inner_text().startswith("2 punkter, ")
    tab_to(page, "#finish-shape")
    page.keyboard.press("Enter")
    fill_form(page)
    tab_to(page, "#proposal-form [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#status:has-text('Takk!')")
    proposal = Proposal.objects.get()
    assert proposal.kind == "line" and proposal.length_m > 3000


def test_an_area_chosen_from_the_list_by_keyboard(open_page, campaign):
    page = open_page("/", DESKTOP)
    page.click("#new-proposal")
    page.check("input[name=shape_kind][value=area]")
    tab_to(page, ".area-choice summary")
    page.keyboard.press("Enter")
    for name in ("Sandvika-Valler", "Jong"):
        page.select_option("#id_area_choice", label=name)
        tab_to(page, "#add-area")
        page.keyboard.press("Enter")
        page.wait_for_selector(f"#chosen-areas:has-text('{name}')")
    assert "Jong, Sandvika-Valler" in page.locator("#chosen-areas").inner_text()
    tab_to(page, "#finish-shape")
    page.keyboard.press("Enter")
    assert "Jong, Sandvika-Valler" in page.locator("#shape-note").inner_text()
    send(page)
    proposal = Proposal.objects.get()
    codes = set(proposal.areas.filter(kind="delomrade").values_list("code", flat=True))
    assert codes == {"320114", "320115"}


def test_an_area_around_a_searched_place(open_page, campaign):
    page = open_page("/", DESKTOP)
    page.click("#new-proposal")
    page.check("input[name=shape_kind][value=area]")
    page.fill("#place-query", "Bekkestua")
    page.keyboard.press("Enter")
    page.locator(".place-results__hit").first.click()
    page.click(".area-choice summary")
    page.select_option("#id_radius", "100")
    page.click("#add-circle")
    assert page.locator("#shape-note").inner_text().startswith("Området er ")
    send(page)
    proposal = Proposal.objects.get()
    assert proposal.area_m2 == pytest.approx(3.14159 * 100**2, rel=0.03)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_drawing_state_passes_axe(browser, live_server, campaign, language):
    page = browser.new_page(viewport=PHONE, reduced_motion="reduce")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map[data-ready=true]")
    page.click("#new-proposal")
    page.check("input[name=shape_kind][value=line]")
    page.click("#add-vertex")
    check(page, f"drawing a line, one point ({language})")
    page.check("input[name=shape_kind][value=area]")
    page.click(".area-choice summary")
    check(page, f"drawing an area, the list open ({language})")
    for dx, dy in [(-40, -30), (40, -30), (0, 30)]:
        page.mouse.click(*map_point(page, dx, dy))
    check(page, f"drawing an area, three corners ({language})")
    page.click("#finish-shape")
    check(page, f"an area drawn, the form open ({language})")
    page.close()


def test_a_planner_filters_by_form_and_sees_each_shape_s_size(browser, live_server, campaign):
    from tests.conftest import planner_of
    from tests.e2e.test_planner_workspace import log_in_to_workspace, wait_for_count
    from tests.factories import BEKKESTUA, SANDVIKA, SANDVIKA_STATION, line, make_proposal, square

    planner_of(campaign)
    make_proposal(campaign, shape=square(*BEKKESTUA), title="Behold jordet")
    make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION), title="Sykkelvei")
    make_proposal(campaign, title="Benk")
    page = browser.new_page(viewport=DESKTOP)
    log_in_to_workspace(page, live_server)
    wait_for_count(page, "3 forslag")
    page.check("input[name=shape][value=area]")
    wait_for_count(page, "1 forslag")
    page.wait_for_selector(".result__button:has-text('Behold jordet')")  # the list, redrawn
    assert page.locator(".result__button").count() == 1
    row = page.locator(".result__button").first
    assert "Område, " in row.inner_text() and "daa" in row.inner_text()
    row.click()
    page.wait_for_selector("#detail:not([hidden])")
    assert "Område, " in page.locator(".detail__meta").inner_text()
    assert page.locator("#map path[stroke='#c2185b']").count() == 1  # the chosen area, whole
    page.close()
