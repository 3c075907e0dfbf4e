"""Coordinate reference systems, as OGC API – Features Part 2 names them by URI: CRS84 (longitude,
latitude; the default and the storage), EPSG:4326 (latitude first, as its definition orders the
axes) and EPSG:25832 (EUREF89 UTM zone 32: easting, northing). Used for the `crs` of a response
and the `bbox-crs` and `filter-crs` of a request."""

import json
import math
from dataclasses import dataclass

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.db.models import Func

from geo.coordinates import is_lon_lat, rounded
from ogc.params import BadRequest

# Where EPSG:25832 transforms to longitude and latitude (UTM zone 32 widened well past its own
# six degrees); a bounding box is clipped to it, since nothing the service holds lies outside.
UTM_DOMAIN = (-1_000_000.0, 0.0, 2_000_000.0, 9_500_000.0)
EDGE_POINTS = 64  # a box's edges, straight in metres, are curves in degrees: each gets 64 points


@dataclass(frozen=True)
class Crs:
    uri: str
    srid: int
    lat_first: bool  # EPSG:4326 orders its axes latitude, longitude
    precision: int  # decimals of a coordinate: 6 in degrees (about 0.1 m), 2 in metres (1 cm)

    @property
    def projected(self) -> bool:
        return self.srid != 4326

    def point_sql(self, column: str) -> str:
        """SQL of the two coordinates of the point `column` (stored in CRS84), in order."""
        point = f"ST_Transform({column}, {self.srid})" if self.projected else column
        x, y = (f"round(ST_{axis}({point})::numeric, {self.precision})" for axis in "XY")
        return f"{y}, {x}" if self.lat_first else f"{x}, {y}"

    def shape_sql(self, column: str) -> str:
        """SQL of the geometry `column` (stored in CRS84) in this CRS, axes in its order."""
        shape = f"ST_Transform({column}, {self.srid})" if self.projected else column
        return f"ST_FlipCoordinates({shape})" if self.lat_first else shape

    def geojson(self, field: str) -> AsGeoJSON:
        """A geometry field (stored in CRS84) as GeoJSON in this CRS, axes in its order."""
        geometry = Transform(field, self.srid) if self.projected else field
        if self.lat_first:
            geometry = Func(geometry, function="ST_FlipCoordinates")
        return AsGeoJSON(geometry, precision=self.precision)

    def geometry_json(self, geometry: dict) -> dict:
        """A GeoJSON geometry given in CRS84 in this CRS, axes in its order."""
        if self.projected:
            moved = GEOSGeometry(json.dumps(geometry), srid=4326).transform(self.srid, clone=True)
            geometry = json.loads(moved.json)
        if self.lat_first:
            geometry = _flipped(geometry)
        return {**geometry, "coordinates": rounded(geometry["coordinates"], self.precision)}

    def to_storage(self, geometry: GEOSGeometry) -> GEOSGeometry:
        """A geometry given in this CRS (axes in its order) in CRS84."""
        if self.lat_first:
            geometry = GEOSGeometry(json.dumps(_flipped(json.loads(geometry.json))))
        else:
            geometry = geometry.clone()
        geometry.srid = self.srid
        if not self.projected:
            return geometry
        try:
            return geometry.transform(4326, clone=True)
        except GDALException:
            raise BadRequest(f"a geometry lies outside where {self.uri} is defined") from None

    def bbox(self, numbers: list[float]) -> Polygon:
        """The box `minx,miny,maxx,maxy` (axes in this CRS's order) as a polygon in CRS84."""
        if len(numbers) == 6:  # with heights, which points on a map do not have
            numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
        if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            raise BadRequest("bbox must be four numbers: minx,miny,maxx,maxy")
        if self.lat_first:
            numbers = [numbers[1], numbers[0], numbers[3], numbers[2]]
        west, south, east, north = numbers
        if west >= east or south >= north:
            raise BadRequest("bbox: each minimum must be less than its maximum")
        if not self.projected:
            if not (is_lon_lat(west, south) and is_lon_lat(east, north)):
                raise BadRequest("bbox must lie within longitude -180–180 and latitude -90–90")
            box = Polygon.from_bbox((west, south, east, north))
            box.srid = 4326
            return box
        low_x, low_y, high_x, high_y = UTM_DOMAIN
        west, south, east, north = (
            max(west, low_x),
            max(south, low_y),
            min(east, high_x),
            min(north, high_y),
        )
        if west >= east or south >= north:
            raise BadRequest(f"bbox lies outside where {self.uri} is defined")
        return _dense_box(west, south, east, north, self.srid).transform(4326, clone=True)


def _dense_box(west: float, south: float, east: float, north: float, srid: int) -> Polygon:
    steps = [i / EDGE_POINTS for i in range(EDGE_POINTS)]
    ring = (
        [(west + (east - west) * t, south) for t in steps]
        + [(east, south + (north - south) * t) for t in steps]
        + [(east - (east - west) * t, north) for t in steps]
        + [(west, north - (north - south) * t) for t in steps]
    )
    return Polygon([*ring, ring[0]], srid=srid)


def _flipped(geometry: dict) -> dict:
    """A GeoJSON geometry with each position's first two numbers swapped."""

    def flip(coordinates):
        if coordinates and isinstance(coordinates[0], (int, float)):
            return [coordinates[1], coordinates[0], *coordinates[2:]]
        return [flip(part) for part in coordinates]

    return {**geometry, "coordinates": flip(geometry["coordinates"])}


CRS84 = Crs("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, lat_first=False, precision=6)
SUPPORTED = {
    crs.uri: crs
    for crs in (
        CRS84,
        Crs("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, lat_first=True, precision=6),
        Crs("http://www.opengis.net/def/crs/EPSG/0/25832", 25832, lat_first=False, precision=2),
    )
}


def parse(value: str | None, name: str) -> Crs:
    """The CRS a parameter names (CRS84 if none), or BadRequest listing the supported ones."""
    if not value:
        return CRS84
    crs = SUPPORTED.get(value.strip("<>"))
    if crs is None:
        raise BadRequest(f"{name}: {value!r} is not supported; use one of {', '.join(SUPPORTED)}")
    return crs


def parse_bbox(value: str | None, crs: Crs) -> Polygon | None:
    if not value:
        return None
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        raise BadRequest("bbox must be four numbers: minx,miny,maxx,maxy") from None
    return crs.bbox(numbers)
