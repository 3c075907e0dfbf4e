"""The hotspots (mapping.hotspots) as an OGC collection: where the proposals the property filters
choose are significantly denser than expected, each an outline with its count, confidence,
dominant categories, themes and the ids of its proposals, the largest first. A hotspot's id is
its rank in that order, so it holds while the proposals do not change; the whole set is
computed for each request (and cached) and paged from it: hotspots cannot be found a page at a
time."""

import json

from mapping.hotspots import hotspot_options, hotspots_collection
from mapping.list_query import OGC_LIMITS
from ogc.crs import Crs
from ogc.params import PROPERTY_FILTERS, only_known, parse_cursor, property_filters

KNOWN = {"spacing", "confidence", "relative", "limit", "cursor", "crs", "f", *PROPERTY_FILTERS}


def _hotspots(params, user, crs: Crs) -> list[dict]:
    only_known(params, KNOWN)
    filters = property_filters(params)
    options = params.copy()
    # A wrong number raises its ValidationError, a 400 like a wrong filter's.
    found = hotspots_collection(filters, user=user, question=hotspot_options(options))
    features = found["features"]
    for rank, feature in enumerate(features, 1):
        feature["id"] = rank
        feature["geometry"] = crs.geometry_json(feature["geometry"])
    return features


def hotspot_page(params, user, crs: Crs) -> tuple[list[str], int | None, int]:
    """(Features, the rank to go on after if more, how many hotspots there are), or BadRequest
    or ValidationError."""
    limit, start = OGC_LIMITS.parse(params.get("limit")), parse_cursor(params.get("cursor"))
    every = _hotspots(params, user, crs)
    features = every[start : start + limit + 1]
    after = features[limit - 1]["id"] if len(features) > limit else None
    return [json.dumps(f, ensure_ascii=False) for f in features[:limit]], after, len(every)


def hotspot_feature(rank: int, params, user, crs: Crs) -> str | None:
    features = _hotspots(params, user, crs)
    return json.dumps(features[rank - 1], ensure_ascii=False) if 0 < rank <= len(features) else None
