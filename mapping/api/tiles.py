"""The aggregated map layer per XYZ tile, with HTTP caching."""

import hashlib
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from mapping import map_layer, selectors
from mapping.api.schema import PROPOSAL_FILTER_PARAMETERS
from mapping.filters import filters_asked, proposal_filter
from mapping.kept_counts import kept_version
from mapping.models import Proposal
from mapping.reference import reference

# The pyramid counts proposals by these filters only.
PYRAMID_FILTERS = {"campaign", "category", "status", "visibility"}
# What a tile's address may carry that does not change it: the list's own parameters (the
# workspace sends its filters whole) and the map's cache-buster after a change.
NOT_FILTERS = {"ordering", "cursor", "limit", "v"}


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"


def _etag(version, public: bool, request) -> str:
    seen = f"{version}:{public}:{request.get_full_path()}"
    return '"' + hashlib.blake2b(seen.encode(), digest_size=12).hexdigest() + '"'


@dataclass(frozen=True)
class PyramidFilter:
    campaigns: list[int]
    categories: list[int]
    statuses: list[str]
    visibilities: list[str]


def _visible(asked: list[str], *, public: bool) -> list[str]:
    """The public sees published proposals, whatever it asks; moderators what they choose."""
    return [Proposal.Visibility.PUBLISHED] if public else asked


def _lean(params, *, public: bool) -> PyramidFilter | None:
    """The pyramid's filters read straight from the parameters, without a query (ids and slugs
    from mapping.reference); None when anything else is asked or a value is not known, and the
    full filter decides (and answers 400 for what is wrong)."""
    asked = {name for name, values in params.lists() if any(values)} - NOT_FILTERS
    if not asked <= PYRAMID_FILTERS:
        return None
    known = reference()
    campaigns = [c for c in params.getlist("campaign")[-1:] if c]
    slugs = [slug for slug in params.getlist("category") if slug]
    statuses = [s for s in params.getlist("status") if s]
    visibilities = [v for v in params.getlist("visibility") if v]
    if (
        any(not c.isdigit() or int(c) not in known.campaigns for c in campaigns)
        or any(slug not in known.categories for slug in slugs)
        or any(s not in Proposal.Status.values for s in statuses)
        or any(v not in Proposal.Visibility.values for v in visibilities)
    ):
        return None
    return PyramidFilter(
        campaigns=[int(c) for c in campaigns],
        categories=[pk for slug in slugs for pk in known.categories[slug]],
        statuses=statuses,
        visibilities=_visible(visibilities, public=public),
    )


def tile_for(params, user, z: int, x: int, y: int, *, mvt: bool = False) -> map_layer.Tile:
    """The tile of the proposals `params` filter, as `user` may see them: from the pyramid
    where its filters are the pyramid's, otherwise on the fly; GeoJSON, or a vector tile where
    `mvt`. A wrong filter raises its ValidationError."""
    public = not selectors.can_moderate(user)
    covered = map_layer.pyramid_covers(z)
    pyramid = _lean(params, public=public) if covered else None
    if pyramid is None:
        filterset = proposal_filter(params, user=user)
        if not covered or not filters_asked(filterset) <= PYRAMID_FILTERS:
            return map_layer.tile_on_the_fly(z=z, x=x, y=y, proposals=filterset.qs, mvt=mvt)
        data = filterset.form.cleaned_data  # a campaign or category newer than the reference
        pyramid = PyramidFilter(
            campaigns=[data["campaign"].pk] if data.get("campaign") else [],
            categories=[c.pk for c in data.get("category") or []],
            statuses=data.get("status") or [],
            visibilities=_visible(data.get("visibility") or [], public=public),
        )
    return map_layer.tile_from_pyramid(z=z, x=x, y=y, mvt=mvt, **vars(pyramid))


class ProposalTileApi(APIView):
    """Proposals in one map tile (XYZ, Web Mercator) as GeoJSON: per grid cell a count at the
    cell's mean position, or, where a cell holds one proposal, that proposal (its `id` and
    `category`). Takes every filter of the proposals list; at most 16 features."""

    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    @extend_schema(
        parameters=PROPOSAL_FILTER_PARAMETERS,
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="FeatureCollection")},
    )
    def get(self, request, z: int, x: int, y: int):
        if not map_layer.tile_is_valid(z, x, y):
            raise NotFound(_("Ingen slik kartflis."))
        public = not selectors.can_moderate(request.user)
        # The ETag names what the tile shows: the proposals as of the version PostgreSQL raises
        # with every write to them, this address and who looks. A revalidation reads the version
        # alone and answers 304 without tile SQL; otherwise the tile's statement brings it.
        response = None
        if request.headers.get("If-None-Match"):
            version = kept_version()
            etag = _etag(version, public, request)
            if version is not None:
                response = get_conditional_response(request, etag=etag)
        if response is None:
            tile = tile_for(request.GET, request.user, z, x, y)
            response = HttpResponse(tile.body, content_type="application/geo+json")
            etag = _etag(tile.version, public, request)
        response["ETag"] = etag
        # Short: a new proposal should show within a minute. Moderators' views are their own.
        response["Cache-Control"] = "public, max-age=30" if public else "private, no-cache"
        response["Vary"] = "Cookie, Accept-Encoding"
        return response
