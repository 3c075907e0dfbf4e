"""Proposals: create, correct, link to their areas, answer with a status, and moderate (comments
too)."""

from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from mapping.kept_counts import kept_counts_rebuild
from mapping.models import (
    BackgroundCount,
    Campaign,
    Category,
    Comment,
    Event,
    ModerationAction,
    Photo,
    Poster,
    Proposal,
    StatusChange,
)
from mapping.photos import PreparedPhoto
from mapping.queue import PROPOSAL_CHANGE_NOTIFY, later
from mapping.services.common import initial_visibility, moderation_log, require_open
from mapping.shapes import placement_check

# Links a pin to one area of each kind containing it (a point on a shared border gets the lowest
# code, so that counts per area add up), and a line or an area to every area whose inside it
# crosses (one drawn along a border belongs to one side). Set-based SQL: one join in PostGIS
# instead of a query per proposal, which matters at 10^5–10^6 proposals. It agrees with
# Area.objects.containing() (tested).
LINK_AREAS_SQL = """
    INSERT INTO mapping_proposal_areas (proposal_id, area_id)
    SELECT DISTINCT ON (p.id, a.kind, CASE WHEN p.shape IS NULL THEN 0 ELSE a.id END) p.id, a.id
    FROM mapping_proposal AS p JOIN geo_area AS a
        ON ST_Intersects(a.geom, coalesce(p.shape, p.location))
        AND (p.shape IS NULL OR NOT ST_Touches(a.geom, p.shape))
    {where}
    ORDER BY p.id, a.kind, CASE WHEN p.shape IS NULL THEN 0 ELSE a.id END, a.code
"""


def proposal_areas_assign(*, proposal: Proposal, new: bool = False) -> None:
    """Link the proposal to its areas (LINK_AREAS_SQL; a moved one: after its old links are
    cleared)."""
    # SQL beside LINK_AREAS_SQL.
    with connection.cursor() as cursor:
        if not new:
            cursor.execute(
                "DELETE FROM mapping_proposal_areas WHERE proposal_id = %s", [proposal.pk]
            )
        cursor.execute(LINK_AREAS_SQL.format(where="WHERE p.id = %s"), [proposal.pk])


def _background_count(campaign: Campaign, *, age_band: str, relation: str) -> None:
    row, _ = BackgroundCount.objects.get_or_create(
        campaign=campaign, age_band=age_band, relation=relation
    )
    BackgroundCount.objects.filter(pk=row.pk).update(count=F("count") + 1)


def _channel(channel: str, *, event: Event | None, poster: Poster | None) -> str:
    """A poster's spot says the most about how a proposal came, then an event."""
    if poster:
        return Proposal.Channel.POSTER
    return Proposal.Channel.EVENT if event else channel


def proposal_create(
    *,
    campaign: Campaign,
    category: Category,
    title: str,
    body: str,
    geometry: GEOSGeometry,
    display_name: str = "",
    email: str = "",
    is_demo: bool = False,
    is_approximate: bool = False,
    photos: list[PreparedPhoto] = (),
    hold_reason: str = "",
    channel: str = Proposal.Channel.API,
    event: Event | None = None,
    poster: Poster | None = None,
    age_band: str = "",
    relation: str = "",
) -> Proposal:
    """Store a proposal (a pin, a line or an area: mapping.shapes) linked to its areas; refuse
    closed campaigns, and places outside or too large.

    With a hold_reason (many writes from one network, mapping.admission) it waits for a
    moderator, and the log says why. From a device that joined an event it counts under it, and
    through a poster's link under that poster. The optional background answers (age band,
    relation to the place) are only counted, apart from the proposal."""
    require_open(campaign)
    if category.campaign_id != campaign.pk:
        raise ValidationError({"category": _("Kategorien hører ikke til denne kampanjen.")})
    placement = placement_check(campaign=campaign, geometry=geometry)
    # Every refusal is above; below, the writes, in the caller's transaction where there is one
    # (no savepoint: a database error aborts that transaction anyway), which spares a
    # resident's write two round trips.
    with transaction.atomic(savepoint=False):
        proposal = Proposal.objects.create(
            campaign=campaign,
            category=category,
            title=title,
            body=body,
            **placement.fields(),
            display_name=display_name,
            email=email,
            is_demo=is_demo,
            is_approximate=is_approximate,
            channel=_channel(channel, event=event, poster=poster),
            event=event,
            poster=poster,
            visibility=initial_visibility(campaign, title, body, held=bool(hold_reason)),
        )
        if hold_reason:
            moderation_log(proposal, action=ModerationAction.Action.HOLD, reason=hold_reason)
        if age_band or relation:
            _background_count(campaign, age_band=age_band, relation=relation)
        proposal_areas_assign(proposal=proposal, new=True)
        for position, photo in enumerate(photos):
            Photo.objects.create(
                proposal=proposal, image=photo.image, thumbnail=photo.thumbnail, position=position
            )
    return proposal


# What a moderator may correct in a resident's proposal (the admin's form); status, answer and
# visibility change only through proposal_set_status and proposal_moderate.
EDITABLE_FIELDS = ("category", "title", "body", "location", "display_name", "is_approximate")


@transaction.atomic
def proposal_update(*, proposal: Proposal, user, **changes) -> ModerationAction | None:
    """A moderator's correction (a moved pin, a typo, another category): checked like a new
    proposal, re-linked to its areas, and logged with the fields that changed."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Kan ikke endres her: %(fields)s.") % {"fields": sorted(unknown)})
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    changed = [name for name, value in changes.items() if getattr(proposal, name) != value]
    if not changed:
        return None
    if "category" in changed and changes["category"].campaign_id != proposal.campaign_id:
        raise ValidationError({"category": _("Kategorien hører ikke til denne kampanjen.")})
    if "location" in changed:
        if proposal.kind != Proposal.Kind.POINT:
            raise ValidationError({"location": _("Bare et punkt kan flyttes her.")})
        placement_check(campaign=proposal.campaign, geometry=changes["location"])
    for name in changed:
        setattr(proposal, name, changes[name])
    proposal.save(update_fields=[*changed, "updated_at"])
    if "location" in changed:
        proposal_areas_assign(proposal=proposal)
    names = ", ".join(str(Proposal._meta.get_field(name).verbose_name) for name in changed)
    return moderation_log(proposal, action=ModerationAction.Action.EDIT, reason=names, actor=user)


@transaction.atomic
def proposal_areas_reassign_all() -> None:
    """Re-link every proposal to the areas containing it, after boundaries were re-imported."""
    # SQL: two set-based statements instead of a query per proposal (see LINK_AREAS_SQL); the
    # kept counts are recounted once after, not row by row by their triggers.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL mapping.skip_grid_trigger = 'on'")
        cursor.execute("DELETE FROM mapping_proposal_areas")
        cursor.execute(LINK_AREAS_SQL.format(where=""))
        cursor.execute("SET LOCAL mapping.skip_grid_trigger = 'off'")
    kept_counts_rebuild()


@transaction.atomic
def proposal_set_status(*, proposal: Proposal, status: str, answer: str, user) -> StatusChange:
    """Move a proposal to `status` with a public answer, keep the history, tell the author."""
    if status not in Proposal.Status.values:
        raise ValidationError({"status": _("Ukjent status «%(status)s».") % {"status": status}})
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    change = StatusChange.objects.create(
        proposal=proposal,
        from_status=proposal.status,
        to_status=status,
        answer=answer,
        changed_by=user,
    )
    proposal.status = status
    proposal.answer = answer
    proposal.save(update_fields=["status", "answer", "updated_at"])
    later(PROPOSAL_CHANGE_NOTIFY, proposal_id=proposal.pk, answer=answer)
    return change


MODERATION_TRANSITIONS = {
    ModerationAction.Action.APPROVE: (Proposal.Visibility.PENDING, Proposal.Visibility.PUBLISHED),
    ModerationAction.Action.HIDE: (None, Proposal.Visibility.HIDDEN),
    ModerationAction.Action.PUBLISH: (Proposal.Visibility.HIDDEN, Proposal.Visibility.PUBLISHED),
}


def moderation_check(target: Proposal | Comment, *, action: str, reason: str) -> None:
    """Refuse an unknown action, a hide without a reason, or an action that does not fit the
    target's visibility (forms call this to show the message before anything is saved)."""
    if action not in MODERATION_TRANSITIONS:
        raise ValidationError({"action": _("Ukjent handling «%(action)s».") % {"action": action}})
    if action == ModerationAction.Action.HIDE and not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor det skjules.")})
    required, _result = MODERATION_TRANSITIONS[action]
    if required and target.visibility != required:
        raise ValidationError(
            {
                "action": _("Handlingen passer ikke når tilstanden er «%(state)s».")
                % {"state": target.get_visibility_display()}
            }
        )


def _moderate(target: Proposal | Comment, *, action: str, reason: str, user) -> ModerationAction:
    """Move a proposal or a comment to its next visibility, and log who did it and why."""
    target = type(target).objects.select_for_update().get(pk=target.pk)
    moderation_check(target, action=action, reason=reason)
    target.visibility = MODERATION_TRANSITIONS[action][1]
    target.save()
    return moderation_log(target, action=action, reason=reason.strip(), actor=user)


@transaction.atomic
def proposal_moderate(*, proposal: Proposal, action: str, reason: str, user) -> ModerationAction:
    """Approve, hide (a reason is required) or re-publish a proposal."""
    return _moderate(proposal, action=action, reason=reason, user=user)


@transaction.atomic
def comment_moderate(*, comment: Comment, action: str, reason: str, user) -> ModerationAction:
    """Approve, hide (a reason is required) or re-publish a comment."""
    return _moderate(comment, action=action, reason=reason, user=user)
