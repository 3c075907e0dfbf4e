"""The aggregated map layer: proposals per map tile as counts per grid cell, built in PostGIS.

Why SQL and not the ORM: a tile at zoom 11 over Sandvika covers half a million proposals at
10^6 rows; grouping them, averaging positions and writing GeoJSON must happen inside PostgreSQL,
in one statement, or the tile costs seconds. Two paths give the same cells (tested):

- the pyramid (mapping_gridcell, kept by a trigger) when only campaign, category and status
  filter the published proposals: a tile reads at most 16 rows per combination;
- on the fly from the filtered proposals otherwise (area, polygon, text, dates, moderators'
  views), bounded by the tile's bounding box.

A tile at zoom z has 4 × 4 cells (64 px on screen), the tiles of zoom z + 2, so no response
holds more than 16 features. A cell with one proposal is that proposal (its id and category, and
its line or area where it is one); more are a count at the mean position. Lines and areas are
counted by their representative point (mapping.shapes), as pins by theirs.
"""

import functools
import math
from typing import NamedTuple

from django.contrib.gis.geos import Polygon
from django.db import connection
from django.db.models import QuerySet

from mapping import selectors
from mapping.filters import proposal_filter
from mapping.list_query import PAGING, cleaned_filters
from mapping.models import Proposal
from mapping.reads import read_connection

CELL_SHIFT = 2  # 2^2 = 4 cells per tile side: bubbles 64 px apart
MAX_ZOOM = 22


class Tile(NamedTuple):
    body: str | bytes  # the FeatureCollection, or the Mapbox Vector Tile
    version: int | None  # the write version it was read at (None in a just-flushed database)


# From one row per cell (gx, gy, n, slon, slat, sid, cat) to a FeatureCollection.

CELLS_TO_GEOJSON = """
SELECT json_build_object(
    'type', 'FeatureCollection',
    'features', coalesce(json_agg(
        -- RFC 7946: a Feature's id is a string or a number, never null, so a count has none.
        jsonb_build_object(
            'type', 'Feature',
            'id', cells.sid::bigint,
            'geometry', jsonb_build_object(
                'type', 'Point',
                'coordinates', jsonb_build_array(
                    round((cells.slon / cells.n)::numeric, 6),
                    round((cells.slat / cells.n)::numeric, 6)
                )
            ),
            -- A cell's one proposal that is a line or an area is drawn as itself too, under
            -- its marker (which keyboards and screen readers reach).
            'properties', jsonb_build_object(
                'count', cells.n,
                'category', CASE WHEN cells.n = 1 THEN category.slug END,
                'title', single.title,
                'kind', single.kind,
                'shape', ST_AsGeoJSON(single.shape, 6, 0)::jsonb
            )
        ) - CASE WHEN cells.n = 1 THEN '' ELSE 'id' END
        ORDER BY cells.gy, cells.gx
    ), '[]'::json)
)::text,
-- What the tile shows is as of this write version (mapping_countsversion): its ETag.
(SELECT version FROM mapping_countsversion WHERE id = 1)
FROM cells
LEFT JOIN mapping_category AS category ON category.id = cells.cat
LEFT JOIN mapping_proposal AS single ON cells.n = 1 AND single.id = cells.sid::bigint
"""


# The same cells as a Mapbox Vector Tile (layer "proposals", Web Mercator): {z}, {x} and {y} are
# the tile's (whole numbers checked by tile_is_valid). It also carries the neighbours' cells
# that lie in its buffer (16 px), so that a symbol on a tile's edge is drawn whole; its own
# cells, inside the tile, are the GeoJSON tile's.
CELLS_TO_MVT = """
SELECT coalesce(ST_AsMVT(features, 'proposals', 4096, 'geom', 'id'), ''::bytea),
       (SELECT version FROM mapping_countsversion WHERE id = 1)
FROM (
    SELECT ST_AsMVTGeom(
               ST_Transform(coalesce(single.shape, ST_SetSRID(
                   ST_MakePoint(cells.slon / cells.n, cells.slat / cells.n), 4326)), 3857),
               ST_TileEnvelope({z}, {x}, {y})
           ) AS geom,
           CASE WHEN cells.n = 1 THEN cells.sid::bigint END AS id,
           cells.n::integer AS count,
           CASE WHEN cells.n = 1 THEN category.slug END AS category,
           single.title,
           single.kind
    FROM cells
    LEFT JOIN mapping_category AS category ON category.id = cells.cat
    LEFT JOIN mapping_proposal AS single ON cells.n = 1 AND single.id = cells.sid::bigint
) AS features
WHERE features.geom IS NOT NULL
"""


def _output(z: int, x: int, y: int, *, mvt: bool) -> str:
    """The statement's end that writes the cells as GeoJSON or as a vector tile."""
    if not mvt:
        return CELLS_TO_GEOJSON
    return CELLS_TO_MVT.format(z=int(z), x=int(x), y=int(y))


def tile_bounds(z: int, x: int, y: int, margin: float = 0) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees of the XYZ tile, widened by `margin` tiles."""

    def lon(tx):
        return tx / 2**z * 360.0 - 180.0

    def lat(ty):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * ty / 2**z))))

    return lon(x - margin), lat(y + 1 + margin), lon(x + 1 + margin), lat(y - margin)


def tile_is_valid(z: int, x: int, y: int) -> bool:
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z


@functools.cache
def pyramid_levels() -> tuple[int, int]:
    """(lowest, highest) level kept in mapping_gridcell: the database's, read once per process
    (migration 0009 defines them for the trigger and the rebuild alike)."""
    with read_connection().cursor() as cursor:
        # SQL: the levels are a database function, shared with the trigger (one source).
        cursor.execute("SELECT min_level, max_level FROM mapping_pyramid_levels()")
        return cursor.fetchone()


def pyramid_covers(z: int) -> bool:
    """Whether a tile at zoom z can be read from the pyramid's cells."""
    return z + CELL_SHIFT <= pyramid_levels()[1]


def tile_from_pyramid(
    *, z: int, x: int, y: int, campaigns, categories, statuses, visibilities, mvt: bool = False
) -> Tile:
    """The tile from the pyramid: proposals of `visibilities` filtered by campaign, category and
    status; a vector tile where `mvt`."""
    level = max(z + CELL_SHIFT, pyramid_levels()[0])
    shift = level - (z + CELL_SHIFT)  # coarse zooms group pyramid cells further
    span = 1 << (CELL_SHIFT + shift)
    margin = (1 << shift) if mvt else 0  # a vector tile's buffer: one cell of each neighbour
    conditions, params = (
        [],
        {
            "level": level,
            "shift": shift,
            "x0": x * span - margin,
            "x1": (x + 1) * span - 1 + margin,
            "y0": y * span - margin,
            "y1": (y + 1) * span - 1 + margin,
        },
    )
    for column, values in (
        ("campaign_id", campaigns),
        ("category_id", categories),
        ("status", statuses),
        ("visibility", visibilities),
    ):
        if values:
            conditions.append(f"AND {column} = ANY(%({column})s)")
            params[column] = list(values)
    sql = f"""
        WITH cells AS (
            SELECT cx >> %(shift)s AS gx, cy >> %(shift)s AS gy, sum(count) AS n,
                   sum(sum_lon) AS slon, sum(sum_lat) AS slat, sum(sum_id) AS sid,
                   min(category_id) FILTER (WHERE count > 0) AS cat
            FROM mapping_gridcell
            WHERE level = %(level)s AND cx BETWEEN %(x0)s AND %(x1)s
              AND cy BETWEEN %(y0)s AND %(y1)s {" ".join(conditions)}
            GROUP BY 1, 2
            HAVING sum(count) > 0
        )
        {_output(z, x, y, mvt=mvt)}
    """  # noqa: S608 - column names are fixed above; values are parameters
    with read_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return Tile(*cursor.fetchone())


def tile_on_the_fly(*, z: int, x: int, y: int, proposals: QuerySet, mvt: bool = False) -> Tile:
    """The tile aggregated from any filtered queryset of proposals; a vector tile where `mvt`."""
    margin = 1 / (1 << CELL_SHIFT) if mvt else 0  # a vector tile's buffer: one cell around
    box = Polygon.from_bbox(tile_bounds(z, x, y, margin=margin))
    in_tile = proposals.filter(location__intersects=box)
    inner, inner_params = (
        in_tile.order_by().values("id", "category_id", "location").query.sql_with_params()
    )
    level = z + CELL_SHIFT
    sql = f"""
        WITH cells AS (
            SELECT mapping_tile_x(ST_X(p.location), %s) AS gx,
                   mapping_tile_y(ST_Y(p.location), %s) AS gy,
                   count(*) AS n, sum(ST_X(p.location)) AS slon, sum(ST_Y(p.location)) AS slat,
                   sum(p.id) AS sid, min(p.category_id) AS cat
            FROM ({inner}) AS p
            GROUP BY 1, 2
        )
        {_output(z, x, y, mvt=mvt)}
    """  # noqa: S608 - the inner query is Django's, with its own parameters
    with read_connection().cursor() as cursor:
        cursor.execute(sql, [level, level, *inner_params])
        return Tile(*cursor.fetchone())


def pyramid_rebuild() -> None:
    """Recount the whole pyramid set-based, after bulk loads that bypassed the trigger."""
    with connection.cursor() as cursor:
        # SQL: the rebuild is a database function, the same statement the migration defined.
        cursor.execute("SELECT mapping_pyramid_rebuild()")


# The pyramid counts proposals by these filters only.
PYRAMID_FILTERS = {"campaign", "category", "status", "visibility"}
# What a tile's address may carry that does not change it: the list's own parameters (the
# workspace sends its filters whole) and the map's cache-buster after a change.
NOT_FILTERS = PAGING | {"v"}


def pyramid_filter(values: dict, *, public: bool) -> dict:
    """The pyramid's filters from the cleaned values of PYRAMID_FILTERS. The public sees
    published proposals, whatever it asks; moderators what they choose."""
    return {
        "campaigns": [values["campaign"].pk] if values["campaign"] else [],
        "categories": [category.pk for category in values["category"] or []],
        "statuses": values["status"] or [],
        "visibilities": [Proposal.Visibility.PUBLISHED] if public else values["visibility"] or [],
    }


def tile_for(params, user, z: int, x: int, y: int, *, mvt: bool = False) -> Tile:
    """The tile of the proposals `params` filter, as `user` may see them: from the pyramid
    where its filters are the pyramid's and the viewer's view is the pyramid's, otherwise on
    the fly; GeoJSON, or a vector tile where
    `mvt`. A wrong filter raises its ValidationError."""
    public = not selectors.can_moderate(user)
    # The pyramid counts by campaign, not by place: a planner of some places, who sees more in
    # theirs than elsewhere, is counted on the fly.
    covered = pyramid_covers(z) and (public or user.is_superuser)
    values = cleaned_filters(params, PYRAMID_FILTERS, besides=NOT_FILTERS) if covered else None
    if values is None:
        filterset = proposal_filter(params, user=user)
        if not covered or not filterset.asked() <= PYRAMID_FILTERS:
            return tile_on_the_fly(z=z, x=x, y=y, proposals=filterset.qs, mvt=mvt)
        values = filterset.form.cleaned_data
    return tile_from_pyramid(z=z, x=x, y=y, mvt=mvt, **pyramid_filter(values, public=public))
