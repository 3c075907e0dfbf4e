"""Longitude/latitude values in EPSG:4326: the one definition of what a valid coordinate is."""

import math

from django.contrib.gis.geos import LineString, Polygon


def is_number(value) -> bool:
    """True for an int or float that is not a bool (JSON true/false are not coordinates)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def lon_in_range(lon: float) -> bool:
    return math.isfinite(lon) and -180 <= lon <= 180


def lat_in_range(lat: float) -> bool:
    return math.isfinite(lat) and -90 <= lat <= 90


def is_lon_lat(lon: float, lat: float) -> bool:
    """A finite longitude, latitude pair on the globe (longitude first, as everywhere here)."""
    return lon_in_range(lon) and lat_in_range(lat)


def rounded(coordinates: list, digits: int) -> list:
    """A GeoJSON geometry's coordinates (a position, or nested lists of them), rounded."""
    if coordinates and is_number(coordinates[0]):
        return [round(number, digits) for number in coordinates]
    return [rounded(part, digits) for part in coordinates]


class GeoJSONCoordinates:
    """Reads a GeoJSON geometry's coordinates into GEOS parts, or calls `fail(code, **params)`
    (a field's way to refuse: coordinates, not_finite, lon_range, lat_range, vertices, line,
    ring, unclosed). Positions are counted before each is read, so a million of them cost no
    more than the limit `most`."""

    def __init__(self, fail, most: int):
        self.fail, self.most, self.vertices = fail, most, 0

    def parts(self, value, parse) -> list:
        if not isinstance(value, list) or not value:
            self.fail("coordinates")
        return [parse(part) for part in value]

    def position(self, value) -> tuple[float, float]:
        if not isinstance(value, list) or len(value) != 2 or not all(is_number(c) for c in value):
            self.fail("coordinates")
        lon, lat = (float(c) for c in value)
        if not (math.isfinite(lon) and math.isfinite(lat)):
            self.fail("not_finite")
        if not lon_in_range(lon):
            self.fail("lon_range")
        if not lat_in_range(lat):
            self.fail("lat_range")
        return lon, lat

    def positions(self, value) -> list[tuple[float, float]]:
        if not isinstance(value, list):
            self.fail("coordinates")
        self.vertices += len(value)
        if self.vertices > self.most:
            self.fail("vertices", most=self.most, count=self.vertices)
        return [self.position(position) for position in value]

    def line(self, value) -> LineString:
        positions = self.positions(value)
        if len(set(positions)) < 2:
            self.fail("line")
        return LineString(positions, srid=4326)

    def ring(self, value) -> list[tuple[float, float]]:
        positions = self.positions(value)
        if len(positions) < 4 or len(set(positions)) < 3:
            self.fail("ring")
        if positions[0] != positions[-1]:
            self.fail("unclosed")
        return positions

    def polygon(self, value) -> Polygon:
        return Polygon(*self.parts(value, self.ring), srid=4326)
