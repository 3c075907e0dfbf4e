"""The areas of one kind (kommune, delområde, grunnkrets, valgkrets) as OGC features: their
boundaries in the CRS asked for, with the kind, its name and the area's code and name, paged by
id."""

import json

from geo.models import Area
from mapping.list_query import OGC_LIMITS
from ogc import crs as crs_module
from ogc.crs import Crs
from ogc.params import only_known, parse_cursor

KINDS = [Area.Kind.KOMMUNE, Area.Kind.DELOMRADE, Area.Kind.GRUNNKRETS, Area.Kind.VALGKRETS]
KNOWN = {"bbox", "bbox-crs", "crs", "limit", "cursor", "f"}


def _feature(pk: int, code: str, name: str, kind: str, geometry: str) -> str:
    properties = {"code": code, "name": name, "kind": kind, "kind_name": str(Area.Kind(kind).label)}
    return (
        f'{{"type": "Feature", "id": {pk}, "geometry": {geometry}, '
        f'"properties": {json.dumps(properties, ensure_ascii=False)}}}'
    )


def area_page(kind: str, params, user, crs: Crs) -> tuple[list[str], int | None, int]:
    """(Features in `crs`, the id to go on after if more, how many match: a few hundred at
    most, so cheap to count exactly) for an items request, or BadRequest; every viewer sees
    the same areas."""
    only_known(params, KNOWN)
    limit = OGC_LIMITS.parse(params.get("limit"))
    areas = Area.objects.filter(kind=kind).order_by("pk")
    bbox_crs = crs_module.parse(params.get("bbox-crs"), "bbox-crs")
    box = crs_module.parse_bbox(params.get("bbox"), bbox_crs)
    if box is not None:
        areas = areas.filter(geom__intersects=box)
    rows = list(
        areas.filter(pk__gt=parse_cursor(params.get("cursor")))
        .annotate(geometry=crs.geojson("geom"))
        .values_list("pk", "code", "name", "kind", "geometry")[: limit + 1]
    )
    after = rows[limit - 1][0] if len(rows) > limit else None
    return [_feature(*row) for row in rows[:limit]], after, areas.count()


def area_feature(kind: str, pk: int, crs: Crs) -> str | None:
    row = (
        Area.objects.filter(kind=kind, pk=pk)
        .annotate(geometry=crs.geojson("geom"))
        .values_list("pk", "code", "name", "kind", "geometry")
        .first()
    )
    return _feature(*row) if row else None
