"""django-filter filters for spatial query parameters (`bbox=minlon,minlat,maxlon,maxlat`)."""

import math

import django_filters
from django import forms
from django.contrib.gis.geos import Polygon
from django.utils.translation import gettext_lazy as _


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
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            raise forms.ValidationError(self.error_messages["range"], code="range")
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
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
