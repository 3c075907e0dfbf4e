"""Themes: the words and phrases that set a filtered set apart from the whole campaign, with
Norwegian stemming and stop words, counted in the database."""

import pytest
from django.test import Client

from tests.factories import BEKKESTUA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_places(campaign):
    for n in range(4):
        make_proposal(
            campaign,
            at=SANDVIKA_STATION,
            title=f"Sykkelparkering med tak {n}",
            body="Det trengs sikker sykkelparkering ved stasjonen, og flere benker.",
        )
    for n in range(6):
        make_proposal(
            campaign,
            at=BEKKESTUA,
            title=f"Grøntområde for barna {n}",
            body="Vi ønsker et grøntområde med trær og benker der barna kan leke.",
        )
    return campaign


def themes(**filters):
    return {t["term"]: t for t in Client().get("/api/v1/stats/themes/", filters).json()}


def test_a_sets_themes_are_its_own_words_weighted_against_the_campaign(two_places):
    station = themes(area="320114")
    assert station["sykkelparkering"]["count"] == 4
    assert "sikk sykkelparkering" in station  # a two-word phrase (stems that stood together)
    assert "grøntområd" not in station  # the other place's word
    assert "og" not in station and "det" not in station  # stop words
    benches = station.get("benk")  # in every proposal of the campaign: no lift
    assert benches is None or benches["lift"] <= 1.1
    # Words of the set alone rank first; the words every proposal shares come last, if at all.
    assert station["sykkelparkering"]["lift"] > 1.5
    first = list(station)[:5]
    assert all(station[term]["lift"] > 1.5 for term in first)


def test_clicking_a_theme_filters_on_it(two_places):
    listed = Client().get("/api/v1/proposals/", {"q": "sykkelparkering"}).json()["features"]
    assert len(listed) == 4


def test_a_theme_is_shared_by_three_at_least(campaign):
    make_proposal(campaign, at=SANDVIKA_STATION, title="Badebrygge", body="En badebrygge.")
    make_proposal(campaign, at=SANDVIKA_STATION, title="Badebrygge", body="En badebrygge.")
    assert themes() == {}
