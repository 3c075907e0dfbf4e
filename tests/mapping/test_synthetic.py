"""The set-based synthetic loader: the count asked for, inside the outline, areas linked,
the same points for the same seed."""

import pytest

from mapping.models import Proposal
from mapping.synthetic import synthetic_proposals_load

pytestmark = pytest.mark.django_db


def test_synthetic_proposals_are_inside_with_areas_and_reproducible(campaign):
    assert synthetic_proposals_load(campaign=campaign, count=300) == 300
    assert Proposal.objects.filter(is_demo=True).count() == 300
    in_kommune = Proposal.objects.filter(areas__kind="kommune").count()
    assert in_kommune == 300
    assert Proposal.objects.filter(areas__kind="grunnkrets").count() == 300
    first = sorted(Proposal.objects.values_list("location", flat=True), key=lambda p: p.coords)

    Proposal.objects.all().delete()
    synthetic_proposals_load(campaign=campaign, count=300)
    again = sorted(Proposal.objects.values_list("location", flat=True), key=lambda p: p.coords)
    assert [p.coords for p in first] == [p.coords for p in again]
