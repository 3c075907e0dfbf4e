"""The aggregated map layer per XYZ tile, with HTTP caching."""

import hashlib

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
from mapping.kept_counts import kept_version


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"


def _etag(version, viewer: str, request) -> str:
    seen = f"{version}:{viewer}:{request.get_full_path()}"
    return '"' + hashlib.blake2b(seen.encode(), digest_size=12).hexdigest() + '"'


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
        viewer = selectors.visibility_key(request.user)
        public = viewer == "public"
        # The ETag names what the tile shows: the proposals as of the version PostgreSQL raises
        # with every write to them, this address and who looks. A revalidation reads the version
        # alone and answers 304 without tile SQL; otherwise the tile's statement brings it.
        response = None
        if request.headers.get("If-None-Match"):
            version = kept_version()
            etag = _etag(version, viewer, request)
            if version is not None:
                response = get_conditional_response(request, etag=etag)
        if response is None:
            tile = map_layer.tile_for(request.GET, request.user, z, x, y)
            response = HttpResponse(tile.body, content_type="application/geo+json")
            etag = _etag(tile.version, viewer, request)
        response["ETag"] = etag
        # Short: a new proposal should show within a minute. Moderators' views are their own.
        response["Cache-Control"] = "public, max-age=30" if public else "private, no-cache"
        response["Vary"] = "Cookie, Accept-Encoding"
        return response
