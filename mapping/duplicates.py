"""Duplicate hints: groups of published proposals that stand close together and say nearly the
same (pg_trgm's similarity of title and of text), for a planner to merge.

How: Python pairs the proposals of the set that stand within the distance, found through a grid
of cells as wide as the distance, and keeps the pairs similar enough, by pg_trgm's definition
(tests/mapping/test_duplicates.py compares it with PostgreSQL's similarity()). Before, one
self-join computed every neighbour's similarity in the database: 4 s for 7,000 proposals, and
22.6 s for 2,000 in a dense town. Distances are measured on the set's local plane
(geo.hexgrid), within 0.1 % of the ellipsoid's.
"""

import functools
import math
import re
from collections import defaultdict

import numpy as np
from django.db.models import F, FloatField, Func, QuerySet

from geo.hexgrid import HexGrid
from mapping.models import Proposal

DEFAULT_DISTANCE_M = 50
TITLE_SIMILARITY = 0.5
BODY_SIMILARITY = 0.4
MAX_GROUPS = 100
WORD = re.compile(r"[^\W_]+")  # pg_trgm's words: runs of letters and digits


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams of a text: of each word in lower case, with two spaces before and one
    after."""
    return frozenset().union(*map(_word_trigrams, WORD.findall(text.lower())))


@functools.lru_cache(maxsize=100_000)
def _word_trigrams(word: str) -> frozenset[str]:
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: frozenset, b: frozenset) -> float:
    """pg_trgm's similarity of two texts' trigrams: shared over all."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def _pairs(proposals: QuerySet, distance_m: float) -> list[tuple[int, int]]:
    """The pairs of published proposals of the set, of one campaign, within `distance_m` of each
    other and similar enough in title and text."""
    rows = list(
        proposals.filter(visibility=Proposal.Visibility.PUBLISHED)
        .order_by()
        .annotate(
            lon=Func(F("location"), function="ST_X", output_field=FloatField()),
            lat=Func(F("location"), function="ST_Y", output_field=FloatField()),
        )
        .values_list("id", "campaign_id", "lon", "lat", "title", "body")
    )
    if not rows:
        return []
    degrees = np.array([(row[2], row[3]) for row in rows])
    grid = HexGrid(spacing=distance_m, lon=degrees[:, 0].mean(), lat=degrees[:, 1].mean())
    east, north = grid.metres_per_degree
    xy = [(x, y) for x, y in ((degrees - [grid.lon, grid.lat]) * [east, north]).tolist()]
    cells = defaultdict(list)
    for number, (x, y) in enumerate(xy):
        cells[math.floor(x / distance_m), math.floor(y / distance_m)].append(number)
    titles: dict[int, frozenset] = {}
    bodies: dict[int, frozenset] = {}
    pairs = []
    for (i, j), members in cells.items():
        around = [
            n for di in (-1, 0, 1) for dj in (-1, 0, 1) for n in cells.get((i + di, j + dj), ())
        ]
        for a in members:
            for b in around:
                if (
                    rows[b][0] > rows[a][0]
                    and rows[b][1] == rows[a][1]
                    and math.dist(xy[a], xy[b]) <= distance_m
                    and _similar(titles, a, b, rows, 4, TITLE_SIMILARITY)
                    and _similar(bodies, a, b, rows, 5, BODY_SIMILARITY)
                ):
                    pairs.append((rows[a][0], rows[b][0]))
    return pairs


def _similar(known: dict, a: int, b: int, rows: list, column: int, at_least: float) -> bool:
    """Whether rows a and b are `at_least` similar in `column`, trigrams computed once each."""
    for n in (a, b):
        if n not in known:
            known[n] = trigrams(rows[n][column])
    return similarity(known[a], known[b]) >= at_least


def _groups(pairs: list[tuple[int, int]]) -> list[set[int]]:
    """Connected groups of the pairs (union–find)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, set[int]] = {}
    for x in list(parent):
        groups.setdefault(root(x), set()).add(x)
    return list(groups.values())


def duplicate_groups(*, proposals: QuerySet, distance_m: float) -> list[list[Proposal]]:
    """Groups of likely duplicates among `proposals`, the largest first (at most MAX_GROUPS).
    In each, the suggested primary comes first: the most supported, then the oldest."""
    groups = _groups(_pairs(proposals, distance_m))
    groups.sort(key=lambda group: (-len(group), min(group)))
    groups = groups[:MAX_GROUPS]
    found = Proposal.objects.select_related("category").in_bulk(
        [pk for group in groups for pk in group]
    )
    return [
        sorted(
            (found[pk] for pk in group),
            key=lambda proposal: (-proposal.support_count, proposal.created_at, proposal.pk),
        )
        for group in groups
    ]
