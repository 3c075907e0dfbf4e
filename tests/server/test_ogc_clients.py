"""QGIS itself (Debian's python3-qgis, headless) and OWSLib read the OGC API under gunicorn, with
and without a planner's key. QGIS 3.22, Debian 12's, speaks OGC API – Features Part 1 only: it
asks for CRS84 and reprojects itself (Part 2 is read by OWSLib here and by GDAL's ogr2ogr in
test_gdal.py)."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.contrib.gis.db.models import Extent
from owslib.ogcapi.features import Features
from owslib.util import Authentication

from geo.models import Area
from mapping import services
from mapping.models import Proposal
from tests.conftest import load_baerum
from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)

QGIS_READ = Path(__file__).with_name("qgis_read.py")
QGIS_TILES = Path(__file__).with_name("qgis_tiles.py")
UTM32 = "http://www.opengis.net/def/crs/EPSG/0/25832"


def run_qgis(script: Path, *args: str) -> str:
    """The last line a QGIS script printed (Debian's Python, no screen)."""
    done = subprocess.run(
        ["/usr/bin/python3", str(script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def qgis(url: str, collection: str, *key: str) -> dict:
    return json.loads(run_qgis(QGIS_READ, url, collection, *key))


@pytest.fixture
def world(server, planner):
    campaign = load_baerum()
    published = [make_proposal(campaign, at=at) for at in (SANDVIKA, BEKKESTUA, LOMMEDALEN)]
    pending = make_proposal(campaign, at=SANDVIKA_STATION, visibility=Proposal.Visibility.PENDING)
    _token, key = services.api_token_create(user=planner, name="QGIS")
    return published, pending, key


def test_qgis_loads_the_proposals_and_an_area_collection(server, world):
    published, pending, key = world
    url = f"{server.url}/ogc/"
    public = qgis(url, "proposals")
    assert public["valid"] and public["crs"] == "EPSG:4326"
    assert public["features"] == public["feature_count"] == len(published)
    assert public["ids"] == sorted(p.pk for p in published)
    west, south, east, north = public["extent"]
    xs = [p.location.x for p in published]
    ys = [p.location.y for p in published]
    assert (west, south, east, north) == pytest.approx((min(xs), min(ys), max(xs), max(ys)))
    assert {"title", "category", "status", "created_at"} <= set(public["fields"])

    planner = qgis(url, "proposals", key)
    assert planner["ids"] == sorted([*(p.pk for p in published), pending.pk])

    areas = qgis(url, "delomrade")
    delomrader = Area.objects.filter(kind="delomrade")
    assert areas["features"] == areas["feature_count"] == delomrader.count()
    box = delomrader.aggregate(box=Extent("geom"))["box"]
    assert areas["extent"] == pytest.approx(list(box), abs=1e-5)
    assert {"code", "name", "kind", "kind_name"} <= set(areas["fields"])


def test_owslib_reads_collections_queryables_and_filtered_items(server, world):
    published, pending, key = world
    api = Features(f"{server.url}/ogc/")
    ids = {c["id"] for c in api.collections()["collections"]}
    assert ids == {
        *("proposals", "proposal_lines", "proposal_areas", "hotspots"),
        *("kommune", "delomrade", "grunnkrets", "valgkrets"),
    }
    assert "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text" in api.conformance()["conformsTo"]
    queryables = api.collection_queryables("proposals")["properties"]
    assert {"category", "status", "geometry", "created_at"} <= set(queryables)

    sandvika = "POLYGON((10.50 59.88, 10.54 59.88, 10.54 59.90, 10.50 59.90, 10.50 59.88))"
    text = f"category = 'bolig' AND S_INTERSECTS(geometry, {sandvika})"
    found = api.collection_items("proposals", filter=text, limit=100)
    assert [f["id"] for f in found["features"]] == [published[0].pk]
    as_json = json.dumps(
        {
            "op": "s_intersects",
            "args": [{"property": "geometry"}, {"bbox": [10.5, 59.88, 10.6, 59.93]}],
        }
    )
    both = api.collection_items("proposals", **{"filter": as_json, "filter-lang": "cql2-json"})
    assert sorted(f["id"] for f in both["features"]) == sorted(p.pk for p in published[:2])

    utm = api.collection_items("proposals", crs=UTM32, bbox=[10.5, 59.88, 10.54, 59.90])
    easting, northing = utm["features"][0]["geometry"]["coordinates"]
    assert 580_000 < easting < 590_000 and 6_630_000 < northing < 6_650_000

    as_planner = Features(f"{server.url}/ogc/", auth=Authentication(username="token", password=key))
    everything = as_planner.collection_items("proposals", filter="visibility = 'pending'")
    assert [f["id"] for f in everything["features"]] == [pending.pk]
    with pytest.raises(RuntimeError):  # the public may not filter on what it cannot see
        api.collection_items("proposals", filter="visibility = 'pending'")


def test_qgis_draws_the_vector_tiles_with_their_filters(server, world, tmp_path):
    template = f"{server.url}/ogc/collections/proposals/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}"
    drawn = int(run_qgis(QGIS_TILES, template, str(tmp_path / "all.png")))
    assert drawn > 0
    none = int(run_qgis(QGIS_TILES, f"{template}?status=gjennomfort", str(tmp_path / "none.png")))
    assert none == 0  # the filter reached the tiles: no proposal is carried out yet


def test_qgis_and_gdal_read_a_layer_per_kind_with_its_type(server, world, tmp_path):
    from tests.factories import line, square

    published, _pending, _key = world
    campaign = load_baerum()
    route = make_proposal(campaign, shape=line(SANDVIKA, SANDVIKA_STATION))
    field = make_proposal(campaign, shape=square(*BEKKESTUA))
    url = f"{server.url}/ogc/"
    expected = {
        "proposals": ("Point", sorted(p.pk for p in published)),
        "proposal_lines": ("LineString", [route.pk]),
        "proposal_areas": ("Polygon", [field.pk]),
    }
    for collection, (geometry_type, ids) in expected.items():
        read = qgis(url, collection)
        assert read["valid"] and read["ids"] == ids, collection
        assert read["geometry_type"] == geometry_type
        assert read["geometry_types"] == [geometry_type]
    listed = subprocess.run(
        ["ogrinfo", "-ro", f"OAPIF:{url}"], capture_output=True, text=True, check=True
    ).stdout
    assert "proposals (title: Forslag) (Point)" in listed
    assert "proposal_lines (title: Forslag, linjer) (Line String)" in listed
    assert "proposal_areas (title: Forslag, områder) (Polygon)" in listed
    target = tmp_path / "omrader.gpkg"
    subprocess.run(
        ["ogr2ogr", "-f", "GPKG", str(target), f"OAPIF:{url}", "proposal_areas"],
        check=True,
        capture_output=True,
    )
    info = subprocess.run(
        ["ogrinfo", "-so", "-al", str(target)], capture_output=True, text=True, check=True
    ).stdout
    assert "Geometry: Polygon" in info and "Feature Count: 1" in info
