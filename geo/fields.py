"""DRF adapter for geometries: GeoJSON Point input (strict, lon/lat, EPSG:4326, with messages a
person can act on) and geometries shown on maps."""

import math

from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField

from geo.coordinates import is_number, lat_in_range, lon_in_range

POINT_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {
            "type": "array",
            "items": {"type": "number"},
            "minItems": 2,
            "maxItems": 2,
            "description": "[longitude, latitude] in EPSG:4326",
        },
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


@extend_schema_field(POINT_SCHEMA)
class GeoJSONPointField(serializers.Field):
    """An RFC 7946 Point geometry: `{"type": "Point", "coordinates": [lon, lat]}`."""

    default_error_messages = {
        "not_object": _("Geometrien må være et GeoJSON-objekt."),
        "not_point": _("Geometrien må være et punkt (type «Point»), ikke «%(type)s»."),
        "crs": _("«crs» støttes ikke: koordinater skal være lengde- og breddegrad i EPSG:4326."),
        "coordinates": _("Koordinatene må være to tall: [lengdegrad, breddegrad]."),
        "not_finite": _("Koordinatene må være endelige tall."),
        "lon_range": _("Lengdegraden må være mellom -180 og 180."),
        "lat_range": _("Breddegraden må være mellom -90 og 90."),
    }

    def __init__(self, *, precision: int = 6, **kwargs):
        self.precision = precision
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> Point:
        if not isinstance(data, dict):
            self.fail("not_object")
        if data.get("type") != "Point":
            self.fail("not_point", type=data.get("type", "—"))
        if "crs" in data:
            self.fail("crs")
        coordinates = data.get("coordinates")
        if not isinstance(coordinates, list) or len(coordinates) != 2:
            self.fail("coordinates")
        if not all(is_number(c) for c in coordinates):
            self.fail("coordinates")
        lon, lat = (float(c) for c in coordinates)
        if not (math.isfinite(lon) and math.isfinite(lat)):
            self.fail("not_finite")
        if not lon_in_range(lon):
            self.fail("lon_range")
        if not lat_in_range(lat):
            self.fail("lat_range")
        return Point(lon, lat, srid=4326)

    def to_representation(self, value: Point) -> dict:
        return {
            "type": "Point",
            "coordinates": [round(value.x, self.precision), round(value.y, self.precision)],
        }
