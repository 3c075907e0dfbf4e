"""Proposal services: area assignment on create, boundary and campaign rules, set-based re-link."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from geo.models import Area
from mapping.models import Campaign, Proposal
from mapping.selectors import campaign_current
from mapping.services import proposal_areas_reassign_all
from tests.factories import (
    BEKKESTUA,
    FJORD,
    KADETTANGEN,
    LOMMEDALEN,
    OSLO,
    SANDVIKA,
    make_proposal,
)

pytestmark = pytest.mark.django_db


def area_codes(proposal):
    return set(proposal.areas.values_list("kind", "code"))


def test_create_links_every_area_containing_the_point(campaign):
    proposal = make_proposal(campaign, at=SANDVIKA)
    assert area_codes(proposal) == {
        ("kommune", "3201"),
        ("territorium", "3201"),
        ("delomrade", "320115"),
        ("grunnkrets", "32011515"),
        ("valgkrets", "11"),
    }
    assert proposal.visibility == Proposal.Visibility.PUBLISHED


def test_beach_pin_is_accepted_and_linked_to_the_sea_territory(campaign):
    proposal = make_proposal(campaign, at=KADETTANGEN)
    assert area_codes(proposal) == {("territorium", "3201")}


@pytest.mark.parametrize("place", [OSLO, FJORD], ids=["oslo", "mid-fjord"])
def test_pin_outside_the_boundary_is_refused_and_nothing_is_written(campaign, place):
    with pytest.raises(ValidationError) as error:
        make_proposal(campaign, at=place)
    assert "utenfor Bærum" in error.value.message_dict["geometry"][0]
    assert not Proposal.objects.exists()


def test_closed_campaign_is_refused(campaign):
    campaign.closes_at = timezone.now() - timedelta(days=1)
    campaign.save()
    with pytest.raises(ValidationError) as error:
        make_proposal(campaign)
    assert "stengt" in error.value.message_dict["campaign"][0]
    assert not Proposal.objects.exists()


def test_campaign_that_has_not_opened_is_refused(campaign):
    campaign.opens_at = timezone.now() + timedelta(days=1)
    campaign.save()
    with pytest.raises(ValidationError):
        make_proposal(campaign)


def test_approval_mode_keeps_new_proposals_pending(campaign):
    campaign.moderation = Campaign.Moderation.APPROVE
    campaign.save()
    assert make_proposal(campaign).visibility == Proposal.Visibility.PENDING


def test_current_campaign_prefers_an_open_one(campaign):
    closed = Campaign.objects.create(
        slug="old",
        title="Old",
        question="?",
        place=campaign.place,
        boundary=campaign.boundary,
        opens_at=timezone.now(),
        closes_at=timezone.now() + timedelta(seconds=1),
    )
    assert campaign_current(at=timezone.now() + timedelta(days=1)) == campaign
    Campaign.objects.exclude(pk=closed.pk).update(closes_at=timezone.now())
    assert campaign_current(at=timezone.now() + timedelta(days=1)) == closed


def test_set_based_linking_agrees_with_the_orm(campaign):
    proposals = [make_proposal(campaign, at=at) for at in (SANDVIKA, BEKKESTUA, LOMMEDALEN)]
    proposals.append(make_proposal(campaign, at=KADETTANGEN))
    # A point exactly on the border between two grunnkretser gets the lower code.
    border = Area.objects.get(kind="grunnkrets", code="32011416").geom.boundary.coords[0][0]
    proposals.append(make_proposal(campaign, at=border))
    expected = {}
    for proposal in proposals:
        by_kind = {}
        for area in Area.objects.containing(proposal.location).order_by("kind", "code"):
            by_kind.setdefault(area.kind, area.code)
        expected[proposal.pk] = set(by_kind.items())
    assert {p.pk: area_codes(p) for p in proposals} == expected

    for proposal in proposals:
        proposal.areas.clear()
    proposal_areas_reassign_all()
    assert {p.pk: area_codes(p) for p in proposals} == expected
