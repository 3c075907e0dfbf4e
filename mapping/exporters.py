"""Exports of a set of proposals as GeoJSON, CSV or GeoPackage, in EPSG:4326 or EPSG:25832."""

import csv
import io
import json
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.gis.db.models.functions import Transform
from django.db.models import Prefetch, QuerySet

from geo.models import Area
from mapping.models import Proposal, Tag

EXPORT_SRIDS = (4326, 25832)  # WGS 84 lon/lat, and EUREF89 UTM 32N as Norwegian GIS tools expect
AREA_KINDS = [Area.Kind.KOMMUNE, Area.Kind.DELOMRADE, Area.Kind.GRUNNKRETS, Area.Kind.VALGKRETS]
# Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _columns(include_email: bool) -> list[str]:
    columns = [
        "id",
        "title",
        "body",
        "category",
        "category_name",
        "status",
        "status_name",
        "answer",
        "name",
        "visibility",
        "channel",
        "tags",
        "created_at",
    ]
    for kind in AREA_KINDS:
        columns += [f"{kind}_code", f"{kind}_name"]
    return [*columns, "email"] if include_email else columns


def _rows(
    proposals: QuerySet[Proposal], srid: int, include_email: bool, internal_tags: bool
) -> Iterator[dict]:
    areas = Area.objects.only("kind", "code", "name")
    # Internal tags go out only with the planners' exports; the public sees public tags.
    tags = Tag.objects.order_by("name")
    if not internal_tags:
        tags = tags.filter(is_public=True)
    queryset = (
        proposals.select_related("category")
        .prefetch_related(Prefetch("areas", queryset=areas), Prefetch("tags", queryset=tags))
        .annotate(point=Transform("location", srid))
        .order_by("pk")
    )
    for proposal in queryset.iterator(chunk_size=2000):
        row = {
            "id": proposal.pk,
            "title": proposal.title,
            "body": proposal.body,
            "category": proposal.category.slug,
            "category_name": proposal.category.name,
            "status": proposal.status,
            "status_name": str(proposal.get_status_display()),
            "answer": proposal.answer,
            "name": proposal.display_name,
            "visibility": proposal.visibility,
            "channel": proposal.channel,
            "tags": "; ".join(tag.name for tag in proposal.tags.all()),
            "created_at": proposal.created_at.isoformat(),
        }
        for kind in AREA_KINDS:
            row[f"{kind}_code"] = row[f"{kind}_name"] = ""
        for area in proposal.areas.all():
            if area.kind in AREA_KINDS:
                row[f"{area.kind}_code"], row[f"{area.kind}_name"] = area.code, area.name
        if include_email:
            row["email"] = proposal.email
        precision = 6 if srid == 4326 else 2
        row["_xy"] = (round(proposal.point.x, precision), round(proposal.point.y, precision))
        yield row


def export_geojson(proposals, *, srid: int, include_email: bool, internal_tags: bool) -> bytes:
    """A FeatureCollection; EPSG:25832 carries a `crs` member, which GDAL and QGIS read."""
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": list(row.pop("_xy"))},
            "properties": row,
        }
        for row in _rows(proposals, srid, include_email, internal_tags)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    if srid != 4326:
        collection["crs"] = {
            "type": "name",
            "properties": {"name": f"urn:ogc:def:crs:EPSG::{srid}"},
        }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def neutralise_formula(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_csv_lines(
    proposals, *, srid: int, include_email: bool, internal_tags: bool
) -> Iterable[str]:
    """CSV lines: the attributes, then x and y in the chosen CRS and the point as WKT."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*_columns(include_email), "x", "y", "WKT"])
    yield buffer.getvalue()
    for row in _rows(proposals, srid, include_email, internal_tags):
        buffer.seek(0)
        buffer.truncate()
        x, y = row.pop("_xy")
        writer.writerow([neutralise_formula(v) for v in row.values()] + [x, y, f"POINT ({x} {y})"])
        yield buffer.getvalue()


def export_geopackage(proposals, *, srid: int, include_email: bool, internal_tags: bool) -> bytes:
    """A GeoPackage with one layer `forslag`, written by GDAL's ogr2ogr from the GeoJSON."""
    geojson = export_geojson(
        proposals, srid=srid, include_email=include_email, internal_tags=internal_tags
    )
    return _ogr2ogr(geojson, "forslag", ["-f", "GPKG", "-a_srs", f"EPSG:{srid}"], "gpkg")


def _ogr2ogr(geojson: bytes, layer: str, options: list[str], extension: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / f"{layer}.geojson", Path(folder) / f"{layer}.{extension}"
        source.write_bytes(geojson)
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [settings.OGR2OGR, *options, "-nln", layer, str(target), str(source)],
            check=True,
            capture_output=True,
        )
        return target.read_bytes()


# Other layers (hotspots) as files: GDAL reprojects and converts a GeoJSON in EPSG:4326.
LAYER_OPTIONS = {
    "geojson": ["-f", "GeoJSON"],
    "gpkg": ["-f", "GPKG"],
    "csv": ["-f", "CSV", "-lco", "GEOMETRY=AS_WKT"],
}


def export_layer(collection: dict, *, layer: str, output: str, srid: int) -> bytes:
    """A FeatureCollection in EPSG:4326 as GeoJSON, GeoPackage or CSV (geometry as WKT) in
    `srid`, written by ogr2ogr."""
    geojson = json.dumps(collection, ensure_ascii=False).encode("utf-8")
    if output == "geojson" and srid == 4326:
        return geojson
    reproject = ["-s_srs", "EPSG:4326", "-t_srs", f"EPSG:{srid}"]
    return _ogr2ogr(geojson, layer, [*LAYER_OPTIONS[output], *reproject], output)
