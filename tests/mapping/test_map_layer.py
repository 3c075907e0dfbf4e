"""The aggregated map layer: the pyramid stays exact and agrees with on-the-fly aggregation."""

import json

import pytest
from django.db.models import Sum

from mapping import map_layer
from mapping.models import GridCell, Proposal
from mapping.services import proposal_moderate, proposal_set_status
from mapping.synthetic import synthetic_proposals_load
from tests.factories import (
    BEKKESTUA,
    KADETTANGEN,
    LOMMEDALEN,
    SANDVIKA,
    SANDVIKA_EAST,
    SANDVIKA_STATION,
    make_proposal,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/tiles"


def tile_of(lon, lat, z):
    import math

    x = int((lon + 180) / 360 * 2**z)
    lat_r = math.radians(lat)
    y = int((1 - math.log(math.tan(lat_r) + 1 / math.cos(lat_r)) / math.pi) / 2 * 2**z)
    return z, x, y


def cells(body: str):
    features = json.loads(body)["features"]
    # RFC 7946: a count has no id member at all (never "id": null); a single proposal has its id.
    assert all(("id" in f) == (f["properties"]["count"] == 1) for f in features)
    return sorted(
        (f["properties"]["count"], tuple(f["geometry"]["coordinates"]), f.get("id"))
        for f in features
    )


@pytest.fixture
def many(campaign):
    synthetic_proposals_load(campaign=campaign, count=3000)
    # Some hidden, through the trigger, for the moderators' view of the pyramid.
    every_tenth = Proposal.objects.order_by("pk").values_list("pk", flat=True)[::10]
    Proposal.objects.filter(pk__in=list(every_tenth)).update(visibility="hidden")
    return campaign


@pytest.mark.parametrize("visibilities", [["published"], [], ["hidden"]])
@pytest.mark.parametrize("z", [5, 8, 10, 11, 13, 16])
def test_pyramid_agrees_with_on_the_fly_aggregation(many, z, visibilities):
    z, x, y = tile_of(*SANDVIKA, z)
    shown = Proposal.objects.all()
    if visibilities:
        shown = shown.filter(visibility__in=visibilities)
    from_pyramid = cells(
        map_layer.tile_from_pyramid(
            z=z, x=x, y=y, campaigns=[], categories=[], statuses=[], visibilities=visibilities
        ).body
    )
    on_the_fly = cells(map_layer.tile_on_the_fly(z=z, x=x, y=y, proposals=shown).body)
    assert [c[0] for c in from_pyramid] == [c[0] for c in on_the_fly]
    for (_, a, id_a), (_, b, id_b) in zip(from_pyramid, on_the_fly, strict=True):
        assert a == pytest.approx(b, abs=2e-6)
        assert id_a == id_b
    assert sum(c[0] for c in from_pyramid) > 0
    assert len(from_pyramid) <= 16


def test_pyramid_stays_exact_through_every_write(campaign, planner):
    def total(visibility="published"):
        cells = GridCell.objects.filter(level=12, visibility=visibility)
        return cells.aggregate(n=Sum("count"))["n"] or 0

    proposal = make_proposal(campaign)
    assert total() == 1
    proposal_set_status(proposal=proposal, status="innarbeidet", answer="", user=planner)
    assert (
        GridCell.objects.filter(level=12, status="innarbeidet").aggregate(n=Sum("count"))["n"] == 1
    )
    proposal_moderate(proposal=proposal, action="hide", reason="Test", user=planner)
    assert (total(), total("hidden")) == (0, 1)  # moderators' maps still count it
    proposal_moderate(proposal=proposal, action="publish", reason="", user=planner)
    assert total() == 1
    Proposal.objects.filter(pk=proposal.pk).update(location="SRID=4326;POINT(10.6 59.93)")
    cell = GridCell.objects.get(level=18, count=1)
    assert (cell.sum_lon, cell.sum_lat, cell.sum_id) == pytest.approx((10.6, 59.93, proposal.pk))
    Proposal.objects.filter(pk=proposal.pk).delete()
    assert total() == 0


def test_rebuild_gives_what_the_trigger_kept(campaign, planner):
    # Written one by one through the services, so the trigger (not a rebuild) kept the pyramid.
    places = [SANDVIKA, SANDVIKA_STATION, SANDVIKA_EAST, BEKKESTUA, LOMMEDALEN, KADETTANGEN]
    proposals = [make_proposal(campaign, at=at) for at in places * 3]
    proposal_set_status(proposal=proposals[0], status="innarbeidet", answer="", user=planner)
    proposal_moderate(proposal=proposals[1], action="hide", reason="Test", user=planner)
    Proposal.objects.filter(pk=proposals[2].pk).delete()
    columns = ("level", "cx", "cy", "category_id", "status", "visibility", "count", "sum_id")
    kept = sorted(GridCell.objects.filter(count__gt=0).values_list(*columns))
    assert sum(row[6] for row in kept if row[0] == 12) == len(proposals) - 1
    assert sum(row[6] for row in kept if row[0] == 12 and row[5] == "hidden") == 1
    map_layer.pyramid_rebuild()
    assert sorted(GridCell.objects.values_list(*columns)) == kept


def test_tile_endpoint_counts_every_matching_proposal(api, planner_api, many):
    z, x, y = tile_of(*SANDVIKA, 7)  # one tile covers all of Bærum
    body = api.get(f"{URL}/{z}/{x}/{y}/").json()
    assert sum(f["properties"]["count"] for f in body["features"]) == 2700  # published
    body = planner_api.get(f"{URL}/{z}/{x}/{y}/").json()
    assert sum(f["properties"]["count"] for f in body["features"]) == 3000  # a moderator's
    body = planner_api.get(f"{URL}/{z}/{x}/{y}/", {"visibility": "hidden"}).json()
    assert sum(f["properties"]["count"] for f in body["features"]) == 300
    published = Proposal.objects.filter(visibility="published")
    bolig = published.filter(category__slug="bolig").count()
    body = api.get(f"{URL}/{z}/{x}/{y}/", {"category": "bolig"}).json()
    assert sum(f["properties"]["count"] for f in body["features"]) == bolig
    in_area = published.filter(areas__code="320114").count()
    body = api.get(f"{URL}/{z}/{x}/{y}/", {"area": "320114"}).json()  # on the fly
    assert sum(f["properties"]["count"] for f in body["features"]) == in_area


def test_single_proposals_come_with_id_and_category(api, campaign):
    proposal = make_proposal(campaign, category="bolig")
    body = api.get("{}/{}/{}/{}/".format(URL, *tile_of(*SANDVIKA, 15))).json()
    [feature] = body["features"]
    assert feature["id"] == proposal.pk
    assert feature["properties"] == {
        "count": 1,
        "category": "bolig",
        "title": proposal.title,
        "kind": "point",
        "shape": None,
    }
    assert feature["geometry"]["coordinates"] == [10.52, 59.89]


def test_hidden_proposals_never_reach_the_public_layer(api, planner_api, campaign):
    make_proposal(campaign, visibility=Proposal.Visibility.HIDDEN)
    path = "{}/{}/{}/{}/".format(URL, *tile_of(*SANDVIKA, 12))
    assert api.get(path).json()["features"] == []
    assert len(planner_api.get(path).json()["features"]) == 1


def test_tiles_are_cacheable_and_compressed(api, many):
    path = "{}/{}/{}/{}/".format(URL, *tile_of(*SANDVIKA, 11))
    first = api.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    assert first["Cache-Control"] == "public, max-age=30"
    again = api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_304_needs_no_tile_sql_and_a_write_changes_the_etag(
    api, planner_api, campaign, django_assert_num_queries
):
    from mapping.reference import reference

    make_proposal(campaign)
    map_layer.pyramid_levels()  # read once per process, then kept
    reference()  # the same
    path = "{}/{}/{}/{}/".format(URL, *tile_of(*SANDVIKA, 12))
    with django_assert_num_queries(1):  # the tile, its version in the same statement
        first = api.get(path)
    with django_assert_num_queries(1):  # the version, and no tile SQL
        assert api.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert planner_api.get(path)["ETag"] != first["ETag"]  # a moderator's view is another
    make_proposal(campaign, at=SANDVIKA_STATION)
    after = api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]


@pytest.mark.parametrize("path", ["23/0/0", "3/8/0", "3/0/9"])
def test_tiles_outside_the_world_are_404(api, path):
    assert api.get(f"{URL}/{path}/").status_code == 404


def test_bad_filters_on_tiles_get_400(api):
    assert api.get(f"{URL}/10/540/297/", {"category": "finnes-ikke"}).status_code == 400


def test_tile_filters_are_read_without_queries_and_checked_all_the_same(
    api, planner_api, campaign, django_assert_num_queries
):
    from mapping.models import Category
    from mapping.reference import reference

    make_proposal(campaign, category="bolig")
    make_proposal(campaign, category="annet", visibility=Proposal.Visibility.HIDDEN)
    path = "{}/{}/{}/{}/".format(URL, *tile_of(*SANDVIKA, 12))
    map_layer.pyramid_levels()
    reference()

    def total(client, **params):
        body = client.get(path, params).json()
        return sum(f["properties"]["count"] for f in body["features"])

    with django_assert_num_queries(1):  # the tile alone: no campaign or category look-up
        assert total(api, campaign=campaign.pk, category="bolig", status="mottatt") == 1
    assert total(api, category="annet") == 0  # hidden: the public never sees it
    assert total(planner_api, category="annet", visibility="hidden") == 1
    for bad in ({"campaign": "abc"}, {"category": "ukjent"}, {"status": "ferdig"}):
        assert api.get(path, bad).status_code == 400
    # A category newer than the reference each process holds is still found.
    newer = Category.objects.create(campaign=campaign, slug="nyhet", name="Nyhet", colour="#123456")
    proposal = make_proposal(campaign, category="bolig")
    Proposal.objects.filter(pk=proposal.pk).update(category=newer)
    assert total(api, category="nyhet") == 1
