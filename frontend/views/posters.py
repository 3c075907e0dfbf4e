"""On-site QR posters: a planner names a poster for a point or an area and downloads it as a
printable A4 page, in any language, as often as needed; its short link opens the resident map
there, in the poster's language, with a new proposal ready."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
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


def _language(asked: str | None) -> str:
    return asked if asked in POSTER_LANGUAGES else POSTER_LANGUAGES[0]


def _poster_response(request, poster, language: str) -> HttpResponse:
    """The poster's PDF in `language`; where its map could not stand on the base map, the
    planner is told when the workspace shows again."""
    link = request.build_absolute_uri(poster_path(poster.code, language))
    pdf, on_basemap = poster_pdf(poster, link=link, language=language)
    if not on_basemap:
        messages.warning(
            request,
            _(
                "Bakgrunnskartet kunne ikke hentes, så plakatens kart viser bare områdegrenser "
                "og navn. Last ned plakaten igjen senere for et kart med veier og bygninger."
            ),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["X-Poster-Basemap"] = "yes" if on_basemap else "no"
    name = slugify(poster.name) or "plakat"
    response["Content-Disposition"] = f'attachment; filename="{name}-{poster.code}-{language}.pdf"'
    return response


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
@require_POST
def poster_download(request):
    """A new named poster for a campaign of the planner's places (the workspace's), as a PDF."""
    campaign = selectors.campaign_for_stats(
        request.POST.get("campaign"), among=selectors.managed_campaigns(request.user)
    )
    if campaign is None:
        raise Http404
    point, area = _spot(request.POST, campaign)
    try:
        poster = services.poster_create(
            campaign=campaign,
            user=request.user,
            name=request.POST.get("name", ""),
            point=point,
            area=area,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workspace")
    return _poster_response(request, poster, _language(request.POST.get("language")))


@login_required
@permission_required("mapping.use_workspace", raise_exception=True)
def poster_file(request, code: str, language: str):
    """A poster already made, again, in any language: the same poster, the same code."""
    poster = selectors.poster_by_code(code)
    managed = selectors.managed_campaigns(request.user)
    if poster is None or language not in POSTER_LANGUAGES or poster.campaign not in managed:
        raise Http404
    return _poster_response(request, poster, language)


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
