"""Two places in one installation do not touch each other: loading one never changes the other's
categories (names in every language, symbols, order), its map, its list or its attribution."""

import json
import re

import pytest

from geo.importer import import_layers
from mapping.campaign_loader import campaign_load
from tests.conftest import BAERUM, FIXTURES
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db

NORDSTRAND = FIXTURES / "nordstrand"


def load_nordstrand():
    import_layers(NORDSTRAND / "areas.json")
    return campaign_load(NORDSTRAND / "campaign.json")


def reload_baerum():
    import_layers(BAERUM / "areas.json")
    return campaign_load(BAERUM / "campaign.json")


def footer(html: str) -> str:
    return re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S).group(1)


def what_a_visitor_sees(client, campaign) -> dict:
    """The place's categories from the API in three languages, and its pages' categories and
    attribution lines."""
    seen = {}
    for language in ("nb", "nn", "en"):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        seen[language] = client.get("/api/v1/categories/", {"campaign": campaign.pk}).json()
        map_page = client.get("/", {"kampanje": campaign.slug}).content.decode()
        # The form's category choices: value, name and order.
        select = re.search(r'<select id="id_category".*?</select>', map_page, re.S).group(0)
        choices = re.findall(r'<option value="([^"]+)">([^<]+)</option>', select)
        seen[f"{language}-map"] = (choices, footer(map_page))
        list_page = client.get("/forslag/", {"kampanje": campaign.slug}).content.decode()
        seen[f"{language}-list"] = footer(list_page)
    return seen


def test_baerum_then_nordstrand_leaves_baerum_as_it_was(client, campaign):
    make_proposal(campaign)
    alone = what_a_visitor_sees(client, campaign)
    nordstrand = load_nordstrand()
    assert what_a_visitor_sees(client, campaign) == alone
    assert [c["name"] for c in alone["nn"]][2] == "Møteplassar"
    assert ("moteplasser", "Meeting places") in alone["en-map"][0]
    assert "Statistisk sentralbyrå (SSB); kystlinje" not in alone["nb-map"][1]
    # Nordstrand shows its own three categories, untranslated, and only its own sources.
    seen = what_a_visitor_sees(client, nordstrand)
    expected = [
        {"slug": "natur-og-gronnstruktur", "name": "Natur og grøntområder"},
        {"slug": "moteplasser", "name": "Møteplasser"},
        {"slug": "annet", "name": "Annet"},
    ]
    for language in ("nb", "nn", "en"):
        assert [{k: c[k] for k in ("slug", "name")} for c in seen[language]] == expected
        assert [c["symbol"] for c in seen[language]] == ["circle", "square", "triangle"]
    assert seen["en-map"][0] == [(c["slug"], c["name"]) for c in expected]
    assert "Statistisk sentralbyrå (SSB); kystlinje © Kartverket" in seen["nb-map"][1]
    assert "Kartverket / Statistisk sentralbyrå (SSB)" not in seen["nb-map"][1]


def test_nordstrand_then_baerum_leaves_nordstrand_as_it_was(client, campaign):
    nordstrand = load_nordstrand()
    alone = what_a_visitor_sees(client, nordstrand)
    baerum = reload_baerum()
    assert what_a_visitor_sees(client, nordstrand) == alone
    assert len(alone["nb"]) == 3
    assert len(what_a_visitor_sees(client, baerum)["nb"]) == 8


def test_a_proposal_takes_only_its_own_campaigns_categories(api, campaign):
    load_nordstrand()
    response = api.post(
        "/api/v1/proposals/",
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [10.52, 59.89]},
            "properties": {
                "title": "Boliger",
                "body": "Flere boliger.",
                "category": "bolig",
                "campaign": campaign.pk,
            },
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["properties"]["category"] == "bolig"


def map_view(client, campaign) -> list:
    html = client.get("/", {"kampanje": campaign.slug}).content.decode()
    config = re.search(r'id="map-config"[^>]*>(.*?)</script>', html, re.S).group(1)
    return json.loads(config)["view"]["bounds"]


def test_each_map_opens_on_its_own_place(client, campaign):
    nordstrand = load_nordstrand()
    (south, west), (north, east) = map_view(client, campaign)
    assert south < 59.89 < north and west < 10.52 < east  # Sandvika, in Bærum
    (south, west), (north, east) = map_view(client, nordstrand)
    assert south < 59.87 < north and west < 10.79 < east  # Nordstrand, in Oslo
    assert not west < 10.52 < east


def test_a_place_s_pages_list_only_its_own_areas(client, campaign):
    nordstrand = load_nordstrand()
    for place, other in ((nordstrand, campaign), (campaign, nordstrand)):
        areas = client.get("/api/v1/areas/", {"campaign": place.pk}).json()["features"]
        codes = {f["properties"]["code"] for f in areas}
        assert place.boundary.code in codes and other.boundary.code not in codes
