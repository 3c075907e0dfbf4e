"""The proposals as OGC features: the list's own filters and SQL (mapping.filters,
mapping.geojson_sql), in the CRS asked for, with what the viewer may see. The public sees
published proposals and public tags; a planner (by session or API token) sees what the
workspace shows, of their own places only: every visibility for moderators, every tag, and
authors' e-mail addresses only with that permission."""

from functools import cache

from mapping import geojson_sql, selectors
from mapping.filters import given
from mapping.list_query import NEWEST_FIRST
from mapping.models import Proposal
from mapping.shapes import footprint_intersects
from ogc import cql2
from ogc import crs as crs_module
from ogc.crs import Crs
from ogc.params import datetime_range, items_query

TAGS_SQL = """(
    SELECT string_agg(t.slug, ', ' ORDER BY t.slug)
    FROM mapping_proposal_tags AS pt JOIN mapping_tag AS t ON t.id = pt.tag_id
    WHERE pt.proposal_id = p.id {public})"""


@cache
def feature_sql(crs: Crs, *, planner: bool, email: bool) -> str:
    """The list's Feature in `crs`, with the id among the properties too (GIS clients number
    features themselves and would otherwise lose it), the tags as a line of slugs, and the
    planners' fields where allowed."""
    tags = TAGS_SQL.format(public="" if planner else "AND t.is_public")
    extra = f", 'id', p.id, 'tags', {tags}"
    if planner:
        extra += ", 'merged_into', p.merged_into_id, 'updated_at', p.updated_at"
    if email:
        extra += ", 'email', p.email"
    geometry = geojson_sql.GEOMETRY_TEMPLATE.format(
        coordinates=crs.point_sql("p.location"),
        shape=crs.shape_sql("p.shape"),
        precision=crs.precision,
    )
    return geojson_sql.FEATURE_TEMPLATE.format(geometry=geometry, extra=extra)


def _feature_sql_for(user, crs: Crs) -> str:
    planner = selectors.can_use_workspace(user)
    email = planner and user.has_perm("mapping.view_author_email")
    return feature_sql(crs, planner=planner, email=email)


def _matched(query, *, user, managed: bool, kind: str) -> int | None:
    """How many proposals of `kind` the query's filters select, where that is cheap: the kept
    counts count every kind, so the few lines and areas are counted and taken off for pins."""
    kept = selectors.proposal_count_kept(query.filters, user=user, managed=managed)
    if kept is None:
        return None
    shapes = query.filters.qs.exclude(kind=Proposal.Kind.POINT)
    if kind == Proposal.Kind.POINT:
        return kept - shapes.count()
    return shapes.filter(kind=kind).count()


def proposal_page(
    params, user, crs: Crs, *, kind: str
) -> tuple[geojson_sql.GeoJSONPage, int | None]:
    """One items page of the proposals of `kind` and how many features match: bbox (in
    `bbox-crs`), a CQL2 filter, datetime, property filters, limit and cursor, or BadRequest; a
    list parameter's own ValidationError passes through. The number is exact and given where
    the kept counts answer it (campaign, category, status, visibility, areas of one kind), else
    None: counting a million matches per page is what makes other servers slow."""
    managed = selectors.can_use_workspace(user)
    query = items_query(params, user=user, managed=managed)
    spatial = {"bbox", "filter", "datetime"} & given(params)
    matched = None if spatial else _matched(query, user=user, managed=managed, kind=kind)
    proposals = query.proposals.filter(kind=kind)
    bbox_crs = crs_module.parse(params.get("bbox-crs"), "bbox-crs")
    box = crs_module.parse_bbox(params.get("bbox"), bbox_crs)
    if box is not None:
        proposals = proposals.filter(footprint_intersects(box))
    if params.get("filter"):
        filter_crs = crs_module.parse(params.get("filter-crs"), "filter-crs")
        condition = cql2.parse(
            params["filter"], params.get("filter-lang"), user=user, filter_crs=filter_crs
        )
        proposals = proposals.filter(condition)
    start, end = datetime_range(params.get("datetime"))
    if start:
        proposals = proposals.filter(created_at__gte=start)
    if end:
        proposals = proposals.filter(created_at__lte=end)
    page = geojson_sql.geojson_page(
        proposals, order=query.order, limit=query.limit, feature_sql=_feature_sql_for(user, crs)
    )
    return page, matched


def proposal_feature(pk: int, user, crs: Crs, *, kind: str) -> str | None:
    """One proposal of `kind` as the items page writes it, or None where `user` may not see
    it."""
    if selectors.can_use_workspace(user):
        proposals = selectors.proposal_list_managed(user=user)
    else:
        proposals = selectors.proposal_list_visible(user=user)
    page = geojson_sql.geojson_page(
        proposals.filter(pk=pk, kind=kind),
        order=NEWEST_FIRST,
        limit=1,
        feature_sql=_feature_sql_for(user, crs),
    )
    return page.features[1:-1] if page.returned else None
