"""Duplicate hints: groups of published proposals that stand close together and say nearly the
same (pg_trgm similarity of title and of text), for a planner to merge.

Why SQL: the pairs come from one self-join on the geography index (metres) and trigram
similarity in PostgreSQL; only the pairs travel to Python, which joins them into groups.
"""

from django.db.models import QuerySet

from mapping.models import Proposal
from mapping.reads import read_connection

DEFAULT_DISTANCE_M = 50
TITLE_SIMILARITY = 0.5
BODY_SIMILARITY = 0.4
MAX_GROUPS = 100

PAIRS_SQL = """
WITH chosen AS ({chosen})
SELECT a.id, b.id
FROM mapping_proposal AS a
JOIN mapping_proposal AS b
  ON b.id > a.id
 AND b.campaign_id = a.campaign_id
 AND ST_DWithin(a.location::geography(Point, 4326), b.location::geography(Point, 4326), %s)
WHERE a.id IN (SELECT id FROM chosen) AND b.id IN (SELECT id FROM chosen)
  AND a.visibility = 'published' AND b.visibility = 'published'
  AND similarity(a.title, b.title) >= %s
  AND similarity(a.body, b.body) >= %s
"""


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
    chosen, params = proposals.order_by().values("id").query.sql_with_params()
    with read_connection().cursor() as cursor:
        cursor.execute(
            PAIRS_SQL.format(chosen=chosen),
            [*params, distance_m, TITLE_SIMILARITY, BODY_SIMILARITY],
        )
        groups = _groups(cursor.fetchall())
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
