"""Longitude/latitude values in EPSG:4326: the one definition of what a valid coordinate is."""

import math


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
