"""The resident page as served: question, form, attributions, API URLs, no outside assets."""

import json
import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_map_page_shows_the_question_and_the_data_attribution(client, campaign):
    html = client.get("/").content.decode()
    assert "Hvordan vil du at Bærum skal se ut i 2040?" in html
    assert "© Kartverket / Statistisk sentralbyrå (SSB)" in html
    assert "CC BY 4.0" in html
    assert "Nytt forslag" in html
    assert '<html lang="nb">' in html


def test_map_page_gets_api_urls_through_json_script(client, campaign):
    html = client.get("/").content.decode()
    config = json.loads(re.search(r'id="map-config"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert config["api"]["proposals"] == "/api/v1/proposals/"
    assert config["api"]["campaign"] == "/api/v1/campaigns/current/"


def test_map_page_loads_no_script_or_style_from_another_host(client, campaign):
    html = client.get("/").content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any("leaflet.js" in s for s in sources)
    assert all(s.startswith("/") for s in sources), sources


def test_closed_campaign_page_says_so_and_offers_no_form_button(client, campaign):
    campaign.closes_at = timezone.now()
    campaign.save()
    html = client.get("/").content.decode()
    assert "Kampanjen er stengt" in html
    assert 'id="new-proposal"' not in html
