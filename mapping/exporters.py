"""Exports of a set of proposals as GeoJSON, CSV or GeoPackage, in EPSG:4326 or EPSG:25832."""

import contextlib
import csv
import io
import json
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.gis.db.models.functions import Transform
from django.db.models import F, FloatField, Func, QuerySet, TextField, Value

from geo.models import Area
from mapping.models import Proposal, Tag

EXPORT_SRIDS = (4326, 25832)  # WGS 84 lon/lat, and EUREF89 UTM 32N as Norwegian GIS tools expect
AREA_KINDS = [Area.Kind.KOMMUNE, Area.Kind.DELOMRADE, Area.Kind.GRUNNKRETS, Area.Kind.VALGKRETS]
# Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 2000


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
        "kind",
        "area_m2",
        "length_m",
    ]
    for kind in AREA_KINDS:
        columns += [f"{kind}_code", f"{kind}_name"]
    return [*columns, "email"] if include_email else columns


def _coordinate(function: str, srid: int) -> Func:
    return Func(Transform("location", srid), function=function, output_field=FloatField())


def _shape_text(srid: int, *, geojson: bool) -> Func:
    """A line's or an area's GeoJSON geometry or WKT in `srid` (none for a pin: its x and y)."""
    precision = Value(6 if srid == 4326 else 2)
    if geojson:  # option 0: no "crs" member in each geometry
        return Func(
            Transform("shape", srid),
            precision,
            Value(0),
            function="ST_AsGeoJSON",
            output_field=TextField(),
        )
    return Func(Transform("shape", srid), precision, function="ST_AsText", output_field=TextField())


CHUNK_ROWS = 5000


def _rows(
    proposals: QuerySet[Proposal],
    srid: int,
    include_email: bool,
    tags: QuerySet[Tag],
    *,
    geojson: bool,
) -> Iterator[dict]:
    """The rows, a chunk at a time in id order. Why plain values and not model instances with
    prefetched areas and tags: those cost about 0.4 ms a row, which put a public export at its
    limit past the web worker's timeout. Areas and tags are looked up in small dicts instead."""
    areas = {
        pk: (kind, code, name)
        for pk, kind, code, name in Area.objects.filter(kind__in=AREA_KINDS).values_list(
            "pk", "kind", "code", "name"
        )
    }
    tag_names = dict(tags.values_list("pk", "name"))
    status_names = {value: str(label) for value, label in Proposal.Status.choices}
    fields = ["pk", "title", "body", "status", "answer", "display_name", "visibility", "channel"]
    fields += ["kind", "area_m2", "length_m"]
    values = (
        proposals.order_by("pk")
        .annotate(
            x=_coordinate("ST_X", srid),
            y=_coordinate("ST_Y", srid),
            shape_text=_shape_text(srid, geojson=geojson),
            category_slug=F("category__slug"),
            category_name=F("category__name"),
        )
        .values(
            *fields, "created_at", "email", "x", "y", "shape_text", "category_slug", "category_name"
        )
    )
    precision = 6 if srid == 4326 else 2
    last = 0
    while chunk := list(values.filter(pk__gt=last)[:CHUNK_ROWS]):
        # The chunk's links are read by id range, not by a list of its ids: binding thousands
        # of ids cost more than the few links of proposals outside the set, which are ignored.
        first, last = chunk[0]["pk"], chunk[-1]["pk"]
        linked_areas = defaultdict(list)
        for proposal_id, area_id in Proposal.areas.through.objects.filter(
            proposal_id__gte=first, proposal_id__lte=last
        ).values_list("proposal_id", "area_id"):
            if area_id in areas:
                linked_areas[proposal_id].append(areas[area_id])
        linked_tags = defaultdict(list)
        for proposal_id, tag_id in Proposal.tags.through.objects.filter(
            proposal_id__gte=first, proposal_id__lte=last
        ).values_list("proposal_id", "tag_id"):
            if tag_id in tag_names:
                linked_tags[proposal_id].append(tag_names[tag_id])
        for proposal in chunk:
            yield _row(proposal, linked_areas, linked_tags, status_names, include_email, precision)


def _row(proposal, linked_areas, linked_tags, status_names, include_email, precision) -> dict:
    row = {
        "id": proposal["pk"],
        "title": proposal["title"],
        "body": proposal["body"],
        "category": proposal["category_slug"],
        "category_name": proposal["category_name"],
        "status": proposal["status"],
        "status_name": status_names[proposal["status"]],
        "answer": proposal["answer"],
        "name": proposal["display_name"],
        "visibility": proposal["visibility"],
        "channel": proposal["channel"],
        "tags": "; ".join(sorted(linked_tags[proposal["pk"]])),
        "created_at": proposal["created_at"].isoformat(),
        "kind": proposal["kind"],
        "area_m2": proposal["area_m2"] or "",
        "length_m": proposal["length_m"] or "",
    }
    for kind in AREA_KINDS:
        row[f"{kind}_code"] = row[f"{kind}_name"] = ""
    for kind, code, name in linked_areas[proposal["pk"]]:
        row[f"{kind}_code"], row[f"{kind}_name"] = code, name
    if include_email:
        row["email"] = proposal["email"]
    row["_xy"] = (round(proposal["x"], precision), round(proposal["y"], precision))
    row["_shape"] = proposal["shape_text"]
    return row


def _write_geojson(rows: Iterator[dict], path: Path, srid: int) -> int:
    """A FeatureCollection written feature by feature, each a pin, a line or an area; EPSG:25832
    carries a `crs` member, which GDAL and QGIS read."""
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"type": "FeatureCollection", ')
        if srid != 4326:
            crs = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{srid}"}}
            handle.write(f'"crs": {json.dumps(crs)}, ')
        handle.write('"features": [\n')
        for row in rows:
            coordinates, shape = list(row.pop("_xy")), row.pop("_shape")
            geometry = json.loads(shape) if shape else {"type": "Point", "coordinates": coordinates}
            feature = {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": row}
            handle.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
            written += 1
        handle.write("\n]}\n")
    return written


def neutralise_formula(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _write_csv(rows: Iterator[dict], path: Path, include_email: bool) -> int:
    """The attributes, then x and y of the point in the chosen CRS (a line's or an area's
    representative point), and the pin, line or area as WKT."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*_columns(include_email), "x", "y", "WKT"])
        for row in rows:
            (x, y), wkt = row.pop("_xy"), row.pop("_shape")
            values = [neutralise_formula(v) for v in row.values()]
            writer.writerow([*values, x, y, wkt or f"POINT ({x} {y})"])
            written += 1
    return written


# The GeoPackage's typed columns (the rest are text): GDAL reads the rows as CSV, all text.
GEOPACKAGE_TYPES = {"id": "integer", "created_at": "timestamp"}
# One layer per geometry type, as GIS tools want them: the pins in `forslag` (as before lines and
# areas were proposed), lines and areas in layers of their own where there are any. GDAL reads a
# pin from the x and y columns, a line or an area from its WKT.
GEOPACKAGE_LAYERS = {
    Proposal.Kind.POINT: ("forslag", "POINT", ["X_POSSIBLE_NAMES=x", "Y_POSSIBLE_NAMES=y"]),
    Proposal.Kind.LINE: ("forslag_linjer", "LINESTRING", ["GEOM_POSSIBLE_NAMES=wkt"]),
    Proposal.Kind.AREA: ("forslag_omrader", "MULTIPOLYGON", ["GEOM_POSSIBLE_NAMES=wkt"]),
}


def _write_geopackage(
    rows: Iterator[dict], path: Path, srid: int, include_email: bool, *, kind: str, update: bool
) -> int:
    """The layer of one kind (GEOPACKAGE_LAYERS), written by GDAL's ogr2ogr in one transaction
    while the rows are read: they reach it as CSV through a pipe (GDAL reads CSV as a stream,
    where a GeoJSON source it would read twice), so the database, Python and GDAL work at once
    and nothing is held in memory or in an intermediate file. With `update`, into the file the
    other layers are in."""
    layer, geometry_type, open_options = GEOPACKAGE_LAYERS[kind]
    columns = _columns(include_email)
    typed = ", ".join(
        f'CAST("{c}" AS {GEOPACKAGE_TYPES[c]}) AS "{c}"' if c in GEOPACKAGE_TYPES else f'"{c}"'
        for c in columns
    )
    command = [
        settings.OGR2OGR,
        *(["-update"] if update else []),
        *("-f", "GPKG", "-a_srs", f"EPSG:{srid}", "-gt", "unlimited", "-nln", layer),
        *("-nlt", geometry_type),
        *(part for option in open_options for part in ("-oo", option)),
        *("-oo", "KEEP_GEOM_COLUMNS=NO"),
        *("-sql", f"SELECT {typed} FROM layer"),  # noqa: S608 - our own column names
        str(path),
        "CSV:/vsistdin/",
    ]
    written = 0
    with tempfile.TemporaryFile() as errors:
        gdal = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=errors)  # noqa: S603
        try:
            with contextlib.suppress(BrokenPipeError):  # GDAL stopped: its error is below
                pipe = io.TextIOWrapper(gdal.stdin, encoding="utf-8", newline="")
                writer = csv.writer(pipe)
                writer.writerow([*columns, "x", "y", "wkt"])
                for row in rows:
                    (x, y), wkt = row.pop("_xy"), row.pop("_shape")
                    writer.writerow([*row.values(), x, y, wkt or ""])
                    written += 1
                pipe.close()
        except BaseException:
            gdal.kill()  # the rows failed: no file
            raise
        finally:
            gdal.wait()
        if gdal.returncode:
            errors.seek(0)
            raise OSError(f"ogr2ogr: {errors.read().decode(errors='replace').strip()}")
    return written


def export_write(
    proposals: QuerySet[Proposal],
    output: str,
    path: Path,
    *,
    srid: int,
    include_email: bool,
    tags: QuerySet[Tag],
    progress: Callable[[int], None] = lambda written: None,
) -> int:
    """Write `proposals` to `path` as `output` (geojson, csv or gpkg) in EPSG `srid`, with the
    `tags` the reader may see (selectors.tag_list_visible), calling
    `progress` with the rows read every PROGRESS_EVERY; returns the rows written. The file is
    whole when this returns; any failure raises."""

    read = 0

    def rows(subset: QuerySet[Proposal]):
        nonlocal read
        for row in _rows(subset, srid, include_email, tags, geojson=output == "geojson"):
            read += 1
            if read % PROGRESS_EVERY == 0:
                progress(read)
            yield row

    if output == "csv":
        return _write_csv(rows(proposals), path, include_email)
    if output == "geojson":
        return _write_geojson(rows(proposals), path, srid)
    written = 0
    for kind in GEOPACKAGE_LAYERS:  # the pins' layer first, and even when empty
        subset = proposals.filter(kind=kind)
        if kind == Proposal.Kind.POINT or subset.exists():
            update = kind != Proposal.Kind.POINT
            written += _write_geopackage(
                rows(subset), path, srid, include_email, kind=kind, update=update
            )
    return written


def _ogr2ogr(source: Path, target: Path, layer: str, options: list[str]) -> None:
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [settings.OGR2OGR, *options, "-nln", layer, str(target), str(source)],
        check=True,
        capture_output=True,
    )


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
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / f"{layer}.geojson", Path(folder) / f"{layer}.{output}"
        source.write_bytes(geojson)
        _ogr2ogr(source, target, layer, [*LAYER_OPTIONS[output], *reproject])
        return target.read_bytes()
