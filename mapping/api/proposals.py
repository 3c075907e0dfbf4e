"""The proposals resource: list, detail, create, search, and the planner and resident actions."""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from mapping import geojson_sql, photos, selectors, services
from mapping.api.filtering import filtered_proposals, query_from_body
from mapping.api.filters import ProposalFilter
from mapping.api.parsers import JSONParser
from mapping.api.permissions import require_perm
from mapping.api.serializers import (
    CommentSerializer,
    FlagSerializer,
    ModerationSerializer,
    PhotoSerializer,
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
    ProposalStatusSerializer,
    SimilarQuerySerializer,
)
from mapping.models import Photo
from mapping.ratelimit import SharedRateThrottle
from mapping.supporter_cookie import set_supporter_cookie, supporter_token


def _service_errors(call):
    """Run a service; its domain errors become a 400 with field messages."""
    try:
        return call()
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict) from error


class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Proposals as GeoJSON. The public sees published ones; moderators see all."""

    filterset_class = ProposalFilter
    parser_classes = [JSONParser, MultiPartParser]
    permission_classes = [AllowAny]
    action_permissions = {
        "set_status": require_perm("mapping.answer_proposal"),
        "moderate": require_perm("mapping.moderate_proposal"),
    }
    # Writes are rate-limited per client; reads are not.
    throttle_scopes = {
        "create": "proposals",
        "support": "supports",
        "comments": "comments",
        "flags": "flags",
    }

    def get_permissions(self):
        permission = self.action_permissions.get(self.action, AllowAny)
        return [permission()]

    def get_throttles(self):
        self.throttle_scope = self.throttle_scopes.get(self.action)
        if self.throttle_scope is None or self.request.method != "POST":
            return []
        return [SharedRateThrottle()]

    def get_queryset(self):
        queryset = selectors.proposal_list_visible(user=self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("areas", "status_changes", "photos", "comments")
        return queryset

    def get_serializer_class(self):
        return {
            "retrieve": ProposalDetailSerializer,
            "create": ProposalCreateSerializer,
        }.get(self.action, ProposalSerializer)

    def _geojson_page(self, request, proposals, params, next_url_base):
        page = geojson_sql.geojson_page(
            proposals,
            ordering=params.get("ordering"),
            cursor=params.get("cursor"),
            limit=geojson_sql.parse_limit(params.get("limit")),
        )
        next_url = None
        if page.next_cursor and next_url_base:
            query = request.query_params.copy()
            query["cursor"] = page.next_cursor
            next_url = f"{next_url_base}?{query.urlencode()}"
        return HttpResponse(page.body(next_url), content_type="application/json")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "ordering",
                str,
                description="created (default -created), title, "
                "status, supports; prefix - for descending",
            ),
            OpenApiParameter(
                "limit",
                int,
                description=f"1–{geojson_sql.MAX_LIMIT}, default {geojson_sql.DEFAULT_LIMIT}",
            ),
            OpenApiParameter("cursor", str, description="from the previous page's `cursor`"),
        ],
        responses={200: ProposalSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        """A page of proposals; follow `next` (or pass `cursor`) for the next page."""
        proposals = filtered_proposals(request)
        return self._geojson_page(
            request, proposals, request.query_params, request.build_absolute_uri(request.path)
        )

    @extend_schema(
        responses={200: OpenApiResponse(description='{"count": n, "exact": true|false}')}
    )
    @action(detail=False, methods=["get"])
    def count(self, request):
        """How many proposals match, counted up to 10,000 ("exact": false above that)."""
        count, exact = geojson_sql.bounded_count(filtered_proposals(request))
        return Response({"count": count, "exact": exact})

    def _detail(self, pk: int, code=status.HTTP_200_OK, *, just_created=False):
        """The proposal's detail JSON; its author gets it back even while it awaits review."""
        photos = PhotoSerializer(
            Photo.objects.filter(proposal_id=pk), many=True, context={"request": self.request}
        ).data
        body = geojson_sql.proposal_detail_json(
            pk,
            public=not (just_created or selectors.can_moderate(self.request.user)),
            photos=photos,
        )
        if body is None:
            raise NotFound
        return HttpResponse(body, status=code, content_type="application/json")

    @extend_schema(responses={200: ProposalDetailSerializer})
    def retrieve(self, request, *args, pk=None, **kwargs):
        """One proposal with its areas, status history, photos and comment count."""
        try:
            return self._detail(int(pk))
        except ValueError:
            raise NotFound from None

    def _feature_and_photos(self, request):
        """The Feature from a JSON body, or from a multipart body's `feature` part with photos."""
        if request.content_type.startswith("multipart/"):
            try:
                feature = json.loads(request.data.get("feature", ""))
            except ValueError:
                raise ValidationError(
                    {"feature": [_("«feature» må være et GeoJSON-objekt i JSON.")]}
                ) from None
            uploads = request.FILES.getlist("photos")
            return feature, _service_errors(lambda: photos.photos_prepare(uploads))
        return request.data, []

    @extend_schema(
        request=ProposalCreateSerializer,
        responses={201: ProposalDetailSerializer, 400: OpenApiResponse(description="Field errors")},
    )
    def create(self, request, *args, **kwargs):
        feature, prepared_photos = self._feature_and_photos(request)
        serializer = ProposalCreateSerializer(data=feature)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        campaign = data.get("campaign") or selectors.campaign_current()
        if campaign is None:
            raise ValidationError({"campaign": [_("Ingen kampanje tar imot forslag nå.")]})
        proposal = _service_errors(
            lambda: services.proposal_create(
                campaign=campaign,
                category=data["category"],
                title=data["title"],
                body=data["body"],
                location=data["geometry"],
                display_name=data["name"],
                email=data["email"],
                photos=prepared_photos,
            )
        )
        response = self._detail(proposal.pk, code=status.HTTP_201_CREATED, just_created=True)
        response["Location"] = f"{request.path}{proposal.pk}/"
        return response

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={200: ProposalSerializer(many=True)},
        description="The list's filters as a JSON body, for polygons too large for a URL: "
        '{"within": {"type": "Polygon", ...}, "category": ["bolig"]}. Next page: send the '
        "response's `cursor` as `cursor` in the body.",
    )
    @action(detail=False, methods=["post"])
    def search(self, request):
        if request.stream is None:  # an empty body
            raise ValidationError(
                {"detail": [_("Send filtrene som et JSON-objekt, {} for ingen.")]}
            )
        params = query_from_body(request.data)
        proposals = filtered_proposals(request, params)
        return self._geojson_page(request, proposals, params, next_url_base=None)

    @extend_schema(request=ProposalStatusSerializer, responses={200: ProposalDetailSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        proposal = self.get_object()
        serializer = ProposalStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _service_errors(
            lambda: services.proposal_set_status(
                proposal=proposal, user=request.user, **serializer.validated_data
            )
        )
        return self._detail(proposal.pk)

    @extend_schema(request=ModerationSerializer, responses={200: ProposalDetailSerializer})
    @action(detail=True, methods=["post"], url_path="moderation")
    def moderate(self, request, pk=None):
        proposal = self.get_object()
        serializer = ModerationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _service_errors(
            lambda: services.proposal_moderate(
                proposal=proposal, user=request.user, **serializer.validated_data
            )
        )
        return self._detail(proposal.pk)

    @extend_schema(
        request=FlagSerializer, responses={201: OpenApiResponse(description="Report received")}
    )
    @action(detail=True, methods=["post"])
    def flags(self, request, pk=None):
        proposal = self.get_object()
        serializer = FlagSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.proposal_flag(proposal=proposal, reason=serializer.validated_data["reason"])
        return Response(
            {"detail": _("Takk! Kommunen ser på forslaget.")}, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(description="Already supported from this browser"),
            201: OpenApiResponse(description="Support counted"),
        },
    )
    @action(detail=True, methods=["post"])
    def support(self, request, pk=None):
        """Support a proposal once per browser (a cookie), rate-limited per client."""
        proposal = self.get_object()
        token = supporter_token(request)
        created = _service_errors(
            lambda: services.proposal_support(proposal=proposal, supporter_token=token)
        )
        proposal.refresh_from_db(fields=["support_count"])
        response = Response(
            {"support_count": proposal.support_count, "supported": True, "counted": created},
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
        set_supporter_cookie(response, request, token)
        return response

    @extend_schema(methods=["GET"], responses={200: CommentSerializer(many=True)})
    @extend_schema(methods=["POST"], request=CommentSerializer, responses={201: CommentSerializer})
    @action(detail=True, methods=["get", "post"])
    def comments(self, request, pk=None):
        """The proposal's comments; POST adds one (plain text, at most 1,000 characters)."""
        proposal = self.get_object()
        if request.method == "GET":
            comments = selectors.comment_list_visible(proposal=proposal, user=request.user)
            return Response(CommentSerializer(comments, many=True).data)
        serializer = CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = _service_errors(
            lambda: services.comment_create(
                proposal=proposal,
                body=serializer.validated_data["body"],
                display_name=serializer.validated_data["display_name"],
            )
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[SimilarQuerySerializer], responses={200: ProposalSerializer(many=True)}
    )
    @action(detail=False, methods=["get"])
    def similar(self, request):
        """Published proposals near `point` (within `radius_m`, default 200) with similar text."""
        query = SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        proposals = selectors.proposal_similar(**query.validated_data)
        return Response(ProposalSerializer(proposals, many=True).data)
