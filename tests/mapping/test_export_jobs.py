"""Exports of any size: planners have them built in the background, complete or failed, never
cut short (the public download's limit is in test_filters_stats_export). Files are read back
with Python's csv and json and with GDAL."""

import csv
import io
import json
import subprocess

import pytest
from django.contrib.auth.models import Permission

from mapping import exporters
from mapping.models import Proposal
from mapping.synthetic import synthetic_proposals_load
from tests.conftest import run_jobs
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db

LARGE = 6_000  # rows enough for more than one of the export's chunks and progress steps
# All but one category: a filtered set, and most of the rows.
KEPT = [
    "transport-og-mobilitet",
    "bolig",
    "moteplasser",
    "klima-og-miljo",
    "kultur-og-fritid",
    "barn-og-unge",
    "natur-og-gronnstruktur",
]
FILTERS = {"category": KEPT}


def ask(client, **body):
    return client.post("/api/v1/reports/", body, content_type="application/json")


def built(client, **body) -> tuple[dict, bytes]:
    asked = ask(client, **body)
    assert asked.status_code == 202, asked.content
    assert run_jobs() == ["mapping.report_build"]
    job = client.get(f"/api/v1/reports/{asked.json()['id']}/").json()
    assert job["state"] == "done", job
    answer = client.get(job["url"])
    assert answer.status_code == 200
    return job, answer, b"".join(answer.streaming_content)


def rows_in(output: str, content: bytes, tmp_path) -> list[tuple[int, float, float]]:
    """(id, x, y) of every row of the file, read as a GIS user's tools would."""
    if output == "csv":
        return [
            (int(r["id"]), float(r["x"]), float(r["y"]))
            for r in csv.DictReader(io.StringIO(content.decode()))
        ]
    if output == "geojson":
        return [(f["id"], *f["geometry"]["coordinates"]) for f in json.loads(content)["features"]]
    path = tmp_path / "forslag.gpkg"
    path.write_bytes(content)
    rows = subprocess.run(
        ["ogr2ogr", "-f", "CSV", "/vsistdout/", str(path), "-lco", "GEOMETRY=AS_XY"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(int(r["id"]), float(r["X"]), float(r["Y"])) for r in csv.DictReader(io.StringIO(rows))]


@pytest.fixture
def large(campaign):
    synthetic_proposals_load(campaign=campaign, count=LARGE, seed=0.7)
    return campaign


@pytest.mark.parametrize("output", ["csv", "geojson", "gpkg"])
@pytest.mark.parametrize("crs", [4326, 25832])
def test_a_large_export_is_complete_in_every_format_and_crs(
    planner_client, large, output, crs, tmp_path
):
    job, answer, content = built(
        planner_client,
        filters=FILTERS,
        format=output,
        crs=crs,
    )
    expected = Proposal.objects.filter(category__slug__in=KEPT, visibility="published")
    assert expected.count() > 2 * exporters.PROGRESS_EVERY
    rows = rows_in(output, content, tmp_path)
    assert job["proposal_count"] == len(rows) == expected.count()
    assert sorted(r[0] for r in rows) == sorted(expected.values_list("pk", flat=True))
    # Coordinates in the CRS asked for: Bærum is near 10.5° E, 59.9° N, or 585,000 m E,
    # 6,640,000 m N in UTM 32.
    x, y = rows[0][1:]
    assert (9 < x < 11 and 59 < y < 61) if crs == 4326 else (5e5 < x < 6e5 and 6.6e6 < y < 6.7e6)
    assert f"epsg{crs}.{output}" in answer["Content-Disposition"]


def test_an_export_that_fails_says_so_and_offers_no_file(planner_client, large, settings, tmp_path):
    broken = tmp_path / "ogr2ogr"
    broken.write_text("#!/bin/sh\necho 'ERROR 1: disk full' >&2\nexit 1\n")
    broken.chmod(0o755)
    settings.OGR2OGR = str(broken)
    asked = ask(planner_client, filters={}, format="gpkg", crs=25832)
    run_jobs()
    job = planner_client.get(f"/api/v1/reports/{asked.json()['id']}/").json()
    assert job["state"] == "failed" and job["url"] is None
    assert "disk full" in job["error"]


def test_emails_only_for_a_planner_allowed_to_see_them(planner, planner_client, campaign):
    make_proposal(campaign, email="forfatter@example.no")
    _, _, without = built(planner_client, filters={}, format="csv")
    assert b"forfatter@example.no" not in without
    planner.user_permissions.add(Permission.objects.get(codename="view_author_email"))
    _, _, with_emails = built(planner_client, filters={}, format="csv")
    assert b"forfatter@example.no" in with_emails


def test_export_jobs_are_for_planners_only(api, client, campaign):
    assert ask(client, filters={}, format="csv").status_code == 403
