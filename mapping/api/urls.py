"""Routes of API v1."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from mapping.api import views

router = SimpleRouter()
router.register("proposals", views.ProposalViewSet, basename="proposal")

urlpatterns = [
    path("categories/", views.CategoryListApi.as_view(), name="category-list"),
    path("campaigns/current/", views.CampaignCurrentApi.as_view(), name="campaign-current"),
    path("areas/", views.AreaListApi.as_view(), name="area-list"),
    *router.urls,
]
