"""Page views: render templates with the campaign text and the API URLs the scripts call."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse

from geo.selectors import area_attributions
from mapping.models import Proposal
from mapping.selectors import campaign_current, campaign_list, category_list


def _api_urls() -> dict:
    return {
        "proposals": reverse("proposal-list"),
        "search": reverse("proposal-search"),
        "export": reverse("proposal-export"),
        "campaign": reverse("campaign-current"),
        "categories": reverse("category-list"),
        "areas": reverse("area-list"),
        "stats_areas": reverse("stats-areas"),
        "stats_weeks": reverse("stats-weeks"),
    }


def map_page(request):
    """The resident map: the campaign question, the map, and the form to add a proposal."""
    campaign = campaign_current()
    return render(
        request,
        "frontend/map.html",
        {
            "campaign": campaign,
            "categories": category_list(),
            "attributions": area_attributions(),
            "config": {
                "api": _api_urls(),
                "basemap": settings.BASEMAP,
                "statuses": dict(Proposal.Status.choices),
            },
        },
    )


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
def workspace_page(request):
    """The planners' workspace: filters, map and list in sync, numbers per area, export."""
    current = campaign_current()
    return render(
        request,
        "frontend/workspace.html",
        {
            "campaigns": campaign_list(),
            "current_campaign": current,
            "categories": category_list(),
            "statuses": Proposal.Status.choices,
            "visibilities": Proposal.Visibility.choices,
            "attributions": area_attributions(),
            "config": {
                "api": _api_urls(),
                "basemap": settings.BASEMAP,
                "can_moderate": request.user.has_perm("mapping.moderate_proposal"),
                "can_answer": request.user.has_perm("mapping.answer_proposal"),
                "statuses": dict(Proposal.Status.choices),
                "visibilities": dict(Proposal.Visibility.choices),
                "map_page": reverse("map"),
            },
        },
    )
