"""Numbers per area as GeoJSON, counted and written in PostgreSQL.

Why SQL and not the ORM and serializer: per grunnkrets that is 448 features with boundaries;
building them in Python costs far more than counting. For a whole campaign the counts
PostgreSQL keeps per area answer (mapping.kept_counts) instead of a join over every proposal.
The area boundaries come pre-simplified (Area.map_geojson). The numbers equal a count through
the ORM (tested).
"""

from django.core.cache import cache
from django.db.models import QuerySet

from mapping.kept_counts import KEPT_WHERE, KeptFilter, kept_version
from mapping.reads import read_connection

KEPT_CACHE_S = 600  # an answer is dropped after this long even if nothing was written

# Where the counts come from: the filtered proposals themselves …
# `extra` is how many more areas of the kind the lines and areas are in than one each: a line
# across two grunnkretser counts in both, and `outside` (in no area) stays exact.
FROM_PROPOSALS = """
filtered AS ({proposals}),
linked AS (
    SELECT filtered.id, filtered.category_id, filtered.kind, link.area_id
    FROM filtered
    JOIN mapping_proposal_areas AS link ON link.proposal_id = filtered.id
    JOIN geo_area AS area ON area.id = link.area_id AND area.kind = %s
),
per_category AS (SELECT area_id, category_id, count(*) AS n FROM linked GROUP BY 1, 2),
extra AS (
    SELECT coalesce(sum(n - 1), 0) AS n
    FROM (SELECT count(*) AS n FROM linked WHERE kind <> 'point' GROUP BY id) AS shaped
),
total AS (SELECT count(*) AS n FROM filtered)
"""
# … or the counts PostgreSQL keeps (mapping.kept_counts), for filters they are kept by.
FROM_KEPT = f"""
per_category AS (
    SELECT kept.area_id, kept.category_id, sum(kept.count) AS n
    FROM mapping_areacount AS kept
    JOIN geo_area AS area ON area.id = kept.area_id AND area.kind = %s
    WHERE {KEPT_WHERE}
    GROUP BY 1, 2
    HAVING sum(kept.count) > 0
),
extra AS (
    SELECT coalesce(sum(n - 1), 0) AS n
    FROM (
        SELECT count(*) AS n
        FROM mapping_proposal AS shaped
        JOIN mapping_proposal_areas AS link ON link.proposal_id = shaped.id
        JOIN geo_area AS area ON area.id = link.area_id AND area.kind = %s
        WHERE shaped.kind <> 'point' AND {KEPT_WHERE}
        GROUP BY shaped.id
    ) AS counted
),
total AS (SELECT coalesce(sum(count), 0) AS n FROM mapping_weekcount WHERE {KEPT_WHERE})
"""  # noqa: S608 - KEPT_WHERE is a constant with placeholders

STATS_SQL = """
WITH {sources},
per_area AS (
    SELECT per_category.area_id, sum(per_category.n) AS n,
           json_object_agg(category.slug, per_category.n) AS categories
    FROM per_category JOIN mapping_category AS category ON category.id = per_category.category_id
    GROUP BY 1
)
SELECT json_build_object(
    'type', 'FeatureCollection',
    'total', (SELECT n FROM total),
    'outside', (SELECT n FROM total) - coalesce((SELECT sum(n) FROM per_area), 0)
        + (SELECT n FROM extra),
    'features', coalesce(json_agg(json_build_object(
        'type', 'Feature',
        'id', area.id,
        'geometry', nullif(area.map_geojson, '')::json,
        'properties', json_build_object(
            'kind', area.kind,
            'code', area.code,
            'name', area.name,
            'parent', parent.code,
            'count', coalesce(per_area.n, 0),
            'population', area.population,
            'population_year', area.population_year,
            'categories', coalesce(per_area.categories, '{{}}'::json)
        )
    ) ORDER BY area.code), '[]'::json)
)::text
FROM geo_area AS area
LEFT JOIN geo_area AS parent ON parent.id = area.parent_id
LEFT JOIN per_area ON per_area.area_id = area.id
WHERE area.kind = %s
"""


def _run(sources: str, params: list, kind: str) -> str:
    with read_connection().cursor() as cursor:
        cursor.execute(STATS_SQL.format(sources=sources), [*params, kind])
        return cursor.fetchone()[0]


def area_stats_geojson(*, proposals: QuerySet, kept: KeptFilter | None, kind: str) -> str:
    """Per area of `kind`: the number of `proposals` in it, in total and per category, zero
    areas included; `total` and `outside` (in no area of the kind) make the numbers add up.
    With `kept` (the same selection, see mapping.kept_counts) the kept counts answer, cached
    until the next write."""
    if kept is None:
        inner, params = (
            proposals.order_by().values("id", "category_id", "kind").query.sql_with_params()
        )
        return _run(FROM_PROPOSALS.format(proposals=inner), [*params, kind], kind)
    params = [kind, *kept.params(), kind, *kept.params(), *kept.params()]
    version = kept_version()
    if version is None:
        return _run(FROM_KEPT, params, kind)
    key = f"fk:areastats:{version}:{kind}:{kept.key()}"
    return cache.get_or_set(key, lambda: _run(FROM_KEPT, params, kind), KEPT_CACHE_S)
