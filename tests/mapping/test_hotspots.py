"""Hotspots: clusters of nearby proposals, found in PostGIS with the planner's distance and size."""

import pytest
from django.test import Client

from mapping.models import Proposal
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
    make_proposal(campaign, at=(SANDVIKA_STATION[0], SANDVIKA_STATION[1] + 0.003))  # 330 m north


def test_hotspots_are_the_clusters_with_their_count_and_dominant_category(clusters):
    response = Client().get(URL)
    assert response["Content-Type"] == "application/geo+json"
    found = [f["properties"] for f in response.json()["features"]]
    assert [{k: p[k] for k in ("count", "category", "category_count")} for p in found] == [
        {"count": 7, "category": "moteplasser", "category_count": 6},
        {"count": 5, "category": "bolig", "category_count": 5},
    ]
    station = Proposal.objects.filter(location__dwithin=(point(SANDVIKA_STATION), 0.002))
    assert found[0]["proposals"] == sorted(station.values_list("pk", flat=True))
    outline = response.json()["features"][0]["geometry"]
    assert outline["type"] == "Polygon"


def test_the_planner_sets_distance_and_size(clusters):
    assert len(Client().get(URL, {"min_size": 6}).json()["features"]) == 1
    assert len(Client().get(URL, {"distance": 10}).json()["features"]) == 0  # 20 m apart
    wider = Client().get(URL, {"distance": 400}).json()["features"]
    assert [f["properties"]["count"] for f in wider] == [8, 5]  # the one 330 m north joins


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
    assert "count: Integer" in info and "category: String" in info
    csv = Client().get(URL, {"download": "1", "output": "csv", "crs": "25832"})
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("WKT,") and lines[1].startswith('"POLYGON ((5')  # metres east


@pytest.mark.parametrize(
    "bad",
    [
        {"distance": "abc"},
        {"distance": "5"},
        {"min_size": "1"},
        {"min_size": "1e9"},
        {"distance": "nan"},
    ],
)
def test_broken_settings_are_refused(clusters, bad):
    response = Client().get(URL, bad)
    assert response.status_code == 400
    assert set(response.json()) == set(bad)


def test_each_hotspot_carries_its_top_themes(campaign):
    for n, at in enumerate(near(SANDVIKA_STATION, 5)):
        make_proposal(
            campaign, at=at, title="Trygg skolevei", body=f"Skoleveien trenger fortau {n}."
        )
    for n, at in enumerate(near(BEKKESTUA, 5)):
        make_proposal(campaign, at=at, title="Ny badeplass", body=f"Badeplass med brygge {n}.")
    found = [f["properties"] for f in Client().get(URL).json()["features"]]
    themes = sorted(found, key=lambda p: p["proposals"][0])
    assert "skolevei" in themes[0]["themes"] and "badeplass" in themes[1]["themes"]
