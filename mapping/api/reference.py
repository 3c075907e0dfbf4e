"""Reference resources: categories, the current campaign and areas."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from geo.address_search import address_search
from geo.fields import GeoJSONShapeField
from geo.selectors import areas_outline, place_search
from mapping import selectors
from mapping.api.serializers import (
    AreaSerializer,
    CampaignSerializer,
    CampaignSummarySerializer,
    CategorySerializer,
    OutlineQuerySerializer,
    PlaceQuerySerializer,
)
from mapping.filters import AreaFilter
from mapping.shapes import placement_check


class CategoryListApi(APIView):
    """A campaign's categories (`campaign`: its id; default the current one), in its order."""

    @extend_schema(
        parameters=[OpenApiParameter("campaign", int)],
        responses={200: CategorySerializer(many=True)},
    )
    def get(self, request):
        campaign_id = request.query_params.get("campaign")
        if campaign_id is None:
            campaign = selectors.campaign_current()
        else:
            campaign = get_object_or_404(selectors.campaign_list(), pk=campaign_id)
        categories = selectors.category_list(campaign=campaign)
        return Response(CategorySerializer(categories, many=True).data)


class CampaignListApi(generics.ListAPIView):
    """All campaigns, newest first (without geometry)."""

    serializer_class = CampaignSummarySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.campaign_list()


class CampaignCurrentApi(generics.RetrieveAPIView):
    """The campaign residents answer now, with its boundary and map outline."""

    serializer_class = CampaignSerializer

    def get_object(self):
        campaign = selectors.campaign_with_geometry(selectors.campaign_current())
        if campaign is None:
            raise Http404
        return campaign


class CampaignDetailApi(generics.RetrieveAPIView):
    """One campaign with its boundary and map outline."""

    serializer_class = CampaignSerializer

    def get_object(self):
        campaign = selectors.campaign_list().select_related("boundary", "outline")
        return selectors.campaign_with_geometry(get_object_or_404(campaign, pk=self.kwargs["pk"]))


class AreaListApi(generics.ListAPIView):
    """Areas as GeoJSON, boundaries simplified for a web map; filter by `kind`, `code` and
    `campaign` (the areas of its place)."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    pagination_class = None

    def get_queryset(self):
        return selectors.area_list_for_map()


class AreaOutlineApi(APIView):
    """Areas chosen from a list as one area, the way to propose something for a whole area
    without drawing (WCAG 2.5.7): the outline a new proposal's geometry can be, checked and
    measured as a drawn one is (mapping.shapes), so that its size shows before sending."""

    @extend_schema(parameters=[OutlineQuerySerializer], responses={200: dict})
    def get(self, request):
        query = OutlineQuerySerializer(
            data={**request.query_params.dict(), "area": request.query_params.getlist("area")}
        )
        query.is_valid(raise_exception=True)
        campaign = selectors.campaign_for_stats(query.validated_data.get("campaign"))
        if campaign is None:
            raise Http404
        found = areas_outline(
            place=campaign.boundary.place,
            codes=query.validated_data["area"],
            most_vertices=settings.FREMTIDSKART_SHAPE_MAX_VERTICES,
        )
        if found is None:
            raise ValidationError({"area": [_("Velg områder fra listen.")]})
        outline, names = found
        placement = placement_check(campaign=campaign, geometry=outline)
        return Response(
            {
                "type": "Feature",
                "geometry": GeoJSONShapeField().to_representation(outline),
                "properties": {"names": names, "area_m2": placement.area_m2},
            }
        )


class PlaceSearchApi(APIView):
    """Places by name: well-known places and areas (offline), plus addresses if configured."""

    @extend_schema(
        parameters=[PlaceQuerySerializer],
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def get(self, request):
        query = PlaceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text = query.validated_data["q"]
        return Response(place_search(text) + address_search(text))
