"""DRF adapter for geometries: GeoJSON input (a Point, or a proposal's point, line or area;
strict, lon/lat, EPSG:4326, with messages a person can act on) and geometries shown on maps."""

import json

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField

from geo.coordinates import GeoJSONCoordinates, rounded

SHAPE_TYPES = ("Point", "LineString", "Polygon", "MultiPolygon")
SHAPE_SCHEMA = {
    "type": "object",
    "description": (
        "A GeoJSON (RFC 7946) Point, LineString, Polygon or MultiPolygon in EPSG:4326, "
        "positions [longitude, latitude]"
    ),
    "properties": {
        "type": {"type": "string", "enum": list(SHAPE_TYPES)},
        "coordinates": {"type": "array", "items": {}},
    },
    "required": ["type", "coordinates"],
}
GEOMETRY_SCHEMA = {
    "type": "object",
    "description": "A GeoJSON (RFC 7946) geometry in EPSG:4326",
    "properties": {"type": {"type": "string"}, "coordinates": {"type": "array", "items": {}}},
}


@extend_schema_field(GEOMETRY_SCHEMA)
class DisplayGeometryField(GeometryField):
    """A geometry read from an annotation (for example a simplified boundary)."""


@extend_schema_field(SHAPE_SCHEMA)
class GeoJSONShapeField(serializers.Field):
    """An RFC 7946 Point, LineString, Polygon or MultiPolygon in EPSG:4326, longitude first, with
    at most FREMTIDSKART_SHAPE_MAX_VERTICES positions, and valid (no edge of an area crosses
    another): everything a person can draw or choose on the map, checked before GEOS sees it."""

    default_error_messages = {
        "not_object": _("Geometrien må være et GeoJSON-objekt."),
        "not_shape": _(
            "Geometrien må være et punkt, en linje eller et område (type «Point», «LineString», "
            "«Polygon» eller «MultiPolygon»), ikke «{type}»."
        ),
        "crs": _("«crs» støttes ikke: koordinater skal være lengde- og breddegrad i EPSG:4326."),
        "coordinates": _("Koordinatene må være to tall: [lengdegrad, breddegrad]."),
        "not_finite": _("Koordinatene må være endelige tall."),
        "lon_range": _("Lengdegraden må være mellom -180 og 180."),
        "lat_range": _("Breddegraden må være mellom -90 og 90."),
        "vertices": _("En linje eller et område kan ha høyst {most} punkter."),
        "line": _("En linje må ha minst to ulike punkter."),
        "ring": _("Et område må ha minst tre hjørner, og kanten må slutte der den begynner."),
        "unclosed": _("Et område må ha minst tre hjørner, og kanten må slutte der den begynner."),
        "crossing": _("Kantene i området krysser hverandre. Tegn det uten kryssende kanter."),
    }

    def __init__(self, *, precision: int = 6, **kwargs):
        self.precision = precision
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> GEOSGeometry:
        if not isinstance(data, dict):
            self.fail("not_object")
        kind = data.get("type")
        if kind not in SHAPE_TYPES:
            self.fail("not_shape", type=kind if isinstance(kind, str) else "—")
        if "crs" in data:
            self.fail("crs")
        reader = GeoJSONCoordinates(self.fail, settings.FREMTIDSKART_SHAPE_MAX_VERTICES)
        coordinates = data.get("coordinates")
        if kind == "Point":
            return Point(reader.position(coordinates), srid=4326)
        if kind == "LineString":
            shape = reader.line(coordinates)
        elif kind == "Polygon":
            shape = reader.polygon(coordinates)
        else:
            shape = MultiPolygon(*reader.parts(coordinates, reader.polygon), srid=4326)
        if not shape.valid:
            self.fail("crossing")
        return shape

    def to_representation(self, value: GEOSGeometry) -> dict:
        geometry = json.loads(value.json)
        return {
            "type": geometry["type"],
            "coordinates": rounded(geometry["coordinates"], self.precision),
        }
