"""Who has not been heard, in the workspace: "Minst hørt" ranked by proposals per 1,000
inhabitants among areas large enough to say something, a legend whose classes neither overlap
nor leave the language's number format, and tables that fit a phone."""

import re
from itertools import pairwise

import pytest

from geo.models import Area
from tests.e2e.conftest import PHONE, log_in
from tests.factories import SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)


def open_numbers(browser, live_server, viewport):
    page = browser.new_page(viewport=viewport, reduced_motion="reduce")
    log_in(page, live_server.url + "/planlegger/")
    page.wait_for_selector("#map[data-ready=true]")
    page.click("#tab-stats")
    page.wait_for_selector("#least-heard:not([hidden])")
    return page


def test_least_heard_is_ranked_among_areas_large_enough(browser, live_server, planner, campaign):
    make_proposal(campaign, at=SANDVIKA_STATION)
    delomrader = Area.objects.filter(kind="delomrade")
    delomrader.update(population=5000, population_year=2025)
    delomrader.filter(name="Jar").update(population=9000)
    delomrader.filter(name="Voll").update(population=7000)
    delomrader.filter(name="Lommedalen").update(population=3)  # says nothing: left out
    page = open_numbers(browser, live_server, {"width": 1280, "height": 900})
    listed = page.locator("#least-heard-list li").all_inner_texts()
    assert len(listed) == 5
    assert listed[0].startswith("Jar: 0 per 1000") and listed[1].startswith("Voll: 0 per 1000")
    assert not any(item.startswith("Lommedalen") for item in listed)
    assert "minst 200 innbyggere" in page.inner_text("#least-heard-source")

    page.check("#choropleth-rate")
    labels = page.locator(".choropleth-legend__row").all_inner_texts()
    assert labels[0] == "0" and all(label.startswith("over ") for label in labels[1:])
    assert all("." not in label for label in labels)  # a decimal comma, never a point
    bounds = [re.findall(r"[\d,]+", label) for label in labels[1:]]
    assert all(lower[1] == upper[0] for lower, upper in pairwise(bounds))
    page.uncheck("#choropleth-rate")
    counts = [label for label in page.locator(".choropleth-legend__row").all_inner_texts()]
    whole = [tuple(map(int, re.findall(r"\d+", label))) for label in counts[1:] if label != "–"]
    ends = [(low[0], low[-1]) for low in whole]
    assert all(a[1] < b[0] for a, b in pairwise(ends))  # no overlap
    page.close()


def test_the_numbers_fit_a_phone(browser, live_server, planner, campaign):
    make_proposal(campaign, at=SANDVIKA_STATION)
    Area.objects.filter(kind="delomrade").update(population=5000, population_year=2025)
    page = open_numbers(browser, live_server, PHONE)
    page.check("#choropleth-rate")
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('#panel-stats .stats-table')]"
        ".filter((t) => t.offsetParent && t.getBoundingClientRect().right"
        " > document.documentElement.clientWidth + 1).length"
    )
    assert overflow == 0
    page.close()
