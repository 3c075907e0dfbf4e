"""The resident map page."""

from django.conf import settings
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from frontend.views.common import map_config
from geo.selectors import area_choices
from mapping.models import BackgroundCount, Proposal
from mapping.selectors import (
    campaign_for_page,
    campaign_list,
    category_list,
    device_event,
    poster_by_code,
)

# The areas around the map's centre a resident can choose without drawing, in metres.
CIRCLE_RADII_M = (50, 100, 250, 500)


def map_page(request, embed=False):
    """The map: campaign question and window, proposals, search, and the form to add one.

    `?kampanje=<slug>` shows another campaign; a closed one is shown read-only.
    """
    campaign = campaign_for_page(slug=request.GET.get("kampanje"))
    event, kiosk = device_event(request)
    if event and event.campaign_id != getattr(campaign, "pk", None):
        event, kiosk = None, False  # another campaign's map: shown as anyone sees it
    poster = poster_by_code(request.GET.get("plakat", ""))
    if poster and poster.campaign_id != getattr(campaign, "pk", None):
        poster = None
    return render(
        request,
        "frontend/map.html",
        {
            "campaign": campaign,
            "campaigns": campaign_list(),
            "categories": category_list(campaign=campaign),
            "embed": embed,
            "event": event,
            "kiosk": kiosk,
            "area_choices": area_choices(place=campaign.boundary.place) if campaign else [],
            "radii": CIRCLE_RADII_M,
            "age_bands": BackgroundCount.AgeBand.choices,
            "relations": BackgroundCount.Relation.choices,
            "config": {
                **map_config(campaign, event, poster),
                "poster": {"code": poster.code, "lon": poster.point.x, "lat": poster.point.y}
                if poster
                else None,
                "kiosk": {
                    "next": reverse("kiosk-next"),
                    "return_s": settings.FREMTIDSKART_KIOSK_RETURN_S,
                    "idle_s": settings.FREMTIDSKART_KIOSK_IDLE_S,
                }
                if kiosk
                else None,
                "statuses": dict(Proposal.Status.choices),
                "undecided": list(Proposal.UNDECIDED),
                "campaign": campaign.pk if campaign else None,
                "campaign_url": reverse("campaign-detail", args=[campaign.pk])
                if campaign
                else None,
                "campaign_open": bool(campaign and campaign.is_open()),
                "channel": Proposal.Channel.EMBED if embed else Proposal.Channel.MAP,
                "max_photos": settings.FREMTIDSKART_PHOTOS_PER_PROPOSAL,
                "shape_limits": {
                    "vertices": settings.FREMTIDSKART_SHAPE_MAX_VERTICES,
                    "area_m2": settings.FREMTIDSKART_SHAPE_MAX_AREA_M2,
                    "length_m": settings.FREMTIDSKART_SHAPE_MAX_LENGTH_M,
                },
                # Leaflet finds its default icon through its CSS, which breaks once static
                # names are hashed; the new proposal's pin gets its images by name instead.
                "pin": {
                    "icon": static("vendor/leaflet/images/marker-icon.png"),
                    "icon_2x": static("vendor/leaflet/images/marker-icon-2x.png"),
                    "shadow": static("vendor/leaflet/images/marker-shadow.png"),
                },
            },
        },
    )


@xframe_options_exempt
def embed_page(request):
    """The map without the site's menu, for an iframe on the kommune's own pages.

    The deliberate exception to "no framing": its Content-Security-Policy lets the origins in
    FREMTIDSKART_EMBED_ORIGINS frame it (X-Frame-Options cannot name origins, so it is left off;
    every browser that matters reads frame-ancestors). Links to the full site open in a new tab.
    """
    response = map_page(request, embed=True)
    # What django-csp's @csp_replace sets, but read at request time, from the settings.
    response._csp_replace = {"frame-ancestors": settings.FREMTIDSKART_EMBED_ORIGINS or ["'self'"]}
    return response
