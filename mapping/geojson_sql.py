"""Proposals as GeoJSON built in PostgreSQL: pages with keyset (cursor) pagination, and one
proposal's detail.

Why SQL and not the serializers: a page of 1,000 features through Django models and DRF costs
tens of milliseconds in Python (GEOS parsing, field by field), and a detail five queries;
PostgreSQL writes the same JSON in one statement. The output equals ProposalSerializer's and
ProposalDetailSerializer's (tested). Why keyset: no request counts or skips an unbounded set;
the next page starts after the last row's sort key.
"""

import json
from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from mapping.list_query import Order
from mapping.reads import read_connection

COUNT_CAP = 10_000
FEW_MATCHES = 5_000  # free-text matches sorted rather than found by walking the sort index

# One proposal `p` (joined with its category `c`) as a Feature: its {geometry} (a
# GEOMETRY_TEMPLATE, in CRS84 here and in other CRSs in the OGC API) and {extra} properties.
# A pin's coordinates are read as two numbers, cheaper than ST_AsGeoJSON on a hot path; a line or
# an area's through ST_AsGeoJSON (option 0: no "crs" member, RFC 7946 has none).
GEOMETRY_TEMPLATE = """CASE WHEN p.shape IS NULL
    THEN json_build_object('type', 'Point', 'coordinates', json_build_array({coordinates}))
    ELSE ST_AsGeoJSON({shape}, {precision}, 0)::json END"""
LON_LAT = "round(ST_X(p.location)::numeric, 6), round(ST_Y(p.location)::numeric, 6)"
GEOMETRY_SQL = GEOMETRY_TEMPLATE.format(coordinates=LON_LAT, shape="p.shape", precision=6)
FEATURE_TEMPLATE = """
json_build_object(
    'type', 'Feature',
    'id', p.id,
    'geometry', {geometry},
    'properties', json_build_object(
        'title', p.title,
        'body', p.body,
        'category', c.slug,
        'status', p.status,
        'answer', p.answer,
        'name', p.display_name,
        'campaign', p.campaign_id,
        'visibility', p.visibility,
        'channel', p.channel,
        'support_count', p.support_count,
        'support_burst', p.support_burst,
        'approximate', p.is_approximate,
        'demo', p.is_demo,
        'created_at', p.created_at,
        'kind', p.kind,
        'area_m2', p.area_m2,
        'length_m', p.length_m
        {extra}
    )
)
"""
FEATURE_SQL = FEATURE_TEMPLATE.format(geometry=GEOMETRY_SQL, extra="")
# One statement, formatted once: the public sees published proposals, and merged duplicates
# (whose permalinks lead on to the proposal they were merged into); photo URLs are
# the photo view's address (`photo_url`, ending in "/") with the photo's id.
DETAIL_SQL = """
SELECT {feature}::text
FROM mapping_proposal AS p
JOIN mapping_category AS c ON c.id = p.category_id
WHERE p.id = %(pk)s AND (NOT %(public)s OR p.visibility IN ('published', 'merged'))
""".format(
    feature=FEATURE_TEMPLATE.format(
        geometry=GEOMETRY_SQL,
        extra="""
        , 'updated_at', p.updated_at
        , 'areas', (
            SELECT coalesce(json_agg(json_build_object(
                'kind', a.kind, 'code', a.code, 'name', a.name) ORDER BY a.kind, a.code), '[]')
            FROM mapping_proposal_areas AS link JOIN geo_area AS a ON a.id = link.area_id
            WHERE link.proposal_id = p.id)
        , 'status_history', (
            SELECT coalesce(json_agg(json_build_object(
                'from_status', s.from_status, 'to_status', s.to_status, 'answer', s.answer,
                'created_at', s.created_at) ORDER BY s.created_at DESC, s.id DESC), '[]')
            FROM mapping_statuschange AS s WHERE s.proposal_id = p.id)
        , 'photos', (
            SELECT coalesce(json_agg(json_build_object(
                'url', %(photo_url)s || ph.id || '/',
                'thumbnail', %(photo_url)s || ph.id || '/thumbnail/',
                'width', ph.width, 'height', ph.height) ORDER BY ph.position, ph.id), '[]')
            FROM mapping_photo AS ph WHERE ph.proposal_id = p.id)
        , 'comment_count', (
            SELECT count(*) FROM mapping_comment AS m
            WHERE m.proposal_id = p.id AND m.visibility = 'published')
        , 'tags', (
            SELECT coalesce(json_agg(json_build_object(
                'id', t.id, 'slug', t.slug, 'name', t.name, 'public', t.is_public)
                ORDER BY t.name), '[]')
            FROM mapping_proposal_tags AS pt JOIN mapping_tag AS t ON t.id = pt.tag_id
            WHERE pt.proposal_id = p.id AND (NOT %(public)s OR t.is_public))
        , 'outcome', (
            SELECT json_build_object('id', o.id, 'name', o.name, 'case_number', o.case_number,
                                     'url', o.url, 'decided_on', o.decided_on)
            FROM mapping_outcome AS o WHERE o.id = p.outcome_id)
        , 'merged_into', p.merged_into_id
        , 'merged', (
            SELECT coalesce(json_agg(json_build_object(
                'id', m.id, 'title', m.title, 'body', m.body, 'created_at', m.created_at)
                ORDER BY m.created_at DESC, m.id DESC), '[]')
            FROM mapping_proposal AS m WHERE m.merged_into_id = p.id)
        """,
    )
)


@dataclass
class GeoJSONPage:
    features: str  # the JSON array of Features
    next_cursor: str | None
    returned: int  # how many Features

    def body(self, next_url: str | None) -> str:
        """The FeatureCollection, with the link to and the cursor of the next page."""
        return (
            f'{{"type": "FeatureCollection", "next": {json.dumps(next_url)}, '
            f'"cursor": {json.dumps(self.next_cursor)}, "features": {self.features}}}'
        )


def _page_ids(proposals: QuerySet, order: list[str], limit: int, *, text: bool):
    """The SQL (and values) of the page's ids in order, one past the page.

    Free text needs two plans. Walking the sort column's index until `limit` rows match is fast
    for a common word and reads every row for a rare one; reading the text index and sorting is
    fast for a rare word and sorts a third of the table for a common one. So the matches are
    first read up to FEW_MATCHES + 1 from the text index: where that is all of them, those are
    sorted; otherwise (a common word) the index walk finds a page at once. PostgreSQL runs only
    the branch whose condition holds (a one-time filter)."""
    page = proposals.order_by(*order).values("pk")[: limit + 1]
    if not text:
        return page.query.sql_with_params()
    matches, match_params = (
        proposals.order_by().values("pk")[: FEW_MATCHES + 1].query.sql_with_params()
    )
    few, few_params = (
        proposals.filter(pk__in=RawSQL("SELECT id FROM matches", []))
        .order_by(*order)
        .values("pk")[: limit + 1]
        .query.sql_with_params()
    )
    many, many_params = page.query.sql_with_params()
    sql = f"""
        WITH matches(id) AS MATERIALIZED ({matches})
        SELECT id FROM ({few}) AS few(id) WHERE (SELECT count(*) FROM matches) <= %s
        UNION ALL
        SELECT id FROM ({many}) AS many(id) WHERE (SELECT count(*) FROM matches) > %s
    """  # noqa: S608 - Django's queries
    return sql, [*match_params, *few_params, FEW_MATCHES, *many_params, FEW_MATCHES]


def geojson_page(
    proposals: QuerySet,
    *,
    order: Order,
    limit: int,
    text: bool = False,
    feature_sql: str = FEATURE_SQL,
) -> GeoJSONPage:
    """The first `limit` of `proposals` in `order` as a GeoJSON FeatureCollection, in one SQL
    statement; `text` says that a free-text filter is among them; `feature_sql` writes each
    Feature (a FEATURE_TEMPLATE)."""
    column = order.column
    inner, params = _page_ids(proposals, order.keys(), limit, text=text)
    sql = f"""
        WITH page AS (
            SELECT id, ord FROM unnest(ARRAY({inner})) WITH ORDINALITY AS page(id, ord)
        )
        SELECT
            coalesce(
                json_agg({feature_sql} ORDER BY page.ord) FILTER (WHERE page.ord <= %s),
                '[]'::json
            )::text,
            count(*),
            (array_agg(json_build_array(p.{column}, p.id)::text ORDER BY page.ord)
                FILTER (WHERE page.ord = %s))[1]
        FROM page
        JOIN mapping_proposal AS p ON p.id = page.id
        JOIN mapping_category AS c ON c.id = p.category_id
    """  # noqa: S608 - `column` comes from list_query.ORDERINGS; the inner query is Django's
    connection = read_connection()
    with connection.cursor() as db:
        # A page stops after `limit` rows: starting parallel workers costs more (about 13 ms)
        # than it saves, though the planner, seeing a large table, would. One round trip: the
        # driver binds the values client-side, and PostgreSQL runs the two statements of one
        # query string as one transaction, which the SET LOCAL ends with.
        db.execute(f"SET LOCAL max_parallel_workers_per_gather = 0; {sql}", [*params, limit, limit])
        db.nextset()
        features, rows, last = db.fetchone()
    next_cursor = order.cursor(json.loads(last)) if rows > limit else None
    return GeoJSONPage(features=features, next_cursor=next_cursor, returned=min(rows, limit))


def bounded_count(proposals: QuerySet) -> tuple[int, bool]:
    """(count, exact): counts up to COUNT_CAP rows, so that no request counts a million."""
    count = proposals.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(count, COUNT_CAP), count <= COUNT_CAP


def proposal_detail_json(pk: int, *, public: bool, photo_url: str) -> str | None:
    """One proposal as a Feature with areas, status history, photos and comment count; None
    if there is no such proposal (or, for the public, no published one)."""
    with read_connection().cursor() as db:
        db.execute(DETAIL_SQL, {"pk": pk, "public": public, "photo_url": photo_url})
        row = db.fetchone()
    return row[0] if row else None
