"""Text that seems to hold personal data waits for a moderator instead of being published."""

import pytest

from mapping.models import Proposal
from mapping.personal_data import looks_personal
from mapping.services import comment_create
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "Ring meg på 912 34 567",
        "Ring meg på 91234567",
        "Tlf +47 22 33 44 55",
        "Skriv til kari.nordmann@example.no",
        "Mitt fødselsnummer er 01019012345",
        "Fnr 010190 12345",
    ],
)
def test_personal_data_is_recognised(text):
    assert looks_personal(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bærum i 2040 trenger 1000 nye boliger",
        "Buss 150 hvert 10. minutt",
        "Postnummer 1337 Sandvika",
        "Tomten er 12 345 m² stor",
    ],
)
def test_ordinary_numbers_are_not(text):
    assert not looks_personal(text)


def test_proposal_with_a_phone_number_is_held(campaign):
    held = make_proposal(campaign, body="Ring meg på 912 34 567 for detaljer.")
    assert held.visibility == Proposal.Visibility.PENDING
    assert make_proposal(campaign).visibility == Proposal.Visibility.PUBLISHED


def test_comment_with_an_email_address_is_held(campaign):
    proposal = make_proposal(campaign)
    comment = comment_create(proposal=proposal, body="Kontakt meg: ola@example.no")
    assert comment.visibility == Proposal.Visibility.PENDING


def test_a_held_proposal_is_still_received_through_the_api(api, campaign):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [10.587, 59.9185]},
        "properties": {"title": "Ring meg", "body": "Tlf 912 34 567", "category": "bolig"},
    }
    response = api.post("/api/v1/proposals/", feature, format="json")
    assert response.status_code == 201
    assert response.json()["properties"]["visibility"] == "pending"
    assert api.get(f"/api/v1/proposals/{response.json()['id']}/").status_code == 404
