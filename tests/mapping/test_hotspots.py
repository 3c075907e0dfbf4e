"""Hotspots: where the filtered proposals are significantly denser than expected (Getis-Ord Gi*
on hexagons over the study area, false-discovery-rate corrected), a hot hexagon and its
neighbours each."""

import json

import pytest
import shapely
from django.test import Client

from mapping.models import Proposal
from mapping.synthetic import synthetic_proposals_load
from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA_STATION, make_proposal, point
from tests.mapping.test_filters_stats_export import ogrinfo

pytestmark = pytest.mark.django_db

URL = "/api/v1/hotspots/"


def near(at, n):
    """n points about 20 m apart, east of `at`."""
    return [(at[0] + 0.0003 * i, at[1]) for i in range(n)]


@pytest.fixture
def clusters(campaign):
    for at in near(SANDVIKA_STATION, 6):
        make_proposal(campaign, at=at, category="moteplasser")
    make_proposal(campaign, at=SANDVIKA_STATION, category="bolig")
    for at in near(BEKKESTUA, 5):
        make_proposal(campaign, at=at, category="bolig")
    make_proposal(campaign, at=LOMMEDALEN)  # alone
    return campaign


def test_hotspots_are_significant_neighbourhoods_with_their_counts(clusters):
    response = Client().get(URL)
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["method"]["statistic"].startswith("Getis-Ord Gi*")
    assert 100 <= collection["method"]["hexagon_spacing_m"] <= 2000
    found = [f["properties"] for f in collection["features"]]
    assert [{k: p[k] for k in ("count", "category", "category_count")} for p in found] == [
        {"count": 7, "category": "moteplasser", "category_count": 6},
        {"count": 5, "category": "bolig", "category_count": 5},
    ]
    assert found[0]["categories"] == [{"category": "moteplasser", "count": 6}]  # 1 bolig: < 5
    assert all(p["confidence"] == 99 and p["z"] > 3 for p in found)
    for feature in collection["features"]:
        outline = shapely.geometry.shape(feature["geometry"])
        inside = [
            p.pk for p in Proposal.objects.all() if outline.covers(shapely.Point(p.location.coords))
        ]
        assert sorted(inside) == feature["properties"]["proposals"]  # exact, and all of them


def test_a_lone_proposal_or_a_group_under_five_is_no_hotspot(campaign):
    for at in near(SANDVIKA_STATION, 4):
        make_proposal(campaign, at=at)
    assert Client().get(URL).json()["features"] == []


def test_a_dense_town_is_several_hotspots_none_holding_a_tenth(campaign):
    """Spread as the synthetic loader spreads them (a town of a fifth of them in 700 m), DBSCAN
    joined 94 % into one; each hotspot now is a neighbourhood of one hexagon."""
    synthetic_proposals_load(campaign=campaign, count=3000)
    features = Client().get(URL, {"campaign": campaign.pk}).json()["features"]
    counts = [f["properties"]["count"] for f in features]
    assert len(counts) > 10
    assert max(counts) <= 300
    ids = [pk for f in features for pk in f["properties"]["proposals"]]
    assert len(ids) == len(set(ids))  # no proposal in two hotspots


def test_the_planner_sets_spacing_and_confidence(clusters):
    fine = Client().get(URL).json()
    coarse = Client().get(URL, {"spacing": 600}).json()
    assert coarse["method"]["hexagon_spacing_m"] == 600
    sizes = [shapely.geometry.shape(c["features"][0]["geometry"]).area for c in (fine, coarse)]
    assert sizes[1] > 2 * sizes[0]
    strict = Client().get(URL, {"confidence": 99}).json()
    assert strict["method"]["confidence"] == 99 and len(strict["features"]) == 2


def test_hotspots_follow_the_filters_and_download_as_a_file(clusters):
    only_housing = Client().get(URL, {"category": "bolig"}).json()["features"]
    assert [f["properties"]["count"] for f in only_housing] == [5]
    download = Client().get(URL, {"download": "1"})
    assert download["Content-Disposition"] == 'attachment; filename="hotspots-epsg4326.geojson"'


def test_hotspots_export_like_proposals_for_gis(clusters, tmp_path):
    """GDAL reads the GeoPackage in EUREF89 UTM 32 with the hotspots' attributes."""
    answer = Client().get(URL, {"download": "1", "output": "gpkg", "crs": "25832"})
    path = tmp_path / "hotspots.gpkg"
    path.write_bytes(answer.content)
    info = ogrinfo(path)
    assert "Feature Count: 2" in info and 'ID["EPSG",25832]' in info
    assert "count: Integer" in info and "confidence: Integer" in info
    csv = Client().get(URL, {"download": "1", "output": "csv", "crs": "25832"})
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("WKT,") and lines[1].startswith('"POLYGON ((5')  # metres east


@pytest.mark.parametrize(
    "bad",
    [
        {"spacing": "abc"},
        {"spacing": "5"},
        {"spacing": "1e9"},
        {"spacing": "nan"},
        {"confidence": "80"},
        {"spacing": "5", "confidence": "x"},
        {"relative": "people"},
    ],
)
def test_broken_settings_are_refused(clusters, bad):
    response = Client().get(URL, bad)
    assert response.status_code == 400
    assert set(response.json()) == set(bad)


def test_each_hotspot_carries_its_top_themes_as_written(campaign):
    for n, at in enumerate(near(SANDVIKA_STATION, 5)):
        make_proposal(
            campaign, at=at, title="Trygg skolevei", body=f"Skoleveien trenger fortau {n}."
        )
    for n, at in enumerate(near(BEKKESTUA, 5)):
        make_proposal(campaign, at=at, title="Ny badeplass", body=f"Badeplass med brygge {n}.")
    found = [f["properties"] for f in Client().get(URL).json()["features"]]
    themes = sorted(found, key=lambda p: p["proposals"][0])
    assert "skolevei" in themes[0]["themes"] and "badeplass" in themes[1]["themes"]


def test_hotspots_relative_to_inhabitants_over_the_grunnkretser(campaign):
    """Where the population layer is loaded: Gi* of proposals per 1,000 inhabitants over the
    grunnkretser (those of 200 or more), each hotspot a hot grunnkrets and its neighbours."""
    from geo.models import Area

    assert Client().get(URL, {"relative": "inhabitants"}).json()["features"] == []  # none loaded
    grunnkretser = Area.objects.filter(kind="grunnkrets")
    grunnkretser.update(population=1000, population_year=2025)
    home = grunnkretser.get(geom__intersects=point(SANDVIKA_STATION))
    for at in near(SANDVIKA_STATION, 8):
        make_proposal(campaign, at=at)
    answer = Client().get(URL, {"relative": "inhabitants", "campaign": campaign.pk}).json()
    assert answer["method"]["units"] == "grunnkrets" and answer["method"]["areas"] > 100
    (hotspot,) = answer["features"]
    properties = hotspot["properties"]
    assert properties["count"] == 8 and properties["confidence"] >= 95
    assert properties["inhabitants"] % 1000 == 0 and properties["inhabitants"] >= 2000
    assert properties["per_1000"] == round(8 * 1000 / properties["inhabitants"], 1)
    outline = shapely.geometry.shape(hotspot["geometry"])
    assert outline.covers(shapely.geometry.shape(json.loads(home.geom.json)).point_on_surface())
    # an area of fewer than 200 inhabitants says nothing and is left out
    grunnkretser.update(population=150)
    answer = Client().get(URL, {"relative": "inhabitants", "campaign": campaign.pk}).json()
    assert answer["features"] == [] and answer["method"]["units"] is None
