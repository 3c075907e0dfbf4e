"""Filters (within, q, status, dates, ordering), numbers per area and week, and exports read
back with GDAL."""

import csv
import io
import json
import math
import subprocess
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from mapping.models import Proposal
from tests.factories import BEKKESTUA, KADETTANGEN, LOMMEDALEN, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"
# A square around Sandvika centre, lon/lat.
SANDVIKA_SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[10.50, 59.88], [10.54, 59.88], [10.54, 59.90], [10.50, 59.90], [10.50, 59.88]]
    ],
}


@pytest.fixture
def spread(campaign):
    made = {
        "sandvika": make_proposal(
            campaign, at=SANDVIKA_STATION, category="bolig", title="Rimelige boliger ved stasjonen"
        ),
        "bekkestua": make_proposal(
            campaign,
            at=BEKKESTUA,
            category="transport-og-mobilitet",
            title="Trygg sykkelvei",
            body="Sykkelveien må skilles fra bilene.",
        ),
        "lommedalen": make_proposal(
            campaign,
            at=LOMMEDALEN,
            category="natur-og-gronnstruktur",
            title="Lysløype",
            body='=HYPERLINK("http://example.com")',
        ),
        "beach": make_proposal(
            campaign,
            at=KADETTANGEN,
            category="kultur-og-fritid",
            title="Brygge",
            body="En brygge for bading.",
        ),
    }
    Proposal.objects.filter(pk=made["lommedalen"].pk).update(
        created_at=timezone.now() - timedelta(days=20), status="under_vurdering"
    )
    return made


def ids(response):
    assert response.status_code == 200, response.content
    return {f["id"] for f in response.json()["features"]}


def test_within_polygon(api, spread):
    found = ids(api.get(URL, {"within": json.dumps(SANDVIKA_SQUARE)}))
    assert found == {spread["sandvika"].pk, spread["beach"].pk}


def test_within_in_a_post_search_body(api, spread):
    # 2,000 vertices: far too long for a URL, fine in a body.
    ring = [
        [
            10.52 + 0.03 * math.cos(2 * math.pi * i / 2000),
            59.89 + 0.015 * math.sin(2 * math.pi * i / 2000),
        ]
        for i in range(2000)
    ]
    circle = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    response = api.post(f"{URL}search/", {"within": circle, "category": ["bolig"]}, format="json")
    assert ids(response) == {spread["sandvika"].pk}


BOWTIE = [[10.50, 59.88], [10.54, 59.90], [10.54, 59.88], [10.50, 59.90], [10.50, 59.88]]
BAD_POLYGONS = {
    "self-intersecting": ({"type": "Polygon", "coordinates": [BOWTIE]}, "ugyldig"),
    "unclosed": ({"type": "Polygon", "coordinates": [BOWTIE[:-1]]}, "ikke lukket"),
    "too-few-points": (
        {"type": "Polygon", "coordinates": [[[10.5, 59.8], [10.6, 59.9], [10.5, 59.8]]]},
        "minst fire",
    ),
    "too-many-vertices": (
        {"type": "Polygon", "coordinates": [[[10.5 + i * 1e-6, 59.9] for i in range(10_001)]]},
        "høyst 10000",
    ),
    "point": ({"type": "Point", "coordinates": [10.5, 59.9]}, "Polygon eller MultiPolygon"),
    "linestring": ({"type": "LineString", "coordinates": [[10.5, 59.9], [10.6, 59.9]]}, "ikke"),
    "crs": ({**SANDVIKA_SQUARE, "crs": {"type": "name"}}, "crs"),
    "out-of-range": (
        {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [200, 1], [0, 0]]]},
        "-180",
    ),
    "strings": ({"type": "Polygon", "coordinates": [[["a", "b"]]]}, "to endelige tall"),
    "not-json": ("POLYGON((10 59, 11 59, 11 60, 10 59))", "JSON"),
}


@pytest.mark.parametrize(("polygon", "message"), BAD_POLYGONS.values(), ids=BAD_POLYGONS.keys())
def test_bad_polygon_gets_400_saying_what_is_wrong(api, spread, polygon, message):
    value = polygon if isinstance(polygon, str) else json.dumps(polygon)
    response = (
        api.get(URL, {"within": value})
        if len(value) < 4000
        else api.post(f"{URL}search/", {"within": polygon}, format="json")
    )
    assert response.status_code == 400
    assert message in response.json()["within"][0]


def test_free_text_uses_norwegian_stemming(api, spread):
    # "sykkelveien" (the bike path) finds "sykkelvei" and "Sykkelveien" through the stem.
    assert ids(api.get(URL, {"q": "sykkelveien"})) == {spread["bekkestua"].pk}
    assert ids(api.get(URL, {"q": "boligene"})) == {spread["sandvika"].pk}
    assert ids(api.get(URL, {"q": "'; DROP TABLE mapping_proposal; --"})) == set()


def test_status_dates_and_ordering(api, spread):
    assert ids(api.get(URL, {"status": "under_vurdering"})) == {spread["lommedalen"].pk}
    recent = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert spread["lommedalen"].pk not in ids(api.get(URL, {"created_after": recent}))
    assert ids(api.get(URL, {"created_before": recent})) == {spread["lommedalen"].pk}
    titles = [
        f["properties"]["title"] for f in api.get(URL, {"ordering": "title"}).json()["features"]
    ]
    assert titles == sorted(titles)
    assert api.get(URL, {"ordering": "email"}).status_code == 400
    assert api.get(URL, {"created_after": "i går"}).status_code == 400


def test_stats_add_up_to_the_filtered_count_with_zero_areas_included(api, spread):
    body = api.get("/api/v1/stats/areas/", {"kind": "delomrade"}).json()
    assert len(body["features"]) == 22
    counts = {f["properties"]["code"]: f["properties"]["count"] for f in body["features"]}
    assert counts["320114"] == 1  # Sandvika-Valler
    assert list(counts.values()).count(0) == 19
    assert body["total"] == 4
    assert body["outside"] == 1  # the beach pin lies at sea
    assert sum(counts.values()) + body["outside"] == body["total"]
    for feature in body["features"]:
        properties = feature["properties"]
        assert sum(properties["categories"].values()) == properties["count"]


def test_stats_take_the_same_filters(api, spread):
    body = api.get("/api/v1/stats/areas/", {"kind": "grunnkrets", "category": "bolig"}).json()
    assert body["total"] == 1
    assert [f["properties"]["code"] for f in body["features"] if f["properties"]["count"]] == [
        "32011416"
    ]
    assert api.get("/api/v1/stats/areas/", {"kind": "fylke"}).status_code == 400


def test_weekly_series_counts_every_filtered_proposal(api, spread):
    def monday(proposal):
        day = timezone.localtime(Proposal.objects.get(pk=proposal.pk).created_at).date()
        return day - timedelta(days=day.weekday())

    first, last = monday(spread["lommedalen"]), monday(spread["sandvika"])
    expected = {}
    week = first
    while week <= last:  # every week from the first to the last proposal, empty ones as zero
        expected[week.isoformat()] = 0
        week += timedelta(weeks=1)
    for proposal in spread.values():
        expected[monday(proposal).isoformat()] += 1
    weeks = api.get("/api/v1/stats/weeks/").json()
    assert {w["week_start"]: w["count"] for w in weeks} == expected
    assert list(expected.values()).count(0) >= 1  # 20 days apart: an empty week between
    filtered = api.get("/api/v1/stats/weeks/", {"category": "natur-og-gronnstruktur"}).json()
    assert filtered == [{"week_start": first.isoformat(), "count": 1}]


def ogrinfo(path) -> str:
    return subprocess.run(
        ["ogrinfo", "-al", "-so", str(path)], capture_output=True, text=True, check=True
    ).stdout


def content(response) -> bytes:
    """An export's bytes: written whole on the server, then sent as a file."""
    return b"".join(response.streaming_content)


def test_geopackage_export_in_utm32_reads_back_with_gdal(api, spread, tmp_path):
    response = api.get(f"{URL}export/", {"output": "gpkg", "crs": "25832", "area": "320114"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('epsg25832.gpkg"')
    path = tmp_path / "export.gpkg"
    path.write_bytes(content(response))
    info = ogrinfo(path)
    assert "Feature Count: 1" in info
    assert 'ID["EPSG",25832]' in info
    assert "delomrade_name: String" in info
    assert "email" not in info
    extent = info.split("Extent: ")[1].split("\n")[0]
    assert extent.startswith("(5")  # easting in metres, not degrees


def test_geojson_export_has_areas_status_and_answer(api, spread, tmp_path):
    data = content(api.get(f"{URL}export/", {"category": "natur-og-gronnstruktur"}))
    [feature] = json.loads(data)["features"]
    assert feature["geometry"]["coordinates"] == [10.475, 59.956]
    properties = feature["properties"]
    assert properties["delomrade_name"] == "Lommedalen"
    assert properties["status_name"] == "Under vurdering"
    path = tmp_path / "export.geojson"
    path.write_bytes(data)
    assert 'ID["EPSG",4326]' in ogrinfo(path)


def test_csv_export_neutralises_formulas_and_reads_back_with_gdal(api, spread, tmp_path):
    response = api.get(f"{URL}export/", {"output": "csv"})
    text = content(response).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4
    lommedalen = next(r for r in rows if r["title"] == "Lysløype")
    assert lommedalen["body"].startswith("'=HYPERLINK")
    path = tmp_path / "export.csv"
    path.write_text(text)
    assert "Feature Count: 4" in ogrinfo(path)


def test_email_in_exports_only_with_the_dedicated_permission(api, planner, planner_api, campaign):
    make_proposal(campaign, email="privat@example.no")
    for client in (api, planner_api):
        assert b"privat@example.no" not in content(client.get(f"{URL}export/"))
    planner.user_permissions.add(Permission.objects.get(codename="view_author_email"))
    planner_api.force_login(type(planner).objects.get(pk=planner.pk))
    assert b"privat@example.no" in content(planner_api.get(f"{URL}export/"))


def test_export_rejects_unknown_format_and_crs(api, spread):
    assert "output" in api.get(f"{URL}export/", {"output": "xlsx"}).json()
    assert "crs" in api.get(f"{URL}export/", {"crs": "3857"}).json()


def test_stats_sql_agrees_with_counting_through_the_orm(api, campaign):
    from django.db.models import Count, Q

    from geo.models import Area
    from mapping.synthetic import synthetic_proposals_load

    synthetic_proposals_load(campaign=campaign, count=400)
    body = api.get("/api/v1/stats/areas/", {"kind": "grunnkrets", "category": "bolig"}).json()
    from_sql = {f["properties"]["code"]: f["properties"]["count"] for f in body["features"]}
    from_orm = dict(
        Area.objects.filter(kind="grunnkrets")
        .annotate(n=Count("proposals", filter=Q(proposals__category__slug="bolig")))
        .values_list("code", "n")
    )
    assert from_sql == from_orm
    assert body["total"] == Proposal.objects.filter(category__slug="bolig").count()


def test_an_export_too_large_for_one_file_is_refused_whole(api, campaign, settings):
    """A set larger than the limit gets a 413 that says what to do, never a file cut short."""
    settings.FREMTIDSKART_EXPORT_MAX_ROWS = 2
    for _n in range(3):
        make_proposal(campaign)
    for output in ("csv", "geojson", "gpkg"):
        refused = api.get("/api/v1/proposals/export/", {"output": output})
        assert refused.status_code == 413
        assert "mer enn 2 forslag" in refused.json()["detail"]
        assert "arbeidsflaten for planleggere" in refused.json()["detail"]  # where it can be had
    settings.FREMTIDSKART_EXPORT_MAX_ROWS = 3
    lines = content(api.get("/api/v1/proposals/export/?output=csv"))
    assert len(lines.decode().splitlines()) == 1 + 3  # complete: header and every row
