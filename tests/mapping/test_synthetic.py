"""The set-based synthetic loader: the count asked for, inside the outline, areas linked,
the same points for the same seed."""

import pytest
from django.db.models import Count, Q

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


def test_a_share_of_synthetic_proposals_are_lines_and_areas_on_their_points(campaign):
    synthetic_proposals_load(campaign=campaign, count=1000, shapes=0.2)
    kinds = dict(Proposal.objects.values_list("kind").annotate(n=Count("pk")))
    assert kinds["line"] + kinds["area"] == pytest.approx(200, abs=45)
    assert kinds["line"] == pytest.approx(kinds["area"], abs=45)
    for proposal in Proposal.objects.exclude(kind="point")[:50]:
        assert proposal.shape.distance(proposal.location) < 1e-9  # its point lies on it
        assert (proposal.length_m or 0) > 250 or (proposal.area_m2 or 0) > 7000
    # A line is linked to every grunnkrets it crosses, so some to more than one.
    crossing = Proposal.objects.filter(kind="line").annotate(
        n=Count("areas", filter=Q(areas__kind="grunnkrets"))
    )
    assert crossing.filter(n__gt=1).exists()


def test_synthetic_texts_are_varied_norwegian_and_name_their_place(campaign):
    synthetic_proposals_load(campaign=campaign, count=1000)
    titles = list(Proposal.objects.values_list("title", flat=True))
    bodies = list(Proposal.objects.values_list("body", flat=True))
    assert len(set(titles)) > 150  # 32 templates × 11 places
    assert len(set(bodies)) > 900
    assert not any("{" in text for text in titles + bodies)
    assert not any("Syntetisk" in text for text in titles + bodies)
    near_sandvika = Proposal.objects.filter(title__endswith="Sandvika").count()
    assert near_sandvika > 50
    # Free-text search finds them with Norwegian stemming ("benker" → "benk").
    assert Proposal.objects.filter(search="benk").exists()
    # The same seed writes the same texts.
    Proposal.objects.all().delete()
    synthetic_proposals_load(campaign=campaign, count=1000)
    assert sorted(Proposal.objects.values_list("title", flat=True)) == sorted(titles)


def test_demo_proposals_count_under_the_map_not_the_api(campaign, api):
    from mapping.demo import demo_proposals_load
    from tests.conftest import BAERUM

    made = demo_proposals_load(path=BAERUM / "demo.json", campaign=campaign, count=6)
    channels = {row["channel"]: row["count"] for row in api.get("/api/v1/stats/channels/").json()}
    assert channels["map"] == made and not channels.get("api")
