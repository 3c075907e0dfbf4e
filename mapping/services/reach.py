"""Reaching people where they are: workshops and kiosks (events), and on-site QR posters."""

import secrets

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from geo.models import Area
from mapping.models import (
    Campaign,
    Event,
    Poster,
)
from mapping.shapes import placement_check

# Codes people type from a projector or a poster: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


CODE_LENGTH = 6


def _unique_code(model) -> str:
    """A short code that no other row of `model` (Event, Poster) has."""
    taken = set(model.objects.values_list("code", flat=True))
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


@transaction.atomic
def event_create(
    *,
    campaign: Campaign,
    name: str,
    place: str,
    starts_at,
    ends_at,
    user,
    focus_area: Area | None = None,
    focus_point: Point | None = None,
) -> Event:
    """A workshop or kiosk for the campaign, with a short code nobody else has."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Slutten må være etter starten.")})
    if focus_point is not None:
        placement_check(campaign=campaign, geometry=focus_point)
    return Event.objects.create(
        campaign=campaign,
        name=name,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        code=_unique_code(Event),
        end_code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
        focus_area=focus_area,
        focus_point=focus_point,
        created_by=user,
    )


@transaction.atomic
def poster_create(
    *, campaign: Campaign, user, name: str, point: Point | None = None, area: Area | None = None
):
    """A named poster for a spot: a point, or an area (then its point on the surface)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Gi plakaten et navn, så du finner den igjen.")})
    if point is None and area is None:
        raise ValidationError({"point": _("Velg et punkt i kartet eller et område.")})
    point = point or area.geom.point_on_surface
    placement_check(campaign=campaign, geometry=point)
    poster = Poster(
        campaign=campaign,
        code=_unique_code(Poster),
        name=name,
        point=point,
        area=area,
        created_by=user,
    )
    poster.full_clean()
    poster.save()
    return poster
