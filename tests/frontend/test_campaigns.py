"""Several campaigns side by side; a closed one is read-only with a clear message."""

from datetime import timedelta

import pytest
from django.utils import timezone

from geo.importer import import_layers
from mapping.campaign_loader import campaign_load
from mapping.models import Campaign
from tests.conftest import FIXTURES
from tests.factories import SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def nordstrand(campaign):
    import_layers(FIXTURES / "nordstrand" / "areas.json")
    return campaign_load(FIXTURES / "nordstrand" / "campaign.json")


def test_map_and_list_switch_between_campaigns(client, campaign, nordstrand):
    make_proposal(campaign, at=SANDVIKA, title="Bærum-forslag")
    html = client.get("/").content.decode()
    assert 'name="kampanje"' in html
    assert "Hvordan vil du at Bærum skal se ut i 2040?" in html
    html = client.get("/", {"kampanje": "nordstrand-2040"}).content.decode()
    assert "Hvordan vil du at Nordstrand skal se ut i 2040?" in html
    assert "Bærum-forslag" in client.get("/forslag/").content.decode()
    other = client.get("/forslag/", {"kampanje": "nordstrand-2040"}).content.decode()
    assert "Bærum-forslag" not in other


def test_closed_campaign_is_read_only_with_a_message(client, campaign):
    proposal = make_proposal(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=timezone.now() - timedelta(days=1))
    message = "Kampanjen er stengt. Du kan lese forslagene, men ikke sende inn nye"
    html = client.get("/").content.decode()
    assert message in html
    assert 'id="new-proposal"' not in html
    detail = client.get(f"/forslag/{proposal.pk}/").content.decode()
    assert "Støtt forslaget" not in detail
    assert "Send kommentar" not in detail
    assert message in client.get("/forslag/nytt/").content.decode()
    response = client.post(f"/forslag/{proposal.pk}/kommenter/", {"body": "For sent"})
    assert response.status_code == 302
    assert not proposal.comments.exists()


def test_upcoming_campaign_says_when_it_opens(client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(opens_at=timezone.now() + timedelta(days=3))
    assert "Åpner for innspill" in client.get("/").content.decode()
