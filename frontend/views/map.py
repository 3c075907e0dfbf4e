"""The resident map page."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from frontend.views.common import api_urls
from mapping.models import Proposal
from mapping.selectors import campaign_for_page, campaign_list, category_list


def map_page(request):
    """The map: campaign question and window, proposals, search, and the form to add one.

    `?kampanje=<slug>` shows another campaign; a closed one is shown read-only.
    """
    campaign = campaign_for_page(slug=request.GET.get("kampanje"))
    return render(
        request,
        "frontend/map.html",
        {
            "campaign": campaign,
            "campaigns": campaign_list(),
            "categories": category_list(),
            "config": {
                "api": api_urls(),
                "basemap": settings.BASEMAP,
                "statuses": dict(Proposal.Status.choices),
                "campaign": campaign.pk if campaign else None,
                "campaign_url": reverse("campaign-detail", args=[campaign.pk])
                if campaign
                else None,
                "campaign_open": bool(campaign and campaign.is_open()),
                "max_photos": settings.FREMTIDSKART_PHOTOS_PER_PROPOSAL,
            },
        },
    )
