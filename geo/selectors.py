"""Read access to areas for other apps."""

from django.contrib.gis.db.models import Union
from django.contrib.gis.db.models.functions import Envelope, PointOnSurface
from django.contrib.gis.geos import GEOSGeometry
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import models
from django.db.models import Case, Value, When
from django.utils.translation import gettext as _

from geo.models import Area, Place


def area_attributions(*, area: Area | None) -> list[str]:
    """The distinct attribution lines of the layers loaded with `area`'s place (its manifest),
    for display beside a map of that place; none without an area."""
    if area is None:
        return []
    return list(
        Area.objects.filter(place=area.place)
        .exclude(attribution="")
        .order_by("attribution")
        .values_list("attribution", flat=True)
        .distinct()
    )


def area_list(*, kind: str):
    """The areas of one kind, by code, without their boundaries (for pickers)."""
    return Area.objects.filter(kind=kind).only("kind", "code", "name")


def _starts_first(text: str):
    return Case(When(name__istartswith=text, then=Value(0)), default=Value(1))


def place_search(text: str, *, limit: int = 8) -> list[dict]:
    """Named places and areas (delområder, grunnkretser) whose name contains `text`.

    Works offline: it searches only what was imported. Each hit has a point to move the map to
    and, for areas, a bbox. Names that start with the text come first.
    """
    text = text.strip()
    if not text:
        return []
    hits = [
        {"name": p.name, "kind": p.kind, "lon": p.location.x, "lat": p.location.y, "bbox": None}
        for p in Place.objects.filter(name__icontains=text).order_by(_starts_first(text), "name")[
            :limit
        ]
    ]
    areas = (
        Area.objects.filter(
            kind__in=[Area.Kind.DELOMRADE, Area.Kind.GRUNNKRETS], name__icontains=text
        )
        .annotate(point=PointOnSurface("geom"), box=Envelope("geom"))
        .defer("geom")
        .order_by(_starts_first(text), "kind", "name")[:limit]
    )
    hits += [
        {
            "name": area.name,
            "kind": area.get_kind_display(),
            "lon": area.point.x,
            "lat": area.point.y,
            "bbox": list(area.box.extent),
        }
        for area in areas
    ]
    return hits[:limit]


def location_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Named places and areas to set a proposal's point without a map, grouped for a <select>.

    Values are `place:<id>` or `area:<id>`; location_point() turns one into a point.
    """
    places = [(f"place:{p.pk}", p.name) for p in Place.objects.only("name").order_by("name")]
    groups = [(_("Steder"), places)] if places else []
    for kind, label in [
        (Area.Kind.DELOMRADE, _("Delområder")),
        (Area.Kind.GRUNNKRETS, _("Grunnkretser")),
    ]:
        areas = Area.objects.filter(kind=kind).only("name").order_by("name")
        groups.append((label, [(f"area:{a.pk}", a.name) for a in areas]))
    return groups


def area_choices(*, place: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """A place's delområder and grunnkretser as (group, [(code, name)]) for a <select>: the
    areas a resident can propose something for without drawing."""
    groups = []
    for kind, label in [
        (Area.Kind.DELOMRADE, _("Delområder")),
        (Area.Kind.GRUNNKRETS, _("Grunnkretser")),
    ]:
        areas = Area.objects.filter(place=place, kind=kind).only("code", "name").order_by("name")
        groups.append((label, [(a.code, a.name) for a in areas]))
    return [group for group in groups if group[1]]


def location_area(value: str):
    """The boundary of the area a location_choices() value names, or None if it names a place
    or nothing: the whole area a proposal can be about."""
    kind, _, pk = value.partition(":")
    if kind != "area" or not pk.isdigit():
        return None
    area = Area.objects.filter(pk=pk).only("geom").first()
    return area.geom if area else None


def location_point(value: str):
    """The point for a location_choices() value, or None if it names nothing."""
    kind, _, pk = value.partition(":")
    if not pk.isdigit():
        return None
    if kind == "place":
        place = Place.objects.filter(pk=pk).first()
        return place.location if place else None
    if kind == "area":
        area = Area.objects.filter(pk=pk).annotate(point=PointOnSurface("geom")).defer("geom")
        return area[0].point if area else None
    return None


# An outline is simplified until it has at most the vertices a drawn area may have: each step
# moves an edge by at most this many degrees (0.00002° is about 2 m).
OUTLINE_TOLERANCES = (0.0, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001)


def areas_outline(*, place: str, codes: list[str], most_vertices: int):
    """The chosen areas of a place (delområder, grunnkretser, valgkretser) as one area, their
    union, simplified to at most `most_vertices` vertices, and their names; None where a code
    names no such area."""
    codes = sorted(set(codes))
    areas = Area.objects.filter(place=place, code__in=codes).exclude(
        kind__in=[Area.Kind.KOMMUNE, Area.Kind.TERRITORIUM]
    )
    found = areas.aggregate(
        outline=Union("geom"), names=ArrayAgg("name", order_by="name"), count=models.Count("pk")
    )
    if not codes or found["count"] != len(codes):
        return None
    outline: GEOSGeometry = found["outline"]
    for tolerance in OUTLINE_TOLERANCES:
        simple = outline.simplify(tolerance, preserve_topology=True) if tolerance else outline
        if simple.num_coords <= most_vertices:
            break
    return simple, found["names"]
