"""The Django admin: every model's pages open with map widgets, and a moved pin is re-linked."""

import json

import pytest
from django.contrib.auth.models import User

from mapping.models import Proposal
from tests.factories import BEKKESTUA, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.no", "x"))
    return client


def test_admin_pages_open_with_leaflet_widgets(admin_client, campaign):
    proposal = make_proposal(campaign)
    for url in [
        "/admin/mapping/proposal/",
        f"/admin/mapping/proposal/{proposal.pk}/change/",
        "/admin/mapping/campaign/",
        f"/admin/mapping/campaign/{campaign.pk}/change/",
        "/admin/mapping/category/",
        "/admin/geo/area/?kind=delomrade",
        "/admin/geo/place/",
        "/admin/mapping/comment/",
        "/admin/mapping/moderationaction/",
        "/admin/mapping/flag/",
        "/admin/mapping/statuschange/",
        f"/admin/geo/area/{campaign.boundary_id}/change/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    change = admin_client.get(f"/admin/mapping/proposal/{proposal.pk}/change/").content.decode()
    assert "leaflet" in change.lower()


def test_moving_a_pin_in_the_admin_relinks_its_areas(admin_client, campaign):
    proposal = make_proposal(campaign)
    response = admin_client.post(
        f"/admin/mapping/proposal/{proposal.pk}/change/",
        {
            "campaign": campaign.pk,
            "category": proposal.category_id,
            "title": proposal.title,
            "body": proposal.body,
            "location": json.dumps({"type": "Point", "coordinates": list(BEKKESTUA)}),
            "status": proposal.status,
            "visibility": proposal.visibility,
            # The photo and status-history inlines' management forms, empty.
            **{
                f"{prefix}-{field}": "0"
                for prefix in ("photos", "status_changes")
                for field in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    codes = set(Proposal.objects.get(pk=proposal.pk).areas.values_list("code", flat=True))
    assert "320104" in codes  # Grav, Bekkestua's delområde
    assert "320115" not in codes
