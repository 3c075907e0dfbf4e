"""django-filter filters for spatial query parameters: `bbox` and `within` (GeoJSON polygons)."""

import json
import math

import django_filters
from django import forms
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.utils.translation import gettext_lazy as _

from geo.coordinates import GeoJSONCoordinates, is_lon_lat


def parse_point(value: str) -> Point:
    """`lon,lat` in EPSG:4326 (longitude first) as a Point, or a ValidationError."""
    message = _("Punktet må være to tall: lengdegrad,breddegrad (for eksempel 10.52,59.89).")
    try:
        lon, lat = (float(part) for part in value.split(","))
    except ValueError:
        raise forms.ValidationError(message, code="point") from None
    if not is_lon_lat(lon, lat):
        raise forms.ValidationError(message, code="point")
    return Point(lon, lat, srid=4326)


class BBoxField(forms.CharField):
    """Parses `minlon,minlat,maxlon,maxlat` (EPSG:4326, longitude first) into a Polygon."""

    default_error_messages = {
        "format": _("bbox må være fire tall: minlon,minlat,maxlon,maxlat."),
        "range": _("bbox må ligge innenfor lengdegrad -180–180 og breddegrad -90–90."),
        "order": _("bbox: minimum må være mindre enn maksimum (minlon,minlat,maxlon,maxlat)."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            numbers = [float(part) for part in value.split(",")]
        except ValueError:
            raise forms.ValidationError(self.error_messages["format"], code="format") from None
        if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            raise forms.ValidationError(self.error_messages["format"], code="format")
        min_lon, min_lat, max_lon, max_lat = numbers
        if not (is_lon_lat(min_lon, min_lat) and is_lon_lat(max_lon, max_lat)):
            raise forms.ValidationError(self.error_messages["range"], code="range")
        if min_lon >= max_lon or min_lat >= max_lat:
            raise forms.ValidationError(self.error_messages["order"], code="order")
        return Polygon.from_bbox((min_lon, min_lat, max_lon, max_lat))


class BBoxFilter(django_filters.Filter):
    """Keeps rows whose geometry intersects the bounding box."""

    field_class = BBoxField

    def filter(self, qs, value):
        if value is None:
            return qs
        value.srid = 4326
        return qs.filter(**{f"{self.field_name}__intersects": value})


# A drawn area rarely needs more than a few hundred vertices; the cap bounds the cost of a query.
MAX_POLYGON_VERTICES = 10_000


# The coordinate reader's refusals, as this field words them.
FAILURES = {
    "not_finite": "coordinates",
    "lon_range": "range",
    "lat_range": "range",
    "vertices": "too_many",
}


class GeoJSONPolygonField(forms.CharField):
    """Parses a GeoJSON Polygon or MultiPolygon (EPSG:4326, lon/lat) and checks that it is valid."""

    default_error_messages = {
        "json": _("within må være en GeoJSON-geometri (Polygon eller MultiPolygon) i JSON."),
        "type": _("within må være av typen Polygon eller MultiPolygon, ikke «%(type)s»."),
        "crs": _("within: «crs» støttes ikke; bruk lengde- og breddegrad i EPSG:4326."),
        "coordinates": _("within: hvert punkt må være to endelige tall [lengdegrad, breddegrad]."),
        "range": _("within: koordinatene må ligge innenfor -180–180 og -90–90."),
        "ring": _("within: hver ring må ha minst fire punkter."),
        "unclosed": _("within: ringen er ikke lukket; siste punkt må være lik det første."),
        "too_many": _("within: polygonet har %(count)d punkter; høyst %(max)d er tillatt."),
        "invalid": _(
            "within: polygonet er ugyldig (%(reason)s), for eksempel fordi det krysser seg selv."
        ),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            geometry = json.loads(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["json"], code="json") from None
        if not isinstance(geometry, dict):
            raise forms.ValidationError(self.error_messages["json"], code="json")
        kind = geometry.get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            raise forms.ValidationError(
                self.error_messages["type"], code="type", params={"type": kind or "—"}
            )
        if "crs" in geometry:
            raise forms.ValidationError(self.error_messages["crs"], code="crs")
        coordinates = geometry.get("coordinates")
        # Counted before anything is read, to say how many there are: 90,000 tiny rings cost
        # a count, not a build.
        polygons = [coordinates] if kind == "Polygon" else coordinates
        count = sum(
            len(ring) if isinstance(ring, list) else 0
            for rings in (polygons if isinstance(polygons, list) else [])
            if isinstance(rings, list)
            for ring in rings
        )
        if count > MAX_POLYGON_VERTICES:
            self._fail("vertices", count=count, most=MAX_POLYGON_VERTICES)
        reader = GeoJSONCoordinates(self._fail, MAX_POLYGON_VERTICES)
        if kind == "Polygon":
            polygons = [reader.polygon(coordinates)]
        else:
            polygons = reader.parts(coordinates, reader.polygon)
        result = MultiPolygon(*polygons, srid=4326)
        if not result.valid:
            raise forms.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"reason": result.valid_reason},
            )
        return result

    def _fail(self, code: str, **params):
        """The coordinates' refusal (geo.coordinates.GeoJSONCoordinates) as this field's."""
        code = FAILURES.get(code, code)
        if code == "too_many":
            params = {"count": params["count"], "max": params["most"]}
        raise forms.ValidationError(self.error_messages[code], code=code, params=params)


class WithinFilter(django_filters.Filter):
    """Keeps rows whose geometry lies within (or on the edge of) a GeoJSON (Multi)Polygon."""

    field_class = GeoJSONPolygonField

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{f"{self.field_name}__intersects": value})
