"""Where a proposal is: a pin, a line (a route, a path) or an area (arealinnspill). Checked against
its campaign's boundary and the size limits, measured on the ground, and given the point the map
layer, hotspots and posters place it by (its representative point).

A shape reaching outside the boundary is refused, not clipped: clipping would store something
other than what the person drew, without their seeing it; the map draws the boundary, and the
message says to draw inside it."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, LineString, Point
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from geo.models import Area
from mapping.models import Campaign, Proposal

# One statement for a line or an area: is it inside the boundary (with its sea), and how large is
# it on the ground (geography: metres on the ellipsoid, wherever the place lies). Inside allows
# what lies outside to be up to OUTSIDE_TOLERANCE m (a line) or m² (an area): the areas a person
# chooses and the boundary come from different datasets, and their edges differ by centimetres.
OUTSIDE_TOLERANCE = 1.0
MEASURE_SQL = """
SELECT ST_Area(outside::geography) + ST_Length(outside::geography) <= %s,
       ST_Area(shape::geography), ST_Length(shape::geography)
FROM (
    SELECT ST_Difference(s.shape, a.geom) AS outside, s.shape
    FROM geo_area AS a, (SELECT ST_GeomFromEWKB(%s) AS shape) AS s
    WHERE a.id = %s
) AS measured
"""


@dataclass(frozen=True)
class Placement:
    """A checked place, as the proposal's fields."""

    location: Point
    kind: str = Proposal.Kind.POINT
    shape: GEOSGeometry | None = None
    area_m2: int | None = None
    length_m: int | None = None

    def fields(self) -> dict:
        return {
            "location": self.location,
            "kind": self.kind,
            "shape": self.shape,
            "area_m2": self.area_m2,
            "length_m": self.length_m,
        }


def _outside(campaign: Campaign, kind: str) -> ValidationError:
    messages = {
        Proposal.Kind.POINT: _("Punktet ligger utenfor %(area)s. Plasser nålen innenfor grensen."),
        Proposal.Kind.LINE: _("Linjen går utenfor %(area)s. Tegn den innenfor grensen."),
        Proposal.Kind.AREA: _("Området går utenfor %(area)s. Tegn det innenfor grensen."),
    }
    return ValidationError({"geometry": messages[kind] % {"area": campaign.boundary.name}})


def _km2(m2: float) -> str:
    return number_format(m2 / 1_000_000, decimal_pos=1, force_grouping=True)


def placement_check(*, campaign: Campaign, geometry: GEOSGeometry) -> Placement:
    """The proposal's place for `geometry` (a Point, a LineString, a Polygon or a MultiPolygon
    that geo.fields has read), or a ValidationError on `geometry` saying what to change."""
    if isinstance(geometry, Point):
        if not Area.objects.filter(pk=campaign.boundary_id).containing(geometry).exists():
            raise _outside(campaign, Proposal.Kind.POINT)
        return Placement(location=geometry)
    kind = Proposal.Kind.LINE if isinstance(geometry, LineString) else Proposal.Kind.AREA
    with connection.cursor() as cursor:
        cursor.execute(MEASURE_SQL, [OUTSIDE_TOLERANCE, bytes(geometry.ewkb), campaign.boundary_id])
        inside, area_m2, length_m = cursor.fetchone()
    if not inside:
        raise _outside(campaign, kind)
    if kind == Proposal.Kind.LINE:
        most = settings.FREMTIDSKART_SHAPE_MAX_LENGTH_M
        if length_m > most:
            raise ValidationError(
                {
                    "geometry": _(
                        "Linjen er %(length)s km lang; et forslag kan gjelde høyst %(most)s km."
                    )
                    % {
                        "length": number_format(length_m / 1000, decimal_pos=1),
                        "most": number_format(most / 1000, force_grouping=True),
                    }
                }
            )
        return Placement(
            location=geometry.interpolate_normalized(0.5),
            kind=kind,
            shape=geometry,
            length_m=max(1, round(length_m)),
        )
    most = settings.FREMTIDSKART_SHAPE_MAX_AREA_M2
    if area_m2 > most:
        raise ValidationError(
            {
                "geometry": _("Området er %(area)s km²; et forslag kan gjelde høyst %(most)s km².")
                % {"area": _km2(area_m2), "most": _km2(most)}
            }
        )
    return Placement(
        location=geometry.point_on_surface,
        kind=kind,
        shape=geometry,
        area_m2=max(1, round(area_m2)),
    )


def size_text(proposal: Proposal) -> str:
    """ "Område, 2 470 m² (2,5 daa)", "Linje, 1,2 km", or "" for a pin: the size in words, in the
    language active (as the map writes it, frontend/static/frontend/lib/measure.js)."""
    if proposal.kind == Proposal.Kind.AREA:
        m2 = proposal.area_m2
        if m2 < 1000:
            size = f"{number_format(m2, force_grouping=True)} m²"
        elif m2 < 100_000:
            daa = number_format(m2 / 1000, decimal_pos=1)
            size = f"{number_format(m2, force_grouping=True)} m² ({daa} daa)"
        elif m2 < 1_000_000:
            size = f"{number_format(round(m2 / 1000), force_grouping=True)} daa"
        else:
            size = f"{_km2(m2)} km²"
        return _("Område, %(size)s") % {"size": size}
    if proposal.kind == Proposal.Kind.LINE:
        metres = proposal.length_m
        if metres < 1000:
            size = f"{number_format(metres, force_grouping=True)} m"
        else:
            size = f"{number_format(metres / 1000, decimal_pos=1)} km"
        return _("Linje, %(size)s") % {"size": size}
    return ""


def footprint_intersects(geometry: GEOSGeometry) -> Q:
    """Proposals whose pin, line or area meets `geometry` (a bbox, a drawn polygon, a CQL2
    geometry)."""
    return Q(footprint__intersects=geometry)
