"""The proposals resource: the list (GeoJSON pages), one proposal, creating one, counting and
searching with the list's filters, and similar proposals near a point."""

import json

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from mapping import geojson_sql, selectors
from mapping.api.parsers import JSONParser
from mapping.api.photos import photo_url_base
from mapping.api.schema import PROPOSAL_FILTER_PARAMETERS
from mapping.api.serializers import (
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
    SimilarQuerySerializer,
)
from mapping.api.throttling import same_site_or_refuse
from mapping.filters import proposal_filter, query_from_body
from mapping.list_query import API_LIMITS, list_query
from mapping.submission import proposal_submit


def proposal_detail_response(request, pk: int, code=status.HTTP_200_OK, *, author=False):
    """The proposal's detail JSON; its author gets it back even while it awaits review."""
    body = geojson_sql.proposal_detail_json(
        pk,
        public=not (author or selectors.manages_proposal(request.user, pk)),
        photo_url=photo_url_base(request),
    )
    if body is None:
        raise NotFound
    return HttpResponse(body, status=code, content_type="application/json")


def geojson_page_response(request, params, *, next_url_base: str | None):
    """A page of the proposals `params` filter, with the link to the next page."""
    query = list_query(params, user=request.user)
    page = geojson_sql.geojson_page(
        query.proposals, order=query.order, limit=query.limit, text=query.text
    )
    next_url = None
    if page.next_cursor and next_url_base:
        query = params.copy()
        query["cursor"] = page.next_cursor
        next_url = f"{next_url_base}?{query.urlencode()}"
    return HttpResponse(page.body(next_url), content_type="application/json")


def _feature_and_uploads(request):
    """The Feature from a JSON body, or from a multipart body's `feature` part with the photos'
    uploads (prepared only once the proposal is valid and admitted: mapping.submission)."""
    if not request.content_type.startswith("multipart/"):
        return request.data, []
    try:
        feature = json.loads(request.data.get("feature", ""))
    except ValueError:
        raise ValidationError(
            {"feature": [_("«feature» må være et GeoJSON-objekt i JSON.")]}
        ) from None
    return feature, request.FILES.getlist("photos")


class ProposalListApi(APIView):
    """Proposals as GeoJSON: the public sees published ones, moderators all. POST adds one."""

    parser_classes = [JSONParser, MultiPartParser]
    throttle_scope = "proposals"

    @extend_schema(
        parameters=[
            *PROPOSAL_FILTER_PARAMETERS,
            OpenApiParameter(
                "ordering",
                str,
                description="created (default -created), title, "
                "status, supports; prefix - for descending",
            ),
            OpenApiParameter(
                "limit",
                int,
                description=f"1–{API_LIMITS.most}, default {API_LIMITS.default}",
            ),
            OpenApiParameter("cursor", str, description="from the previous page's `cursor`"),
        ],
        responses={200: ProposalSerializer(many=True)},
    )
    def get(self, request):
        """A page of proposals; follow `next` (or pass `cursor`) for the next page."""
        return geojson_page_response(
            request, request.GET, next_url_base=request.build_absolute_uri(request.path)
        )

    @extend_schema(
        request=ProposalCreateSerializer,
        responses={201: ProposalDetailSerializer, 400: OpenApiResponse(description="Field errors")},
    )
    def post(self, request):
        """A new proposal: a GeoJSON Feature, or multipart with `feature` and `photos`."""
        same_site_or_refuse(request)
        feature, uploads = _feature_and_uploads(request)
        serializer = ProposalCreateSerializer(data=feature)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # The answer is read before the commit: once stored, nothing else touches the database,
        # so a database lost mid-request means a 503 with nothing stored, never a stored
        # proposal its author was told failed (and sends again).
        with transaction.atomic():
            proposal = proposal_submit(
                request,
                uploads=uploads,
                campaign=data["campaign"],
                category=data["category"],
                title=data["title"],
                body=data["body"],
                geometry=data["geometry"],
                display_name=data["name"],
                email=data["email"],
                channel=data["channel"],
                poster=data.get("poster"),
                age_band=data["age_band"],
                relation=data["relation"],
            )
            response = proposal_detail_response(
                request, proposal.pk, status.HTTP_201_CREATED, author=True
            )
        response["Location"] = f"{request.path}{proposal.pk}/"
        return response


class ProposalDetailApi(APIView):
    """One proposal with its areas, status history, photos and comment count."""

    @extend_schema(responses={200: ProposalDetailSerializer})
    def get(self, request, pk: int):
        return proposal_detail_response(request, pk)


class ProposalCountApi(APIView):
    """How many proposals match, counted up to 10,000 ("exact": false above that)."""

    @extend_schema(
        parameters=PROPOSAL_FILTER_PARAMETERS,
        responses={200: OpenApiResponse(description='{"count": n, "exact": true|false}')},
    )
    def get(self, request):
        proposals = proposal_filter(request.query_params, user=request.user).qs
        count, exact = geojson_sql.bounded_count(proposals)
        return Response({"count": count, "exact": exact})


class ProposalSearchApi(APIView):
    """The list's filters as a JSON body, for polygons too large for a URL."""

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={200: ProposalSerializer(many=True)},
        description='{"within": {"type": "Polygon", ...}, "category": ["bolig"]}. Next page: '
        "send the response's `cursor` as `cursor` in the body.",
    )
    def post(self, request):
        if request.stream is None:  # an empty body
            raise ValidationError(
                {"detail": [_("Send filtrene som et JSON-objekt, {} for ingen.")]}
            )
        return geojson_page_response(request, query_from_body(request.data), next_url_base=None)


class ProposalSimilarApi(APIView):
    """Published proposals near `point` (within `radius_m`, default 200) with similar text."""

    @extend_schema(
        parameters=[SimilarQuerySerializer], responses={200: ProposalSerializer(many=True)}
    )
    def get(self, request):
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        proposals = selectors.proposal_similar(**query.validated_data)
        return Response(ProposalSerializer(proposals, many=True).data)
