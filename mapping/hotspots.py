"""Hotspots: where a filtered set of proposals is significantly denser than expected, found as
planners' GIS finds them: Getis-Ord Gi* on a grid of hexagons, with a false-discovery-rate
correction (mapping.getis_ord, as ArcGIS Pro's Hot Spot Analysis and PySAL's esda).

1. The study area is the areas the filter names, else the campaign's land outline (every
   campaign's without a campaign filter). Hexagons cover it (geo.hexgrid), about CELLS of them
   whatever its size, so that a delområde is looked at as closely as the kommune is; the planner
   may choose the spacing instead.
2. PostgreSQL counts the set's proposals per hexagon and category in one pass: a point's hexagon
   is arithmetic on its metres (EUREF89 UTM 32).
3. Each hexagon's Gi* sums it and its six neighbours, against every hexagon of the study area,
   the empty ones too; its confidence (90, 95 or 99 %) is corrected for testing thousands of
   hexagons at once.
4. A hotspot is a hot hexagon (z > 0, at least the chosen confidence) with its neighbours, the
   strongest first; a hexagon belongs to one hotspot at most. So hotspots neither overlap nor
   chain: the neighbourhood is the very area whose excess Gi* measured. A neighbourhood of fewer
   than MIN_COUNT proposals is no hotspot (no group under 5 is shown).

Before, DBSCAN chained every dense town into one cluster: 94,409 of 100,000 proposals.
"""

import hashlib
import json
import math

import numpy as np
import shapely
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from geo import hexgrid
from geo.hexgrid import HexGrid
from geo.models import Area
from mapping import getis_ord, selectors
from mapping.budget import expensive_slot
from mapping.filters import proposal_filter
from mapping.kept_counts import kept_version
from mapping.models import Campaign, Category
from mapping.params import number_param
from mapping.reads import read_connection
from mapping.themes import themes_of_groups

CELLS = 2000  # hexagons over the study area by default
SPACING_RANGE_M = (100, 2000)  # what a planner may choose; the default stays inside it too
CONFIDENCE_LEVELS = (90, 95, 99)
DEFAULT_CONFIDENCE = 95
MIN_COUNT = 5
CATEGORIES_PER_HOTSPOT = 3
CACHE_S = 24 * 3600
WORK_MEM = "128MB"
THEMED = 10  # the largest hotspots get their top themes (each costs a count of its terms)
THEMES_PER_HOTSPOT = 3

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


def _cells(proposals: QuerySet, grid: HexGrid) -> tuple[dict, dict]:
    """The set's hexagons: {(q, r): {category id: proposals}} and {(q, r): [proposal ids]}."""
    chosen, params = (
        proposals.order_by().values("id", "category_id", "location").query.sql_with_params()
    )
    counts: dict[tuple[int, int], dict[int, int]] = {}
    members: dict[tuple[int, int], list[int]] = {}
    connection = read_connection()
    # The ids of 10^6 proposals are an array of some 40 MB: grouped in memory, not on disk.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('work_mem', %s, true)", [WORK_MEM])
        cursor.execute(_CELLS.format(chosen=chosen), [*grid.sql_params(), *params])
        for q, r, category, n, ids in cursor.fetchall():
            counts.setdefault((q, r), {})[category] = n
            members.setdefault((q, r), []).extend(ids)
    return counts, members


def hot_cells(counts: dict, area, grid: HexGrid) -> tuple[list, np.ndarray, np.ndarray]:
    """The study area's hexagons (those in `area` and those holding proposals), their Gi*
    z-scores and confidence levels."""
    cells = sorted(grid.cells_within(area) | set(counts))
    index = {cell: number for number, cell in enumerate(cells)}
    totals = np.array([sum(counts.get(cell, {}).values()) for cell in cells], dtype=float)
    neighbours = [
        np.array(
            [index[q + dq, r + dr] for dq, dr in hexgrid.NEIGHBOURHOOD if (q + dq, r + dr) in index]
        )
        for q, r in cells
    ]
    z = getis_ord.gi_star(totals, neighbours)
    return cells, z, getis_ord.confidence(z)


def _picked(cells, z, levels, counts, at_least: int) -> list[dict]:
    """Hotspots: each hot hexagon at `at_least` confidence, the strongest first, with those of
    its neighbours no stronger hotspot took; MIN_COUNT proposals or more."""
    taken: set[tuple[int, int]] = set()
    picked = []
    for number in sorted(range(len(cells)), key=lambda n: (-z[n], cells[n])):
        if z[number] <= 0 or levels[number] < at_least:
            break
        q, r = cells[number]
        if (q, r) in taken:
            continue
        own = [(q + dq, r + dr) for dq, dr in hexgrid.NEIGHBOURHOOD]
        own = [cell for cell in own if cell not in taken]
        categories: dict[int, int] = {}
        for cell in own:
            for category, n in counts.get(cell, {}).items():
                categories[category] = categories.get(category, 0) + n
        if sum(categories.values()) < MIN_COUNT:
            continue
        taken.update(own)
        picked.append(
            {
                "cells": [cell for cell in own if cell in counts],
                "outline": own,
                "z": float(z[number]),
                "confidence": int(levels[number]),
                "categories": categories,
            }
        )
    return picked


def _gridded(params: QueryDict, *, user, spacing: float | None) -> tuple[QuerySet, object, HexGrid]:
    """The proposals `params` filter, their study area and its grid."""
    area = study_area(params)
    return (
        proposal_filter(params, user=user).qs,
        area,
        HexGrid.over(area, spacing or default_spacing(area)),
    )


def hexagon_density(params: QueryDict, *, user) -> tuple[HexGrid, dict[tuple[int, int], int]]:
    """How many of the proposals `params` filter each hexagon of the hotspots' grid holds (those
    holding any), for a density map."""
    proposals, _area, grid = _gridded(params, user=user, spacing=None)
    counts, _members = _cells(proposals, grid)
    return grid, {cell: sum(by_category.values()) for cell, by_category in counts.items()}


def hotspots_computed(params: QueryDict, *, user, spacing: float | None, at_least: int) -> dict:
    """The hotspots of the proposals `params` filter, as a GeoJSON FeatureCollection, the
    largest first; `method` says how they were found."""
    proposals, area, grid = _gridded(params, user=user, spacing=spacing)
    counts, members = _cells(proposals, grid)
    cells, z, levels = hot_cells(counts, area, grid)
    picked = _picked(cells, z, levels, counts, at_least)
    slugs = dict(Category.objects.values_list("pk", "slug"))
    features = []
    for hotspot in picked:
        ids = sorted(pk for cell in hotspot["cells"] for pk in members.get(cell, []))
        ranked = sorted(hotspot["categories"].items(), key=lambda item: (-item[1], item[0]))
        features.append(
            {
                "type": "Feature",
                "geometry": grid.outline(hotspot["outline"]),
                "properties": {
                    "count": len(ids),
                    "confidence": hotspot["confidence"],
                    "z": round(hotspot["z"], 2),
                    "category": slugs[ranked[0][0]],
                    "category_count": ranked[0][1],
                    # the dominant few, each a group of five or more (no smaller group shown)
                    "categories": [
                        {"category": slugs[pk], "count": n}
                        for pk, n in ranked[:CATEGORIES_PER_HOTSPOT]
                        if n >= MIN_COUNT
                    ],
                    "proposals": ids,
                },
            }
        )
    features.sort(key=lambda f: (-f["properties"]["count"], -f["properties"]["z"]))
    themed = themes_of_groups(
        [f["properties"]["proposals"] for f in features[:THEMED]],
        params,
        user=user,
        limit=THEMES_PER_HOTSPOT,
    )
    for number, feature in enumerate(features):
        found = themed[number] if number < THEMED else []
        feature["properties"]["themes"] = [theme["term"] for theme in found]
    return {
        "type": "FeatureCollection",
        "features": features,
        "method": {
            "statistic": "Getis-Ord Gi*, false discovery rate",
            "hexagon_spacing_m": grid.spacing,
            "hexagons": len(cells),
            "confidence": at_least,
        },
    }


def _cache_key(params: QueryDict, *, user, spacing, at_least) -> str | None:
    """Where the answer is cached: under the proposals' write version (it changes with every
    write to them), what the viewer sees and the question. Tags change without a new version, so
    an answer filtered by tag is not cached."""
    version = kept_version()
    if version is None or "tag" in params:
        return None
    question = json.dumps(
        [sorted(params.lists()), spacing, at_least, selectors.visibility_key(user)]
    )
    return f"hotspots:{version}:{hashlib.sha256(question.encode()).hexdigest()}"


def hotspots_collection(
    params: QueryDict, *, user, spacing: float | None = None, at_least: int = DEFAULT_CONFIDENCE
) -> dict:
    """The hotspots of the proposals `params` filter (see hotspots_computed), at hexagons
    `spacing` metres apart (None: about CELLS over the study area), hot at `at_least` percent
    confidence. The THEMED largest carry their top themes, weighted against the campaign as
    the workspace's themes are.

    Answers are cached until the proposals change; computing one takes an expensive slot."""
    key = _cache_key(params, user=user, spacing=spacing, at_least=at_least)
    found = cache.get(key) if key else None
    if found is None:
        with expensive_slot(user):
            found = hotspots_computed(params, user=user, spacing=spacing, at_least=at_least)
        if key:
            cache.set(key, found, CACHE_S)
    return found


def hotspot_options(params: QueryDict) -> tuple[float | None, int]:
    """Take the hotspots' own parameters out of `params` (so the filters do not see them):
    `spacing`, metres between the hexagons' centres (SPACING_RANGE_M; absent, about CELLS
    over the study area), and `confidence`, 90, 95 or 99 (DEFAULT_CONFIDENCE). One 400 names
    every wrong one."""
    errors, spacing, level = {}, None, DEFAULT_CONFIDENCE
    if params.get("spacing"):
        try:
            spacing = number_param(params, "spacing", 0, *SPACING_RANGE_M)
        except ValidationError as error:
            errors.update(error.message_dict)
    params.pop("spacing", None)
    chosen = params.pop("confidence", [str(DEFAULT_CONFIDENCE)])[-1]
    if chosen not in {str(level) for level in CONFIDENCE_LEVELS}:
        errors["confidence"] = [_("Velg 90, 95 eller 99.")]
    else:
        level = int(chosen)
    if errors:
        raise ValidationError(errors)
    return spacing, level
