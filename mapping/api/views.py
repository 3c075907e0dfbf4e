"""API views: thin wrappers that hand validated input to services and read through selectors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework_gis.pagination import GeoJsonPagination

from mapping import selectors, services
from mapping.api.filters import AreaFilter, ProposalFilter
from mapping.api.serializers import (
    AreaSerializer,
    CampaignSerializer,
    CategorySerializer,
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
)


class ProposalPagination(GeoJsonPagination):
    page_size = 100
    max_page_size = 1000


class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Published proposals as GeoJSON; POST a Feature to add one."""

    filterset_class = ProposalFilter
    pagination_class = ProposalPagination

    def get_queryset(self):
        queryset = selectors.proposal_list_public()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("areas")
        return queryset

    def get_serializer_class(self):
        return {
            "retrieve": ProposalDetailSerializer,
            "create": ProposalCreateSerializer,
        }.get(self.action, ProposalSerializer)

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
        try:
            proposal = services.proposal_create(
                campaign=campaign,
                category=data["category"],
                title=data["title"],
                body=data["body"],
                location=data["geometry"],
                display_name=data["name"],
                email=data["email"],
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error
        body = ProposalDetailSerializer(proposal).data
        return Response(
            body,
            status=status.HTTP_201_CREATED,
            headers={"Location": f"{request.path}{proposal.pk}/"},
        )


class CategoryListApi(generics.ListAPIView):
    """All categories, in display order."""

    serializer_class = CategorySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.category_list()


class CampaignCurrentApi(generics.RetrieveAPIView):
    """The campaign residents answer now, with its boundary and map outline."""

    serializer_class = CampaignSerializer

    def get_object(self):
        campaign = selectors.campaign_current_with_geometry()
        if campaign is None:
            raise Http404
        return campaign


class AreaListApi(generics.ListAPIView):
    """Areas as GeoJSON, boundaries simplified for a web map; filter by `kind` and `code`."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    pagination_class = None

    def get_queryset(self):
        return selectors.area_list_for_map()
