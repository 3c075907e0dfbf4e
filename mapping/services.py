"""Writes for the participation domain. Every change to proposals goes through here."""

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from geo.models import Area
from mapping.models import Campaign, Category, Proposal


def proposal_areas_assign(*, proposal: Proposal) -> None:
    """Link the proposal to every area, of every kind, that contains its point."""
    proposal.areas.set(Area.objects.containing(proposal.location))


@transaction.atomic
def proposal_create(
    *,
    campaign: Campaign,
    category: Category,
    title: str,
    body: str,
    location: Point,
    display_name: str = "",
    email: str = "",
    is_demo: bool = False,
) -> Proposal:
    """Store a proposal linked to its areas; refuse closed campaigns and pins outside."""
    if not campaign.is_open():
        raise ValidationError({"campaign": _("Kampanjen er stengt og tar ikke imot nye forslag.")})
    if not Area.objects.filter(pk=campaign.boundary_id).containing(location).exists():
        raise ValidationError(
            {
                "geometry": _("Punktet ligger utenfor %(area)s. Plasser nålen innenfor grensen.")
                % {"area": campaign.boundary.name}
            }
        )
    visibility = (
        Proposal.Visibility.PENDING
        if campaign.moderation == Campaign.Moderation.APPROVE
        else Proposal.Visibility.PUBLISHED
    )
    proposal = Proposal.objects.create(
        campaign=campaign,
        category=category,
        title=title,
        body=body,
        location=location,
        display_name=display_name,
        email=email,
        is_demo=is_demo,
        visibility=visibility,
    )
    proposal_areas_assign(proposal=proposal)
    return proposal


@transaction.atomic
def proposal_areas_reassign_all() -> None:
    """Re-link every proposal to the areas containing it, after boundaries were re-imported.

    Set-based SQL: one join in PostGIS instead of one query per proposal, which matters at
    10^5–10^6 proposals. It agrees with proposal_areas_assign (tested).
    """
    through = Proposal.areas.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {through}")  # noqa: S608 - table name from the model
        cursor.execute(
            f"INSERT INTO {through} (proposal_id, area_id) "  # noqa: S608
            f"SELECT p.id, a.id FROM {Proposal._meta.db_table} p "
            f"JOIN {Area._meta.db_table} a ON ST_Intersects(a.geom, p.location)"
        )
