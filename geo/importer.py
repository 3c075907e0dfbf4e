"""Import area layers from the GeoJSON files a place manifest lists: idempotent, one transaction."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point
from django.db import transaction

from geo.models import Area, Place
from geo.signals import areas_imported

# Properties that name a feature's parent area, tried in order: (property, parent kind).
PARENT_KEYS = [("delomrade_code", Area.Kind.DELOMRADE), ("kommunenummer", Area.Kind.KOMMUNE)]


@dataclass
class ImportReport:
    """What an import did, per kind."""

    created: dict
    updated: dict

    def __str__(self):
        kinds = sorted(set(self.created) | set(self.updated))
        return ", ".join(
            f"{kind}: {self.created.get(kind, 0)} new, {self.updated.get(kind, 0)} updated"
            for kind in kinds
        )


def _multipolygon(geometry: dict) -> MultiPolygon:
    geom = GEOSGeometry(json.dumps(geometry), srid=4326)
    if geom.geom_type == "Polygon":
        geom = MultiPolygon(geom, srid=4326)
    if geom.geom_type != "MultiPolygon":
        raise ValueError(f"expected a (Multi)Polygon, got {geom.geom_type}")
    if not geom.valid:
        geom = geom.make_valid()
        if geom.geom_type == "Polygon":
            geom = MultiPolygon(geom, srid=4326)
    return geom


def _parent(kind: str, properties: dict) -> Area | None:
    for key, parent_kind in PARENT_KEYS:
        code = properties.get(key)
        if code and parent_kind != kind:
            parent = Area.objects.filter(kind=parent_kind, code=code).first()
            if parent:
                return parent
    return None


def _import_places(path: Path, report: ImportReport) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for place in data["places"]:
        _, created = Place.objects.update_or_create(
            name=place["name"],
            defaults={
                "kind": place.get("kind", ""),
                "location": Point(place["lon"], place["lat"], srid=4326),
                "source": data.get("source", ""),
            },
        )
        counts = report.created if created else report.updated
        counts["place"] = counts.get("place", 0) + 1


# The background question's age bands (mapping.models.ContributorBackground) as CSV columns.
AGE_COLUMNS = {
    "age_under_16": "under_16",
    "age_16_24": "16_24",
    "age_25_39": "25_39",
    "age_40_66": "40_66",
    "age_67_plus": "67_plus",
}


POPULATION_COLUMNS = ("code", "population", "year", "source")


def _whole(row: dict, column: str, where: str) -> int:
    try:
        return int(row[column])
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {column} {row[column]!r} is not a whole number") from None


def _import_population(path: Path, place: str, report: ImportReport) -> None:
    """Population per area from a CSV: code, population, year, source, and optionally kind (when
    a code names areas of several kinds) and the inhabitants per age band (AGE_COLUMNS). A wrong
    file is a ValueError that says in one line where and what."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        missing = [c for c in POPULATION_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path.name}: missing columns {', '.join(missing)}")
        for row in reader:
            where = f"{path.name} line {reader.line_num}"
            areas = Area.objects.filter(place=place, code=row["code"].strip())
            if row.get("kind"):
                areas = areas.filter(kind=row["kind"].strip())
            kinds = sorted(areas.values_list("kind", flat=True))
            if len(kinds) > 1:
                raise ValueError(
                    f"{where}: code {row['code']!r} names {len(kinds)} areas "
                    f"({', '.join(kinds)}); add a kind column"
                )
            if not kinds:
                raise ValueError(f"{where}: no area of {place!r} has the code {row['code']!r}")
            by_age = {
                band: _whole(row, column, where)
                for column, band in AGE_COLUMNS.items()
                if row.get(column)
            }
            areas.update(
                population=_whole(row, "population", where),
                population_year=_whole(row, "year", where),
                population_source=row["source"].strip(),
                population_by_age=by_age or None,
            )
            report.updated["population"] = report.updated.get("population", 0) + 1


@transaction.atomic
def import_layers(manifest_path: Path, *, population: Path | None = None) -> ImportReport:
    """Load every layer named in the manifest; re-running updates areas instead of duplicating.

    A manifest is JSON: {"place": its name, "layers": [{"file": ..., "attribution": ...,
    "kind": optional override}], "places": optional file of named places, "population":
    optional CSV of inhabitants per area, or `population` here}, layers listed parents first;
    every area is marked with the place. Layer files are RFC 7946 FeatureCollections with
    `code`, `name` and `kind`.
    """
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    report = ImportReport(created={}, updated={})
    for layer in manifest["layers"]:
        collection = json.loads((manifest_path.parent / layer["file"]).read_text(encoding="utf-8"))
        for feature in collection["features"]:
            properties = feature["properties"]
            kind = layer.get("kind") or properties["kind"]
            if kind not in Area.Kind.values:
                raise ValueError(f"{layer['file']}: unknown area kind {kind!r}")
            _, created = Area.objects.update_or_create(
                kind=kind,
                code=str(properties["code"]),
                defaults={
                    "name": properties["name"],
                    "geom": _multipolygon(feature["geometry"]),
                    "parent": _parent(kind, properties),
                    "place": manifest.get("place", ""),
                    "attribution": layer.get("attribution", ""),
                },
            )
            counts = report.created if created else report.updated
            counts[kind] = counts.get(kind, 0) + 1
    Area.objects.all().store_map_geojson()
    if "places" in manifest:
        _import_places(manifest_path.parent / manifest["places"], report)
    if population is None and "population" in manifest:
        population = manifest_path.parent / manifest["population"]
    if population is not None:
        _import_population(population, manifest.get("place", ""), report)
    areas_imported.send(sender=Area)  # in the import's transaction: all or nothing with it
    return report
