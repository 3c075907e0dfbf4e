"""Themes: the words and phrases that set a filtered set apart from the whole campaign, with
Norwegian stemming and stop words, counted in the database and shown as people wrote them,
without the place's names or the question's words."""

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
    assert "sikker sykkelparkering" in station  # a two-word phrase, as written
    assert "grøntområde" not in station  # the other place's word
    assert "og" not in station and "det" not in station  # stop words
    benches = station.get("benker")  # in every proposal of the campaign: no lift
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


def test_themes_are_written_forms_without_the_places_names_or_the_question(campaign):
    """The most common written form stands for its stem ("trenger", not "treng"); names of the
    place (delområder, grunnkretser, named places, the kommune) and the question's words say
    where or repeat the question, so neither they nor a phrase holding one is a theme."""
    texts = [
        ("Lommedalen trenger flere benker", "Flere benker trengs i Lommedalen."),
        ("Sandvika trenger flere benker", "Vi trenger flere benker i Sandvika."),
        ("Flere benker på Bekkestua", "Bærum trenger flere benker."),
    ]
    for n in range(2):
        for title, body in texts:
            body = f"{body} Tenk på fremtiden."  # a word of the campaign's title
            make_proposal(campaign, at=SANDVIKA_STATION, title=f"{title} {n}", body=body)
    found = themes(campaign=campaign.pk)
    assert found["trenger"]["count"] == 6 and found["flere benker"]["count"] == 6
    assert "treng" not in found and "fler" not in found  # stems are never shown
    named = {"lommedalen", "sandvika", "bekkestua", "bærum", "lommedal", "sandvik"}
    assert not named & {word for term in found for word in term.split()}
    assert "tenk" in found and "fremtiden" not in found  # "… sammen skaper vi fremtiden"


def test_the_campaigns_term_counts_are_counted_ahead_by_the_scheduler(two_places, planner):
    """At 10^6 proposals a campaign's term counts take some 10 s: the half-hourly job counts
    them for the public's view and each planner's, so that no question waits for them."""
    from django.core.cache import cache

    from mapping import selectors
    from mapping.queue import THEMES_WARM, later
    from tests.conftest import run_jobs

    cache.clear()
    later(THEMES_WARM, timestamp=0)  # as the scheduler queues it
    assert run_jobs() == [THEMES_WARM]
    for view in ("public", selectors.visibility_key(planner)):
        n, counts = cache.get(f"fk:themes:{two_places.pk}:{view}")
        assert n == 10 and counts["benk"] == 10
