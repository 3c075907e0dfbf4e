"""The proposals resource: list, detail, create, search, and the planner and resident actions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework_gis.pagination import GeoJsonPagination

from mapping import selectors, services
from mapping.api.filtering import filtered_proposals, query_from_body
from mapping.api.filters import ProposalFilter
from mapping.api.permissions import require_perm
from mapping.api.serializers import (
    FlagSerializer,
    ModerationSerializer,
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
    ProposalStatusSerializer,
)


class ProposalPagination(GeoJsonPagination):
    page_size = 100
    max_page_size = 1000


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
    pagination_class = ProposalPagination
    permission_classes = [AllowAny]
    action_permissions = {
        "set_status": require_perm("mapping.answer_proposal"),
        "moderate": require_perm("mapping.moderate_proposal"),
    }

    def get_permissions(self):
        permission = self.action_permissions.get(self.action, AllowAny)
        return [permission()]

    def get_queryset(self):
        queryset = selectors.proposal_list_visible(user=self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("areas", "status_changes")
        return queryset

    def get_serializer_class(self):
        return {
            "retrieve": ProposalDetailSerializer,
            "create": ProposalCreateSerializer,
        }.get(self.action, ProposalSerializer)

    def _detail(self, proposal, code=status.HTTP_200_OK):
        fresh = self.get_queryset().prefetch_related("areas", "status_changes").get(pk=proposal.pk)
        return Response(ProposalDetailSerializer(fresh).data, status=code)

    @extend_schema(
        request=ProposalCreateSerializer,
        responses={201: ProposalDetailSerializer, 400: OpenApiResponse(description="Field errors")},
    )
    def create(self, request, *args, **kwargs):
        serializer = ProposalCreateSerializer(data=request.data)
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
            )
        )
        body = ProposalDetailSerializer(proposal).data
        return Response(
            body,
            status=status.HTTP_201_CREATED,
            headers={"Location": f"{request.path}{proposal.pk}/"},
        )

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={200: ProposalSerializer(many=True)},
        description="The list's filters as a JSON body, for polygons too large for a URL: "
        '{"within": {"type": "Polygon", ...}, "category": ["bolig"]}. Page with ?page=.',
    )
    @action(detail=False, methods=["post"])
    def search(self, request):
        proposals = filtered_proposals(request, query_from_body(request.data))
        page = self.paginate_queryset(proposals)
        return self.get_paginated_response(ProposalSerializer(page, many=True).data)

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
        return self._detail(proposal)

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
        return self._detail(proposal)

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
