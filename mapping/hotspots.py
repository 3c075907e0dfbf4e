"""Hotspots: clusters of nearby proposals in a filtered set, found by PostGIS.

Why SQL: ST_ClusterDBSCAN groups the points in one pass in the database, in metres (EUREF89 UTM
32), and the outline, count and dominant category come out of the same statement as GeoJSON.
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import QueryDict

from mapping import selectors
from mapping.budget import expensive_slot
from mapping.filters import proposal_filter
from mapping.kept_counts import kept_version
from mapping.reads import read_connection
from mapping.themes import themes_of_groups

DEFAULT_DISTANCE_M = 150
DEFAULT_MIN_SIZE = 5
# What anyone may ask: a wider distance chains whole districts into one cluster and costs
# seconds at 10^5 proposals; no hotspot is a group under five.
DISTANCE_RANGE_M = (10, 500)
MIN_SIZE_RANGE = (5, 1000)
CACHE_S = 24 * 3600
THEMED = 20  # the largest hotspots get their top themes; a map shows no more at once
THEMES_PER_HOTSPOT = 3

HOTSPOTS_SQL = """
WITH chosen AS ({chosen}),
clustered AS (
    SELECT p.id, p.location, p.category_id,
           ST_ClusterDBSCAN(ST_Transform(p.location, 25832), eps := %s, minpoints := %s)
               OVER () AS cluster
    FROM mapping_proposal AS p WHERE p.id IN (SELECT id FROM chosen)
),
per_category AS (
    SELECT cluster, category_id, count(*) AS n,
           row_number() OVER (PARTITION BY cluster ORDER BY count(*) DESC, category_id) AS rank
    FROM clustered WHERE cluster IS NOT NULL GROUP BY cluster, category_id
),
hotspots AS (
    SELECT c.cluster, count(*) AS n, array_agg(c.id ORDER BY c.id) AS ids,
           -- the points' hull, widened by half the distance so a line of points has an area
           ST_Transform(ST_Buffer(ST_ConvexHull(ST_Collect(ST_Transform(c.location, 25832))),
                                  %s / 2.0), 4326) AS outline
    FROM clustered AS c WHERE c.cluster IS NOT NULL GROUP BY c.cluster
)
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(
    json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(h.outline, 6)::json,
        'properties', json_build_object(
            'count', h.n,
            'category', category.slug,
            'category_count', top.n,
            'proposals', h.ids
        )
    ) ORDER BY h.n DESC, h.cluster), '[]'::json))::text
FROM hotspots AS h
JOIN per_category AS top ON top.cluster = h.cluster AND top.rank = 1
JOIN mapping_category AS category ON category.id = top.category_id
"""


def hotspots_geojson(*, proposals: QuerySet, distance_m: float, min_size: int) -> str:
    """The hotspots of `proposals` as a GeoJSON FeatureCollection, the largest first: each an
    outline with its count, its dominant category (and that category's count) and the ids of
    its proposals (to link them to an outcome, or to filter on them)."""
    chosen, params = proposals.order_by().values("id").query.sql_with_params()
    with read_connection().cursor() as cursor:
        cursor.execute(
            HOTSPOTS_SQL.format(chosen=chosen), [*params, distance_m, min_size, distance_m]
        )
        return cursor.fetchone()[0]


def _cache_key(params: QueryDict, *, user, distance_m: float, min_size: int) -> str | None:
    """Where the answer is cached: under the proposals' write version (it changes with every
    write to them), what the viewer sees and the question. Tags change without a new version, so
    an answer filtered by tag is not cached."""
    version = kept_version()
    if version is None or "tag" in params:
        return None
    question = json.dumps(
        [sorted(params.lists()), distance_m, min_size, selectors.visibility_key(user)]
    )
    return f"hotspots:{version}:{hashlib.sha256(question.encode()).hexdigest()}"


def hotspots_collection(params: QueryDict, *, user, distance_m: float, min_size: int) -> dict:
    """The hotspots of the proposals `params` filter (see hotspots_geojson); the THEMED largest
    also carry their top themes, weighted against the campaign as the workspace's themes are.

    Answers are cached until the proposals change; computing one takes an expensive slot."""
    key = _cache_key(params, user=user, distance_m=distance_m, min_size=min_size)
    found = cache.get(key) if key else None
    if found is None:
        with expensive_slot(user):
            found = _hotspots_computed(params, user=user, distance_m=distance_m, min_size=min_size)
        if key:
            cache.set(key, found, CACHE_S)
    return found


def _hotspots_computed(params: QueryDict, *, user, distance_m: float, min_size: int) -> dict:
    proposals = proposal_filter(params, user=user).qs
    collection = json.loads(
        hotspots_geojson(proposals=proposals, distance_m=distance_m, min_size=min_size)
    )
    features = collection["features"]
    themed = themes_of_groups(
        [f["properties"]["proposals"] for f in features[:THEMED]],
        params,
        user=user,
        limit=THEMES_PER_HOTSPOT,
    )
    for number, feature in enumerate(features):
        found = themed[number] if number < THEMED else []
        feature["properties"]["themes"] = [theme["term"] for theme in found]
    return collection
