"""On-site QR posters: a planner downloads a printable A4 poster for a point or an area; its short
link opens the resident map there with a new proposal ready."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.posters import poster_pdf
from geo.coordinates import is_lon_lat
from geo.models import Area
from mapping import selectors, services

POSTER_LANGUAGES = ("nb", "nn", "en")


def _spot(post, campaign) -> tuple[Point | None, Area | None]:
    """The poster's point (lon, lat) or area (code), as the workspace's form sent them."""
    try:
        lon, lat = float(post.get("lon", "")), float(post.get("lat", ""))
    except ValueError:
        lon = lat = None
    point = Point(lon, lat, srid=4326) if lon is not None and is_lon_lat(lon, lat) else None
    code = post.get("area", "")
    area = Area.objects.filter(code=code, place=campaign.boundary.place).first() if code else None
    return point, area


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
@require_POST
def poster_download(request):
    """A new poster for a campaign of the planner's places (the workspace's), as a PDF to print."""
    campaign = selectors.campaign_for_stats(
        request.POST.get("campaign"), among=selectors.managed_campaigns(request.user)
    )
    if campaign is None:
        raise Http404
    language = request.POST.get("language")
    point, area = _spot(request.POST, campaign)
    if language not in POSTER_LANGUAGES:
        language = "nb"
    try:
        poster = services.poster_create(
            campaign=campaign, user=request.user, point=point, area=area
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workspace")
    link = request.build_absolute_uri(poster_path(poster.code, language))
    response = HttpResponse(
        poster_pdf(poster, link=link, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="plakat-{poster.code}-{language}.pdf"'
    return response


def poster_path(code: str, language: str) -> str:
    """The poster's short link in its language: /p/CODE/ for bokmål, /p/CODE/nn/ for another."""
    if language == POSTER_LANGUAGES[0]:
        return reverse("poster-link", args=[code])
    return reverse("poster-link-language", args=[code, language])


def poster_link(request, code: str, language: str | None = None):
    """The poster's short link: the map at its spot, with a new proposal ready, in the poster's
    language (kept as the visitor's choice, as the language switcher keeps it)."""
    poster = selectors.poster_by_code(code)
    if poster is None or (language is not None and language not in POSTER_LANGUAGES):
        raise Http404(_("Fant ingen plakat med den koden."))
    response = redirect(f"{reverse('map')}?kampanje={poster.campaign.slug}&plakat={poster.code}")
    if language is not None:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
