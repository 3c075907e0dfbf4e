"""GDAL's OAPIF driver, the client QGIS and ogr2ogr use, against the app under gunicorn."""

import csv
import io
import subprocess

import pytest
from django.db import connection

from tests.conftest import load_baerum
from tests.factories import BEKKESTUA, SANDVIKA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)


def gdal(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_ogr2ogr_pages_filters_and_reprojects_to_utm32(server, tmp_path):
    campaign = load_baerum()
    inside = [
        make_proposal(campaign, at=at, category="bolig")
        for at in [SANDVIKA] * 3 + [SANDVIKA_STATION] * 2
    ]
    make_proposal(campaign, at=SANDVIKA, category="annet")  # in the box, another category
    make_proposal(campaign, at=BEKKESTUA, category="bolig")  # outside the box
    source = f"OAPIF:{server.url}/ogc/"
    assert "1: proposals (title: Forslag) (Point)" in gdal("ogrinfo", "-ro", source)

    target = tmp_path / "forslag.gpkg"
    gdal(
        "ogr2ogr",
        "-f",
        "GPKG",
        str(target),
        source,
        "proposals",
        "-oo",
        "PAGE_SIZE=2",  # three pages for five proposals
        "-spat",
        "10.50",
        "59.88",
        "10.55",
        "59.90",
        "-where",
        "category = 'bolig'",
        "-t_srs",
        "EPSG:25832",
    )
    rows = gdal(
        "ogr2ogr",
        "-f",
        "CSV",
        "/vsistdout/",
        str(target),
        "-dialect",
        "SQLite",
        "-sql",
        "SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y FROM proposals",
    )
    read = {int(r["id"]): (float(r["x"]), float(r["y"])) for r in csv.DictReader(io.StringIO(rows))}
    assert sorted(read) == sorted(p.pk for p in inside)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, ST_X(ST_Transform(location, 25832)), ST_Y(ST_Transform(location, 25832))"
            " FROM mapping_proposal WHERE id = ANY(%s)",
            [list(read)],
        )
        for pk, x, y in cursor.fetchall():
            assert read[pk] == pytest.approx((x, y), abs=0.5)  # coordinates kept to 1e-6 degrees
    assert 'ID["EPSG",25832]' in gdal("ogrinfo", "-so", "-al", str(target))


def test_ogrinfo_reads_an_area_collection_whole(server):
    from geo.models import Area

    source = f"OAPIF:{server.url}/ogc/"
    assert "7: grunnkrets (title: Grunnkrets) (Multi Polygon)" in gdal("ogrinfo", "-ro", source)
    summary = gdal("ogrinfo", "-ro", "-so", source, "delomrade", "-oo", "PAGE_SIZE=5")
    count = Area.objects.filter(kind="delomrade").count()
    assert f"Feature Count: {count}" in summary
    assert "name: String" in summary and "code: String" in summary


def test_ogrinfo_with_a_planner_s_key_sees_what_the_planner_sees(server, planner):
    import os

    from mapping import services

    campaign = load_baerum()
    make_proposal(campaign, at=SANDVIKA)
    make_proposal(campaign, at=BEKKESTUA, visibility="pending")
    _token, key = services.api_token_create(user=planner, name="GDAL")
    source = f"OAPIF:{server.url}/ogc/"

    def count(**env: str) -> str:
        done = subprocess.run(
            ["ogrinfo", "-ro", "-so", source, "proposals"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        )
        return next(line for line in done.stdout.splitlines() if "Feature Count" in line)

    assert count() == "Feature Count: 1"
    assert count(GDAL_HTTP_HEADERS=f"Authorization: Bearer {key}") == "Feature Count: 2"
    assert count(GDAL_HTTP_AUTH="BASIC", GDAL_HTTP_USERPWD=f"token:{key}") == "Feature Count: 2"


def test_ogrinfo_counts_a_hundred_thousand_proposals_from_one_page(server):
    """With numberMatched on the first page, GDAL needs no paging through the set to count it
    (it did: 6 min 23 s at 10^5)."""
    import os

    from mapping.synthetic import synthetic_proposals_load

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # a load, not a request
    rows = synthetic_proposals_load(campaign=load_baerum(), count=100_000)
    done = subprocess.run(
        ["ogrinfo", "-ro", "-so", f"OAPIF:{server.url}/ogc/", "proposals"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CPL_DEBUG": "ON"},
    )
    assert f"Feature Count: {rows}" in done.stdout
    pages = done.stderr.count("/ogc/collections/proposals/items")
    assert 1 <= pages <= 3, pages  # not 100,000 / page size
