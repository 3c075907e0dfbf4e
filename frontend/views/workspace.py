"""The planners' workspace."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse

from frontend.views.common import map_config
from mapping.models import Poster, Proposal
from mapping.selectors import (
    campaign_current,
    can_moderate,
    category_list,
    managed_campaigns,
    tag_list,
)


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
def workspace_page(request):
    """Filters, map and list in sync, numbers per area, moderation, answers and export, for the
    campaigns of the planner's places."""
    campaigns = managed_campaigns(request.user)
    campaign = campaign_current(among=campaigns)
    return render(
        request,
        "frontend/workspace.html",
        {
            "campaigns": campaigns.order_by("-opens_at"),
            "current_campaign": campaign,
            "categories": category_list(campaign=campaign),
            "statuses": Proposal.Status.choices,
            "visibilities": Proposal.Visibility.choices,
            "channels": Proposal.Channel.choices,
            "shapes": Proposal.Kind.choices,
            "tags": tag_list(campaign=campaign),
            "posters": Poster.objects.filter(campaign=campaign).select_related("area")
            if campaign
            else [],
            "poster_languages": [(code, name) for code, name in settings.LANGUAGES],
            "config": {
                **map_config(campaign),
                "can_moderate": can_moderate(request.user),
                "can_answer": request.user.has_perm("mapping.answer_proposal"),
                "statuses": dict(Proposal.Status.choices),
                "visibilities": dict(Proposal.Visibility.choices),
                "map_page": reverse("map"),
                "campaign": campaign.pk if campaign else None,
                "least_heard_min_population": settings.FREMTIDSKART_LEAST_HEARD_MIN_POPULATION,
            },
        },
    )
