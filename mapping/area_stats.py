"""Numbers per area as GeoJSON, counted and written in PostgreSQL.

Why SQL and not the ORM and serializer: per grunnkrets that is 448 features with boundaries;
building them in Python costs far more than counting. The area boundaries come pre-simplified
(Area.map_geojson). The numbers equal a count through the ORM (tested).
"""

from django.db import connection
from django.db.models import QuerySet

STATS_SQL = """
WITH filtered AS ({proposals}),
per_category AS (
    SELECT link.area_id, filtered.category_id, count(*) AS n
    FROM filtered
    JOIN mapping_proposal_areas AS link ON link.proposal_id = filtered.id
    JOIN geo_area AS area ON area.id = link.area_id AND area.kind = %s
    GROUP BY 1, 2
),
per_area AS (
    SELECT per_category.area_id, sum(per_category.n) AS n,
           json_object_agg(category.slug, per_category.n) AS categories
    FROM per_category JOIN mapping_category AS category ON category.id = per_category.category_id
    GROUP BY 1
),
total AS (SELECT count(*) AS n FROM filtered)
SELECT json_build_object(
    'type', 'FeatureCollection',
    'total', (SELECT n FROM total),
    'outside', (SELECT n FROM total) - coalesce((SELECT sum(n) FROM per_area), 0),
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


def area_stats_geojson(*, proposals: QuerySet, kind: str) -> str:
    """Per area of `kind`: the number of `proposals` in it, in total and per category, zero
    areas included; `total` and `outside` (in no area of the kind) make the numbers add up."""
    inner, params = proposals.order_by().values("id", "category_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(STATS_SQL.format(proposals=inner), [*params, kind, kind])
        return cursor.fetchone()[0]
