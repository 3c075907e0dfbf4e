"""What hotspots are found over (mapping.hotspots): the units Gi* compares, each with its value,
its neighbours (itself among them) and its proposals.

- Hexagons of a grid over the study area (geo.hexgrid), about CELLS of them whatever its size,
  so that a delområde is looked at as closely as the kommune is; the value is the proposals in
  each. PostgreSQL counts them per hexagon and category in one pass: a point's hexagon is
  arithmetic on its plane coordinates.
- The areas of INHABITED_KIND in the study area with at least
  FREMTIDSKART_LEAST_HEARD_MIN_POPULATION inhabitants, where the place's population layer is
  loaded; the value is the proposals per 1,000 inhabitants, the neighbours those it touches.

The study area is the areas the filter names, else the campaign's land outline (every
campaign's without a campaign filter).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.conf import settings
from django.contrib.gis.db.models.functions import PointOnSurface
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.http import QueryDict

from geo import hexgrid
from geo.hexgrid import HexGrid
from geo.models import Area
from mapping import selectors
from mapping.models import Campaign, Proposal
from mapping.reads import read_connection

CELLS = 2000  # hexagons over the study area by default
SPACING_RANGE_M = (100, 2000)  # what a planner may choose; the default stays inside it too
INHABITED_KIND = Area.Kind.GRUNNKRETS
WORK_MEM = "128MB"  # the ids of 10^6 proposals, some 40 MB, grouped in memory, not on disk

# The chosen proposals' hexagons, per category: `{chosen}` selects id, category_id and location.
# OFFSET 0 keeps each step a step: flattened, every use of x, y and t would compute them again.
_CELLS = f"""
    SELECT q, r, category_id, count(*), array_agg(id) FROM (
        SELECT id, category_id, {hexgrid.CELL_SQL.format(x="x", y="y", t="t")} FROM (
            SELECT id, category_id, x, y, {hexgrid.CELL_TERM_SQL.format(x="x", y="y")} AS t
            FROM (
                SELECT p.id, p.category_id,
                       (ST_X(p.location) - %s) * %s AS x, (ST_Y(p.location) - %s) * %s AS y
                FROM ({{chosen}}) AS p OFFSET 0
            ) AS plane OFFSET 0
        ) AS term
    ) AS cell (id, category_id, q, r)
    GROUP BY 1, 2, 3
"""  # noqa: S608 - Django's own query and the grid's SQL, values as parameters
_IN_AREAS = f"""
    SELECT link.area_id, p.category_id, count(*), array_agg(p.id)
    FROM ({{chosen}}) AS p JOIN {Proposal.areas.through._meta.db_table} AS link
      ON link.proposal_id = p.id
    WHERE link.area_id = ANY(%s)
    GROUP BY 1, 2
"""  # noqa: S608 - Django's own query and a table name from the model
_TOUCHING = f"""
    SELECT a.id, b.id FROM {Area._meta.db_table} AS a JOIN {Area._meta.db_table} AS b
      ON ST_Intersects(a.geom, b.geom)
    WHERE a.id = ANY(%s) AND b.id = ANY(%s)
"""  # noqa: S608 - table names from the model


@dataclass
class Units:
    """The units Gi* runs over, in a fixed order."""

    keys: list
    values: np.ndarray
    neighbours: list[np.ndarray]  # each unit's neighbours' indices, itself included
    counts: dict  # key: {category id: proposals}
    members: dict  # key: [proposal ids]
    outline: Callable[[list], dict]  # the GeoJSON geometry of some units' union
    population: dict = field(default_factory=dict)  # key: inhabitants (areas only)
    method: dict = field(default_factory=dict)


def study_area(params: QueryDict):
    """Where the set's proposals could have been (shapely, in degrees): the areas `params`
    names, else its campaign's land outline, else every campaign's."""
    codes = [code for code in params.getlist("area") if code]
    if codes:
        areas = Area.objects.filter(code__in=codes)
    else:
        campaigns = Campaign.objects.all()
        if params.get("campaign"):
            campaigns = [selectors.campaign_for_stats(params.get("campaign"))]
        areas = Area.objects.filter(pk__in={c.outline_id or c.boundary_id for c in campaigns})
    return shapely.union_all([shapely.from_wkb(bytes(a.geom.wkb)) for a in areas.only("geom")])


def default_spacing(area) -> float:
    """The spacing that lays about CELLS hexagons over `area` (within SPACING_RANGE_M)."""
    square_metres = HexGrid.over(area, 1).to_plane(area).area if not area.is_empty else 0
    spacing = math.sqrt(square_metres / CELLS / (hexgrid.SQRT3 / 2))
    low, high = SPACING_RANGE_M
    return round(min(max(spacing, low), high))


def _grouped(sql: str, params: list) -> tuple[dict, dict]:
    """{key: {category id: proposals}} and {key: [proposal ids]} from rows of (key …,
    category, count, ids)."""
    counts: dict = {}
    members: dict = {}
    connection = read_connection()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('work_mem', %s, true)", [WORK_MEM])
        cursor.execute(sql, params)
        for *key, category, n, ids in cursor.fetchall():
            key = tuple(key) if len(key) > 1 else key[0]
            counts.setdefault(key, {})[category] = n
            members.setdefault(key, []).extend(ids)
    return counts, members


def hexagon_counts(proposals: QuerySet, grid: HexGrid) -> tuple[dict, dict]:
    """The set's hexagons: {(q, r): {category id: proposals}} and {(q, r): [proposal ids]}."""
    chosen, params = (
        proposals.order_by().values("id", "category_id", "location").query.sql_with_params()
    )
    return _grouped(_CELLS.format(chosen=chosen), [*grid.sql_params(), *params])


def hexagon_density(proposals: QuerySet, area) -> tuple[HexGrid, dict[tuple[int, int], int]]:
    """How many of the set's proposals each hexagon of the default grid over `area` holds
    (those holding any), for a density map."""
    grid = HexGrid.over(area, default_spacing(area))
    counts, _members = hexagon_counts(proposals, grid)
    return grid, {cell: sum(by_category.values()) for cell, by_category in counts.items()}


def hexagons(proposals: QuerySet, area, spacing: float | None) -> Units:
    """The study area's hexagons (those in `area` and those holding proposals)."""
    grid = HexGrid.over(area, spacing or default_spacing(area))
    counts, members = hexagon_counts(proposals, grid)
    keys = sorted(grid.cells_within(area) | set(counts))
    index = {cell: number for number, cell in enumerate(keys)}
    neighbours = [
        np.array(
            [index[q + dq, r + dr] for dq, dr in hexgrid.NEIGHBOURHOOD if (q + dq, r + dr) in index]
        )
        for q, r in keys
    ]
    return Units(
        keys=keys,
        values=np.array([sum(counts.get(key, {}).values()) for key in keys], dtype=float),
        neighbours=neighbours,
        counts=counts,
        members=members,
        outline=grid.outline,
        method={"units": "hexagons", "hexagon_spacing_m": grid.spacing, "hexagons": len(keys)},
    )


def population_stamp() -> list:
    """What the inhabited areas are, in short: how many count, and their inhabitants."""
    counted = Area.objects.filter(
        kind=INHABITED_KIND, population__gte=settings.FREMTIDSKART_LEAST_HEARD_MIN_POPULATION
    ).aggregate(areas=Count("pk"), inhabitants=Sum("population"))
    return [counted["areas"], counted["inhabitants"]]


def inhabited_areas(proposals: QuerySet, area) -> Units | None:
    """The study area's areas of INHABITED_KIND large enough to say something, valued by
    proposals per 1,000 inhabitants; None where no population is loaded for them."""
    study = GEOSGeometry(memoryview(shapely.to_wkb(area)), srid=4326)
    areas = {
        found.pk: found
        for found in Area.objects.filter(
            kind=INHABITED_KIND,
            population__gte=settings.FREMTIDSKART_LEAST_HEARD_MIN_POPULATION,
        )
        .annotate(inside=PointOnSurface("geom"))
        .filter(inside__within=study)
        .only("pk", "population", "geom")
    }
    if not areas:
        return None
    keys = sorted(areas)
    chosen, params = proposals.order_by().values("id", "category_id").query.sql_with_params()
    counts, members = _grouped(_IN_AREAS.format(chosen=chosen), [*params, keys])
    index = {key: number for number, key in enumerate(keys)}
    touching: dict[int, list[int]] = {key: [] for key in keys}
    with read_connection().cursor() as cursor:
        cursor.execute(_TOUCHING, [keys, keys])
        for a, b in cursor.fetchall():
            touching[a].append(index[b])
    population = {key: areas[key].population for key in keys}

    def outline(chosen_keys: list) -> dict:
        union = shapely.union_all([shapely.from_wkb(bytes(areas[k].geom.wkb)) for k in chosen_keys])
        return shapely.geometry.mapping(shapely.set_precision(union, 1e-6))

    return Units(
        keys=keys,
        values=np.array(
            [sum(counts.get(key, {}).values()) * 1000 / population[key] for key in keys]
        ),
        neighbours=[np.array(sorted(touching[key])) for key in keys],
        counts=counts,
        members=members,
        outline=outline,
        population=population,
        method={"units": INHABITED_KIND.value, "areas": len(keys), "per": "1000 inhabitants"},
    )
