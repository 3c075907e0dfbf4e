"""Bokmål by default, nynorsk and English complete, and a visible switcher."""

import json
import re
from pathlib import Path

import polib
import pytest

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale"
SCRIPTS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend"


@pytest.mark.parametrize("language", ["nn", "en"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogues_are_complete(language, domain):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / f"{domain}.po"))
    assert len(catalogue) > 20
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_script_string_is_in_the_catalogue(language):
    """The JS catalogue is kept current (scripts/messages.sh), not only complete."""
    used = {
        match.group(1)
        for script in SCRIPTS.rglob("*.js")
        for match in re.finditer(r'gettext\("((?:[^"\\]|\\.)*)"\)', script.read_text())
    }
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "djangojs.po"))
    assert len(used) > 20
    assert used - {entry.msgid for entry in catalogue} == set()


def test_bokmal_is_the_default_whatever_the_browser_says(client, campaign):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "Nytt forslag" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nn", ["Korleis vil du at Bærum skal sjå ut i 2040?", "Nytt forslag", "Kategoriar"]),
        ("en", ["How would you like Bærum to look in 2040?", "New proposal", "Categories"]),
    ],
)
def test_switcher_changes_language_of_pages_and_api(client, campaign, language, expected):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert f'<html lang="{language}">' in html
    for text in expected:
        assert text in html
    names = [c["name"] for c in client.get("/api/v1/categories/").json()]
    assert names[0] == {"nn": "Natur og grøntområde", "en": "Nature and green spaces"}[language]
    catalog = client.get("/jsi18n/").content.decode()
    translated = {"nn": "Nåla er plassert.", "en": "The pin is placed."}[language]
    assert json.dumps(translated)[1:-1] in catalog  # the catalogue escapes non-ASCII


def test_untranslated_campaign_text_is_marked_as_bokmal(client, campaign):
    campaign.translations = {}
    campaign.save()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<h1 class="question" lang="nb">Hvordan vil du at Bærum skal se ut i 2040?</h1>' in html
