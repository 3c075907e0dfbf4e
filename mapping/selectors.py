"""Reads for the participation domain: what the public and the pages may see."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from geo.models import Area
from mapping.models import Campaign, Category, Proposal


def campaign_current(*, at=None) -> Campaign | None:
    """The open campaign that opened last; if none is open, the one that opened last."""
    at = at or timezone.now()
    campaigns = Campaign.objects.select_related("boundary", "outline").order_by("-opens_at")
    open_now = campaigns.filter(opens_at__lte=at).filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=at)
    )
    return open_now.first() or campaigns.first()


def category_list() -> QuerySet[Category]:
    return Category.objects.all()


def proposal_list_public() -> QuerySet[Proposal]:
    """Published proposals, with what their GeoJSON needs fetched in the same query."""
    return Proposal.objects.filter(visibility=Proposal.Visibility.PUBLISHED).select_related(
        "category"
    )


# Boundaries drawn on the web map are simplified to this many metres: invisible at street zoom.
MAP_SIMPLIFY_M = 5


def campaign_current_with_geometry(*, at=None) -> Campaign | None:
    """The current campaign with `boundary_simplified` and `outline_simplified` set for the map."""
    campaign = campaign_current(at=at)
    if campaign is None:
        return None
    outline_id = campaign.outline_id or campaign.boundary_id
    geoms = dict(
        Area.objects.filter(pk__in={campaign.boundary_id, outline_id})
        .with_simplified_geom(MAP_SIMPLIFY_M)
        .values_list("pk", "simplified_geom")
    )
    campaign.boundary_simplified = geoms[campaign.boundary_id]
    campaign.outline_simplified = geoms[outline_id]
    return campaign


def area_list_for_map() -> QuerySet[Area]:
    """Areas with `simplified_geom` for display."""
    return Area.objects.select_related("parent").with_simplified_geom(MAP_SIMPLIFY_M)
