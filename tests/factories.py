"""Test data builders: literal points and small squares, proposals made through the service."""

from django.contrib.gis.geos import GEOSGeometry, LineString, MultiPolygon, Point, Polygon

from geo.models import Area
from mapping.models import Campaign, Category, Proposal
from mapping.services import proposal_create

SANDVIKA = (10.52, 59.89)  # in delområde Jong (320115), valgkrets Sandvika
SANDVIKA_STATION = (10.5225, 59.8917)  # in delområde Sandvika-Valler (320114)
SANDVIKA_EAST = (10.530, 59.8935)  # Sandvika-Valler too, about 500 m east
BEKKESTUA = (10.587, 59.9185)
LOMMEDALEN = (10.475, 59.956)
KADETTANGEN = (10.5269, 59.8855)  # beach: in the sea territory, outside the land outline
OSLO = (10.75, 59.91)
FJORD = (10.60, 59.80)


def point(lon_lat: tuple[float, float]) -> Point:
    return Point(*lon_lat, srid=4326)


def line(*lon_lats: tuple[float, float]) -> LineString:
    return LineString(lon_lats, srid=4326)


def square(lon: float, lat: float, size: float = 0.002) -> Polygon:
    """A small square with its south-west corner at lon, lat (0.002°: about 110 × 220 m)."""
    polygon = Polygon.from_bbox((lon, lat, lon + size, lat + size))
    polygon.srid = 4326
    return polygon


def square_area(*, kind: str, code: str, lon: float, lat: float, size: float = 0.01) -> Area:
    square = Polygon.from_bbox((lon, lat, lon + size, lat + size))
    return Area.objects.create(
        kind=kind, code=code, name=f"Test {code}", geom=MultiPolygon(square, srid=4326)
    )


def make_proposal(
    campaign: Campaign,
    *,
    at: tuple[float, float] = SANDVIKA,
    category: str = "bolig",
    title: str = "Flere rimelige boliger",
    body: str = "Bygg rimelige boliger nær stasjonen.",
    email: str = "",
    visibility: str | None = None,
    shape: GEOSGeometry | None = None,
) -> Proposal:
    """A proposal made through the service: a pin `at`, or a drawn `shape`."""
    proposal = proposal_create(
        campaign=campaign,
        category=Category.objects.get(campaign=campaign, slug=category),
        title=title,
        body=body,
        geometry=shape or point(at),
        email=email,
    )
    if visibility:
        Proposal.objects.filter(pk=proposal.pk).update(visibility=visibility)
    return proposal


def feature(at: tuple[float, float] = BEKKESTUA, geometry: dict | None = None, **properties):
    """A new proposal as the API takes it: a GeoJSON Feature with the required properties."""
    return {
        "type": "Feature",
        "geometry": geometry or {"type": "Point", "coordinates": list(at)},
        "properties": {
            "title": "Trygg sykkelvei",
            "body": "Barna sykler langs en smal vei.",
            "category": "transport-og-mobilitet",
            **properties,
        },
    }
