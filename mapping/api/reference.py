"""Reference resources: categories, the current campaign and areas."""

from django.http import Http404
from rest_framework import generics

from mapping import selectors
from mapping.api.filters import AreaFilter
from mapping.api.serializers import (
    AreaSerializer,
    CampaignSerializer,
    CampaignSummarySerializer,
    CategorySerializer,
)


class CategoryListApi(generics.ListAPIView):
    """All categories, in display order."""

    serializer_class = CategorySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.category_list()


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
