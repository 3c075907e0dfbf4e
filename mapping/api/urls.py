"""Routes of API v1."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from mapping.api import (
    comments,
    device,
    export,
    follows,
    merges,
    outcomes,
    photos,
    proposal_actions,
    proposals,
    reference,
    reports,
    stats,
    tags,
    tiles,
)
from mapping.api.lean import lean_view

router = SimpleRouter()
router.register("comments", comments.CommentViewSet, basename="comment")

urlpatterns = [
    path("device/", device.DeviceProofApi.as_view(), name="device-proof"),
    path("proposals/", lean_view(proposals.ProposalListApi), name="proposal-list"),
    path("proposals/count/", proposals.ProposalCountApi.as_view(), name="proposal-count"),
    path("proposals/search/", proposals.ProposalSearchApi.as_view(), name="proposal-search"),
    path("proposals/similar/", proposals.ProposalSimilarApi.as_view(), name="proposal-similar"),
    path("proposals/export/", export.ProposalExportApi.as_view(), name="proposal-export"),
    path(
        "proposals/tiles/<int:z>/<int:x>/<int:y>/",
        lean_view(tiles.ProposalTileApi),
        name="proposal-tile",
    ),
    path("proposals/<int:pk>/", lean_view(proposals.ProposalDetailApi), name="proposal-detail"),
    path(
        "proposals/<int:pk>/tags/<int:tag>/",
        tags.ProposalTagApi.as_view(),
        name="proposal-tag",
    ),
    path("proposals/<int:pk>/merge/", merges.ProposalMergeApi.as_view(), name="proposal-merge"),
    path(
        "proposals/<int:pk>/unmerge/",
        merges.ProposalUnmergeApi.as_view(),
        name="proposal-unmerge",
    ),
    path(
        "proposals/<int:pk>/outcome/",
        outcomes.ProposalOutcomeApi.as_view(),
        name="proposal-outcome",
    ),
    path("proposals/<int:pk>/follow/", follows.ProposalFollowApi.as_view(), name="proposal-follow"),
    path("duplicates/", merges.DuplicateListApi.as_view(), name="duplicates"),
    path("outcomes/", outcomes.OutcomeListApi.as_view(), name="outcome-list"),
    path(
        "outcomes/<int:pk>/proposals/",
        outcomes.OutcomeProposalsApi.as_view(),
        name="outcome-proposals",
    ),
    path("reports/", reports.ReportListApi.as_view(), name="report-list"),
    path("reports/<int:pk>/", reports.ReportDetailApi.as_view(), name="report-detail"),
    path("reports/<int:pk>/file/", reports.ReportFileApi.as_view(), name="report-file"),
    path("tags/", tags.TagListApi.as_view(), name="tag-list"),
    path("tags/<int:pk>/proposals/", tags.TagProposalsApi.as_view(), name="tag-proposals"),
    path(
        "proposals/<int:pk>/status/",
        proposal_actions.ProposalStatusApi.as_view(),
        name="proposal-status",
    ),
    path(
        "proposals/<int:pk>/moderation/",
        proposal_actions.ProposalModerationApi.as_view(),
        name="proposal-moderation",
    ),
    path(
        "proposals/<int:pk>/flags/",
        proposal_actions.ProposalFlagApi.as_view(),
        name="proposal-flags",
    ),
    path(
        "proposals/<int:pk>/support/",
        proposal_actions.ProposalSupportApi.as_view(),
        name="proposal-support",
    ),
    path(
        "proposals/<int:pk>/supports/accept/",
        proposal_actions.ProposalSupportsAcceptApi.as_view(),
        name="proposal-supports-accept",
    ),
    path(
        "proposals/<int:pk>/robustness/",
        proposal_actions.ProposalRobustnessApi.as_view(),
        name="proposal-robustness",
    ),
    path(
        "proposals/<int:pk>/comments/",
        proposal_actions.ProposalCommentsApi.as_view(),
        name="proposal-comments",
    ),
    path("photos/<int:pk>/", photos.photo_file, name="photo-file"),
    path("photos/<int:pk>/thumbnail/", photos.photo_file, {"thumbnail": True}, name="photo-thumb"),
    path("categories/", reference.CategoryListApi.as_view(), name="category-list"),
    path("campaigns/", reference.CampaignListApi.as_view(), name="campaign-list"),
    path("campaigns/current/", reference.CampaignCurrentApi.as_view(), name="campaign-current"),
    path("campaigns/<int:pk>/", reference.CampaignDetailApi.as_view(), name="campaign-detail"),
    path("areas/", reference.AreaListApi.as_view(), name="area-list"),
    path("areas/outline/", reference.AreaOutlineApi.as_view(), name="area-outline"),
    path("places/", reference.PlaceSearchApi.as_view(), name="place-search"),
    path("stats/areas/", stats.AreaStatsApi.as_view(), name="stats-areas"),
    path("stats/weeks/", stats.WeeklyStatsApi.as_view(), name="stats-weeks"),
    path("stats/channels/", stats.ChannelStatsApi.as_view(), name="stats-channels"),
    path("stats/events/", stats.GroupStatsApi.as_view(group="event"), name="stats-events"),
    path("stats/posters/", stats.GroupStatsApi.as_view(group="poster"), name="stats-posters"),
    path("stats/background/", stats.BackgroundStatsApi.as_view(), name="stats-background"),
    path("stats/tags/", stats.TagStatsApi.as_view(), name="stats-tags"),
    path("stats/themes/", stats.ThemeStatsApi.as_view(), name="stats-themes"),
    path("hotspots/", stats.HotspotsApi.as_view(), name="hotspots"),
    *router.urls,
]
