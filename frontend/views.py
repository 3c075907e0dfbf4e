"""Page views: render templates with the campaign text and the API URLs the scripts call."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from geo.selectors import area_attributions
from mapping.selectors import campaign_current, category_list


def map_page(request):
    """The resident map: the campaign question, the map, and the form to add a proposal."""
    campaign = campaign_current()
    config = {
        "api": {
            "proposals": reverse("proposal-list"),
            "campaign": reverse("campaign-current"),
            "categories": reverse("category-list"),
        },
        "basemap": settings.BASEMAP,
    }
    return render(
        request,
        "frontend/map.html",
        {
            "campaign": campaign,
            "categories": category_list(),
            "attributions": area_attributions(),
            "config": config,
        },
    )
