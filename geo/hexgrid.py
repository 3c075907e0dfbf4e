"""A grid of pointy-top hexagons over a study area, addressed by axial coordinates (q, r): where a
point falls, a cell's outline, its six neighbours, and the cells of an area.

The grid lies on the study area's local plane: longitude and latitude scaled to metres at the
area's centre (an equirectangular projection on the GRS80 ellipsoid). Within 20 km of the centre
a metre of the plane is a metre on the ground to 0.1 %, which is all a grid needs, and a point's
cell is then plain arithmetic in SQL, with no per-point reprojection (at 10^6 proposals PROJ
alone costs more than a second). Points and outlines use the same plane, so every point lies in
the outline of its cell.

`spacing` is the distance between neighbouring cells' centres (the hexagon's width across its
flat sides); the corner radius is spacing / sqrt 3. The formulas are Red Blob Games' "Hexagonal
Grids" (axial coordinates, cube rounding).
"""

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon

SQRT3 = math.sqrt(3)
# The cell itself and its six neighbours, in axial steps.
NEIGHBOURHOOD = ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))
GRS80_A = 6_378_137.0
GRS80_E2 = 0.006_694_380_022_90

# The cell of a point, in SQL, from `{x}` and `{y}`, its plane coordinates divided by the
# spacing: Charles Chambers' floor formula (Red Blob Games, "more pixel to hex"), which gives the
# hexagon whose centre is nearest with a dozen float operations and no branches; a test checks it
# against cube rounding. `{t}` names the shared term in the caller's FROM.
CELL_TERM_SQL = "floor({x} + sqrt(3) * {y} + 1)"
CELL_SQL = """
    (floor((floor(2 * {x} + 1) + {t}) / 3)
     - floor(({t} + floor(sqrt(3) * {y} - {x} + 1)) / 3))::int,
    floor(({t} + floor(sqrt(3) * {y} - {x} + 1)) / 3)::int
"""


@dataclass(frozen=True)
class HexGrid:
    """Hexagons `spacing` metres apart on the plane centred at (lon, lat)."""

    spacing: float
    lon: float
    lat: float

    @classmethod
    def over(cls, area, spacing: float) -> "HexGrid":
        """The grid centred on `area` (a shapely geometry in degrees)."""
        min_x, min_y, max_x, max_y = area.bounds
        return cls(spacing=spacing, lon=(min_x + max_x) / 2, lat=(min_y + max_y) / 2)

    @property
    def metres_per_degree(self) -> tuple[float, float]:
        """East and north: the ellipsoid's radii of curvature at the centre's latitude."""
        phi = math.radians(self.lat)
        w = 1 - GRS80_E2 * math.sin(phi) ** 2
        east = GRS80_A / math.sqrt(w) * math.cos(phi)
        north = GRS80_A * (1 - GRS80_E2) / w**1.5
        return math.radians(east), math.radians(north)

    @property
    def corner(self) -> float:
        return self.spacing / SQRT3

    def sql_params(self) -> list[float]:
        """For x = (lon - %s) * %s and y = (lat - %s) * %s, in spacings."""
        east, north = self.metres_per_degree
        return [self.lon, east / self.spacing, self.lat, north / self.spacing]

    def to_plane(self, geometry):
        east, north = self.metres_per_degree
        centre = np.array([self.lon, self.lat])
        return shapely.transform(geometry, lambda xy: (xy - centre) * [east, north])

    def to_degrees(self, geometry):
        east, north = self.metres_per_degree
        centre = np.array([self.lon, self.lat])
        return shapely.transform(geometry, lambda xy: xy / [east, north] + centre)

    def centres(self, qs: np.ndarray, rs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The cells' centres on the plane, in metres."""
        return self.spacing * (qs + rs / 2), self.spacing * SQRT3 / 2 * rs

    def hexagon(self, q: int, r: int) -> Polygon:
        """The cell's outline on the plane."""
        x, y = self.centres(np.array(q), np.array(r))
        corners = [math.radians(30 + 60 * k) for k in range(6)]
        return Polygon(
            [(x + self.corner * math.cos(a), y + self.corner * math.sin(a)) for a in corners]
        )

    def outline(self, cells) -> dict:
        """The cells' union as GeoJSON geometry in degrees, to 6 decimals."""
        plane = shapely.union_all([self.hexagon(q, r) for q, r in cells])
        degrees = shapely.set_precision(self.to_degrees(plane), 1e-6)
        return shapely.geometry.mapping(degrees)

    def cells_within(self, area) -> set[tuple[int, int]]:
        """The cells whose centres lie in `area` (a shapely geometry in degrees)."""
        plane = self.to_plane(area)
        min_x, min_y, max_x, max_y = plane.bounds
        row = self.spacing * SQRT3 / 2
        rs = np.arange(math.floor(min_y / row) - 1, math.ceil(max_y / row) + 2)
        q_from = math.floor(min_x / self.spacing - rs.max() / 2) - 1
        q_to = math.ceil(max_x / self.spacing - rs.min() / 2) + 1
        qs, rs = np.meshgrid(np.arange(q_from, q_to + 1), rs)
        qs, rs = qs.ravel(), rs.ravel()
        inside = shapely.contains_xy(plane, *self.centres(qs, rs))
        return {(int(q), int(r)) for q, r in zip(qs[inside], rs[inside], strict=True)}
