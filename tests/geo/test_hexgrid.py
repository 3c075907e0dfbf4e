"""The hexagon grid: the database places a point in the hexagon whose centre is nearest, and the
hexagon's outline holds it."""

import math
import random

import pytest
import shapely
from django.db import connection

from geo.hexgrid import CELL_SQL, CELL_TERM_SQL, SQRT3, HexGrid

pytestmark = pytest.mark.django_db


def nearest_centre(grid: HexGrid, x: float, y: float) -> tuple[int, int]:
    """By brute force: the axial cell whose centre is closest."""
    r0 = round(y / (grid.spacing * SQRT3 / 2))
    q0 = round(x / grid.spacing - r0 / 2)
    around = [(q0 + dq, r0 + dr) for dq in range(-2, 3) for dr in range(-2, 3)]
    return min(around, key=lambda c: math.dist((x, y), grid.centres(*c)))


def test_points_fall_in_the_hexagon_whose_centre_is_nearest():
    grid = HexGrid(spacing=250, lon=10.55, lat=59.92)
    rng = random.Random(4)
    points = [
        (10.55 + rng.uniform(-0.1, 0.1), 59.92 + rng.uniform(-0.05, 0.05)) for _ in range(500)
    ]
    cell = CELL_SQL.format(x="x", y="y", t="t")
    term = CELL_TERM_SQL.format(x="x", y="y")
    plane = (
        "SELECT (lon - %s) * %s AS x, (lat - %s) * %s AS y"
        " FROM unnest(%s::float8[], %s::float8[]) AS p(lon, lat)"
    )
    sql = f"SELECT {cell} FROM (SELECT x, y, {term} AS t FROM ({plane}) AS a) AS b"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*grid.sql_params(), [p[0] for p in points], [p[1] for p in points]])
        found = cursor.fetchall()
    for (lon, lat), (q, r) in zip(points, found, strict=True):
        x, y = shapely.get_coordinates(grid.to_plane(shapely.Point(lon, lat)))[0]
        assert (q, r) == nearest_centre(grid, x, y)
        assert grid.to_degrees(grid.hexagon(q, r)).covers(shapely.Point(lon, lat))


def test_the_plane_measures_metres():
    grid = HexGrid(spacing=100, lon=10.55, lat=59.92)
    # Sandvika to Stabekk: 5,354.5 m on the ellipsoid (PostGIS geography).
    a, b = (
        grid.to_plane(shapely.Point(10.5225, 59.8917)),
        grid.to_plane(shapely.Point(10.6125, 59.908)),
    )
    assert a.distance(b) == pytest.approx(5_354.5, rel=0.001)
    assert grid.hexagon(0, 0).area == pytest.approx(SQRT3 / 2 * 100**2)
