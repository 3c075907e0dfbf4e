"""What every page view shares: the map's settings, the API URLs scripts call, the 429 pages."""

import math

from django.conf import settings
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse


def api_urls(campaign) -> dict:
    """The API addresses a page's scripts call; categories and areas are the campaign's own."""
    categories, areas = reverse("category-list"), reverse("area-list")
    own = f"?campaign={campaign.pk}" if campaign else ""
    return {
        "proposals": reverse("proposal-list"),
        "search": reverse("proposal-search"),
        "similar": reverse("proposal-similar"),
        "campaign": reverse("campaign-current"),
        "campaigns": reverse("campaign-list"),
        "categories": categories + own,
        "areas": areas + own,
        "outline": reverse("area-outline") + own,
        "places": reverse("place-search"),
        "stats_areas": reverse("stats-areas"),
        "stats_weeks": reverse("stats-weeks"),
        "stats_channels": reverse("stats-channels"),
        "stats_events": reverse("stats-events"),
        "stats_posters": reverse("stats-posters"),
        "stats_background": reverse("stats-background"),
        "tags": reverse("tag-list"),
        "stats_tags": reverse("stats-tags"),
        "stats_themes": reverse("stats-themes"),
        "hotspots": reverse("hotspots"),
        "duplicates": reverse("duplicates"),
        "outcomes": reverse("outcome-list"),
        "reports": reverse("report-list"),
    }


# Half the side of the view around an event's focus point, in degrees (about 300 m).
FOCUS_POINT_MARGIN = 0.003


def _bounds(extent) -> dict:
    west, south, east, north = extent
    return {"bounds": [[south, west], [north, east]]}


def map_view(campaign, event=None, poster=None) -> dict | None:
    """Where the map opens: a poster's spot, an event's focus (area or point), else the
    campaign's boundary."""
    point = poster.point if poster else event.focus_point if event else None
    if point:
        m = FOCUS_POINT_MARGIN
        return _bounds((point.x - m, point.y - m, point.x + m, point.y + m))
    if event and event.focus_area:
        return _bounds(event.focus_area.geom.extent)
    return _bounds(campaign.boundary.geom.extent) if campaign else None


def map_config(campaign, event=None, poster=None) -> dict:
    """What a page's map script needs to show the campaign's place: API, base map, view, symbols."""
    return {
        "api": api_urls(campaign),
        "basemap": settings.BASEMAP,
        "view": map_view(campaign, event, poster),
        "sprite": static("frontend/symbols.svg"),
    }


def too_many_requests(request, wait_s: int, template="frontend/429.html", context=None):
    """429 with Retry-After, on a page in the site's look saying when to try again."""
    response = render(request, template, {"wait_s": wait_s, **(context or {})}, status=429)
    response["Retry-After"] = str(wait_s)
    return response


def login_locked(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login."""
    wait_s = math.ceil(settings.AXES_COOLOFF_TIME * 3600)
    context = {"minutes": math.ceil(wait_s / 60)}
    return too_many_requests(request, wait_s, "frontend/login_locked.html", context)
