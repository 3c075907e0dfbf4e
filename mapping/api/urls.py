"""Routes of API v1."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from mapping.api import comments, export, proposals, reference, stats, tiles

router = SimpleRouter()
router.register("proposals", proposals.ProposalViewSet, basename="proposal")
router.register("comments", comments.CommentViewSet, basename="comment")

urlpatterns = [
    path("proposals/export/", export.ProposalExportApi.as_view(), name="proposal-export"),
    path(
        "proposals/tiles/<int:z>/<int:x>/<int:y>/",
        tiles.ProposalTileApi.as_view(),
        name="proposal-tile",
    ),
    path("categories/", reference.CategoryListApi.as_view(), name="category-list"),
    path("campaigns/", reference.CampaignListApi.as_view(), name="campaign-list"),
    path("campaigns/current/", reference.CampaignCurrentApi.as_view(), name="campaign-current"),
    path("campaigns/<int:pk>/", reference.CampaignDetailApi.as_view(), name="campaign-detail"),
    path("areas/", reference.AreaListApi.as_view(), name="area-list"),
    path("places/", reference.PlaceSearchApi.as_view(), name="place-search"),
    path("stats/areas/", stats.AreaStatsApi.as_view(), name="stats-areas"),
    path("stats/weeks/", stats.WeeklyStatsApi.as_view(), name="stats-weeks"),
    *router.urls,
]
