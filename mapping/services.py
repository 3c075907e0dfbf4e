"""Writes for the participation domain. Every change to proposals goes through here."""

import logging
import secrets
import tempfile
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import connection, connections, transaction
from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from geo.models import Area
from mapping import exporters, selectors
from mapping.filters import proposal_filter
from mapping.kept_counts import kept_counts_rebuild
from mapping.models import (
    ApiToken,
    BackgroundCount,
    Campaign,
    Category,
    Comment,
    Event,
    Flag,
    Follower,
    ModerationAction,
    Outcome,
    Photo,
    Poster,
    Proposal,
    Report,
    StatusChange,
    Support,
    Tag,
)
from mapping.notifications import follower_confirm_send, proposal_change_notify
from mapping.personal_data import looks_personal
from mapping.photos import PreparedPhoto
from mapping.report_docx import report_docx
from mapping.report_pdf import report_pdf
from mapping.reports import report_content

logger = logging.getLogger(__name__)

# Links proposals to one area of each kind containing them (a point on a shared border gets
# the lowest code, so that counts per area add up). Set-based SQL: one join in PostGIS instead
# of a query per proposal, which matters at 10^5–10^6 proposals. It agrees with
# Area.objects.containing() (tested).
LINK_AREAS_SQL = """
    INSERT INTO mapping_proposal_areas (proposal_id, area_id)
    SELECT DISTINCT ON (p.id, a.kind) p.id, a.id
    FROM mapping_proposal AS p JOIN geo_area AS a ON ST_Intersects(a.geom, p.location)
    {where}
    ORDER BY p.id, a.kind, a.code
"""


def proposal_areas_assign(*, proposal: Proposal, new: bool = False) -> None:
    """Link the proposal to one area of every kind that contains its point (a moved one: after
    its old links are cleared)."""
    # SQL beside LINK_AREAS_SQL.
    with connection.cursor() as cursor:
        if not new:
            cursor.execute(
                "DELETE FROM mapping_proposal_areas WHERE proposal_id = %s", [proposal.pk]
            )
        cursor.execute(LINK_AREAS_SQL.format(where="WHERE p.id = %s"), [proposal.pk])


def _require_open(campaign: Campaign) -> None:
    if not campaign.is_open():
        raise ValidationError(
            {"campaign": _("Kampanjen er stengt. Du kan lese forslagene, men ikke bidra.")}
        )


def proposal_location_check(*, campaign: Campaign, location: Point) -> None:
    """Refuse a point outside the campaign's boundary (with its sea territory)."""
    if not Area.objects.filter(pk=campaign.boundary_id).containing(location).exists():
        raise ValidationError(
            {
                "geometry": _("Punktet ligger utenfor %(area)s. Plasser nålen innenfor grensen.")
                % {"area": campaign.boundary.name}
            }
        )


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


def _initial_visibility(campaign: Campaign, *texts: str, held: bool = False) -> str:
    """Published at once, unless held, the campaign wants approval or the text seems to hold
    personal data (a phone number, an e-mail address, an identity number)."""
    if held or campaign.moderation == Campaign.Moderation.APPROVE or looks_personal(*texts):
        return Proposal.Visibility.PENDING
    return Proposal.Visibility.PUBLISHED


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
    is_approximate: bool = False,
    photos: list[PreparedPhoto] = (),
    hold_reason: str = "",
    channel: str = Proposal.Channel.API,
    event: Event | None = None,
    poster: Poster | None = None,
    age_band: str = "",
    relation: str = "",
) -> Proposal:
    """Store a proposal linked to its areas; refuse closed campaigns and pins outside.

    With a hold_reason (many writes from one network, mapping.admission) it waits for a
    moderator, and the log says why. From a device that joined an event it counts under it, and
    through a poster's link under that poster. The optional background answers (age band,
    relation to the place) are only counted, apart from the proposal."""
    _require_open(campaign)
    if category.campaign_id != campaign.pk:
        raise ValidationError({"category": _("Kategorien hører ikke til denne kampanjen.")})
    proposal_location_check(campaign=campaign, location=location)
    # Every refusal is above; below, the writes, in the caller's transaction where there is one
    # (no savepoint: a database error aborts that transaction anyway), which spares a
    # resident's write two round trips.
    with transaction.atomic(savepoint=False):
        proposal = Proposal.objects.create(
            campaign=campaign,
            category=category,
            title=title,
            body=body,
            location=location,
            display_name=display_name,
            email=email,
            is_demo=is_demo,
            is_approximate=is_approximate,
            channel=_channel(channel, event=event, poster=poster),
            event=event,
            poster=poster,
            visibility=_initial_visibility(campaign, title, body, held=bool(hold_reason)),
        )
        if hold_reason:
            _log(proposal, action=ModerationAction.Action.HOLD, reason=hold_reason)
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
        proposal_location_check(campaign=proposal.campaign, location=changes["location"])
    for name in changed:
        setattr(proposal, name, changes[name])
    proposal.save(update_fields=[*changed, "updated_at"])
    if "location" in changed:
        proposal_areas_assign(proposal=proposal)
    names = ", ".join(str(Proposal._meta.get_field(name).verbose_name) for name in changed)
    return _log(proposal, action=ModerationAction.Action.EDIT, reason=names, actor=user)


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
    transaction.on_commit(lambda: proposal_change_notify(proposal=proposal, answer=answer))
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
    return _log(target, action=action, reason=reason.strip(), actor=user)


def _log(target: Proposal | Comment, **action) -> ModerationAction:
    if isinstance(target, Comment):
        return ModerationAction.objects.create(
            proposal_id=target.proposal_id, comment=target, **action
        )
    return ModerationAction.objects.create(proposal=target, **action)


def _auto_hide_due(target: Proposal | Comment) -> int:
    """How many distinct browsers' counted reports hide `target` now, or 0 if it stays.

    Several browsers from several networks must agree, and once a moderator has published it
    (or approved it) it is never hidden by reports again: new ones only put it in the queue."""
    if target.visibility != Proposal.Visibility.PUBLISHED:
        return 0
    # A proposal counts only the reports on itself, not those on its comments.
    flags = target.flags.filter(
        comment=target if isinstance(target, Comment) else None, counted=True
    ).aggregate(browsers=Count("reporter", distinct=True), networks=Count("network", distinct=True))
    enough = (
        flags["browsers"] >= settings.FREMTIDSKART_FLAG_THRESHOLD
        and flags["networks"] >= settings.FREMTIDSKART_FLAG_NETWORKS
    )
    return flags["browsers"] if enough and not selectors.moderator_reviewed(target) else 0


def _flag(
    target: Proposal | Comment, *, reason: str, reporter: str, network: str, counted: bool
) -> Flag | None:
    """Record a report, once per browser (None if this browser had reported it already).

    Enough counted reports hide what was reported until a moderator looks (_auto_hide_due)."""
    target = type(target).objects.select_for_update().get(pk=target.pk)
    if isinstance(target, Comment):
        on = {"proposal_id": target.proposal_id, "comment": target}
    else:
        on = {"proposal": target, "comment": None}
    if Flag.objects.filter(**on, reporter=reporter).exists():
        return None
    flag = Flag.objects.create(
        **on, reason=reason, reporter=reporter, network=network, counted=counted
    )
    browsers = _auto_hide_due(target) if counted else 0
    if browsers:
        target.visibility = Proposal.Visibility.HIDDEN
        target.save()
        _log(
            target,
            action=ModerationAction.Action.AUTO_HIDE,
            reason=_("%(count)d rapporteringer") % {"count": browsers},
        )
    return flag


@transaction.atomic
def proposal_moderate(*, proposal: Proposal, action: str, reason: str, user) -> ModerationAction:
    """Approve, hide (a reason is required) or re-publish a proposal."""
    return _moderate(proposal, action=action, reason=reason, user=user)


@transaction.atomic
def proposal_flag(
    *, proposal: Proposal, reason: str, reporter: str, network: str = "", counted: bool = True
) -> Flag | None:
    """A resident's report on a proposal, once per browser (`reporter`, its hashed token)."""
    return _flag(proposal, reason=reason, reporter=reporter, network=network, counted=counted)


@transaction.atomic
def proposal_support(
    *, proposal: Proposal, supporter: str, network: str = "", counted: bool = True
) -> Support | None:
    """Store one browser's support once (`supporter`, its hashed token); None if this browser
    had already supported it, or a proposal merged with it. A held support (`counted` False)
    is kept and shown to planners as held, outside the public count. Support for a merged
    duplicate goes to its primary."""
    _require_open(proposal.campaign)
    primary_pk = proposal.merged_into_id or proposal.pk
    group = Q(proposal_id=primary_pk) | Q(proposal__merged_into_id=primary_pk)
    if Support.objects.filter(group, supporter=supporter).exists():
        return None
    support, created = Support.objects.get_or_create(
        proposal_id=primary_pk,
        supporter=supporter,
        defaults={"network": network, "counted": counted},
    )
    if not created:
        return None
    if not counted:
        return support
    burst = Support.objects.filter(
        group,
        network=network,
        created_at__gte=timezone.now() - timedelta(seconds=settings.FREMTIDSKART_BURST_WINDOW_S),
    )
    changes = {"support_count": F("support_count") + 1}
    if burst.count() >= settings.FREMTIDSKART_BURST_SUPPORTS:
        changes["support_burst"] = True
    Proposal.objects.filter(pk=primary_pk).update(**changes)
    return support


@transaction.atomic
def proposal_supports_accept(*, proposal: Proposal, user) -> int:
    """A planner counts the proposal's held supports after all; returns how many."""
    group = Q(proposal_id=proposal.pk) | Q(proposal__merged_into_id=proposal.pk)
    accepted = Support.objects.filter(group, counted=False).update(counted=True)
    if accepted:
        _support_count_refresh(proposal.pk)
        _log(
            proposal,
            action=ModerationAction.Action.ACCEPT_SUPPORTS,
            reason=_("%(count)d støtter") % {"count": accepted},
            actor=user,
        )
    return accepted


def _support_count_refresh(proposal_pk: int) -> None:
    """Counted supports of a proposal and its merged duplicates, each browser once."""
    group = Q(proposal_id=proposal_pk) | Q(proposal__merged_into_id=proposal_pk)
    count = Support.objects.filter(group, counted=True).values("supporter").distinct().count()
    Proposal.objects.filter(pk=proposal_pk).update(support_count=count)


@transaction.atomic
def proposals_merge(*, primary: Proposal, duplicates: list[int], user) -> int:
    """Merge published duplicates into a published primary of the same campaign. Each keeps
    its text and photos, points at the primary and leaves the map and the lists; duplicates
    merged into them before follow. Logged on every proposal; undone by proposal_unmerge."""
    primary = Proposal.objects.select_for_update().get(pk=primary.pk)
    ids = sorted(set(duplicates) - {primary.pk})
    found = Proposal.objects.select_for_update().filter(
        pk__in=ids, campaign=primary.campaign_id, visibility=Proposal.Visibility.PUBLISHED
    )
    if primary.visibility != Proposal.Visibility.PUBLISHED:
        raise ValidationError({"primary": _("Bare et publisert forslag kan samle andre.")})
    if not ids or found.count() != len(ids):
        raise ValidationError(
            {"proposals": _("Velg publiserte forslag i samme kampanje å slå sammen med.")}
        )
    Proposal.objects.filter(merged_into__in=ids).update(merged_into=primary)
    found.update(merged_into=primary, visibility=Proposal.Visibility.MERGED, support_count=0)
    reason = _("Slått sammen med forslag %(pk)d") % {"pk": primary.pk}
    ModerationAction.objects.bulk_create(
        ModerationAction(
            proposal_id=pk, action=ModerationAction.Action.MERGE, reason=reason, actor=user
        )
        for pk in ids
    )
    _log(
        primary,
        action=ModerationAction.Action.MERGE,
        reason=_("Samler forslag %(ids)s") % {"ids": ", ".join(map(str, ids))},
        actor=user,
    )
    _support_count_refresh(primary.pk)
    return len(ids)


@transaction.atomic
def proposal_unmerge(*, proposal: Proposal, user) -> Proposal:
    """Undo a merge: the duplicate is published again with its own supports; returns the
    proposal it had been merged into."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.visibility != Proposal.Visibility.MERGED or proposal.merged_into_id is None:
        raise ValidationError({"proposal": _("Forslaget er ikke slått sammen med et annet.")})
    primary = Proposal.objects.select_for_update().get(pk=proposal.merged_into_id)
    proposal.merged_into = None
    proposal.visibility = Proposal.Visibility.PUBLISHED
    proposal.save(update_fields=["merged_into", "visibility", "updated_at"])
    _support_count_refresh(proposal.pk)
    _support_count_refresh(primary.pk)
    for target, pk in ((proposal, primary.pk), (primary, proposal.pk)):
        _log(
            target,
            action=ModerationAction.Action.UNMERGE,
            reason=_("Skilt fra forslag %(pk)d") % {"pk": pk},
            actor=user,
        )
    return primary


@transaction.atomic
def comment_create(
    *, proposal: Proposal, body: str, display_name: str = "", hold_reason: str = ""
) -> Comment:
    """A plain-text comment; under an approval campaign, or held, it waits for a moderator."""
    _require_open(proposal.campaign)
    comment = Comment.objects.create(
        proposal=proposal,
        body=body,
        display_name=display_name,
        visibility=_initial_visibility(
            proposal.campaign, body, display_name, held=bool(hold_reason)
        ),
    )
    if hold_reason:
        _log(comment, action=ModerationAction.Action.HOLD, reason=hold_reason)
    return comment


@transaction.atomic
def comment_flag(
    *, comment: Comment, reason: str, reporter: str, network: str = "", counted: bool = True
) -> Flag | None:
    """A resident's report on a comment, once per browser."""
    return _flag(comment, reason=reason, reporter=reporter, network=network, counted=counted)


@transaction.atomic
def comment_moderate(*, comment: Comment, action: str, reason: str, user) -> ModerationAction:
    """Approve, hide (a reason is required) or re-publish a comment."""
    return _moderate(comment, action=action, reason=reason, user=user)


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
        proposal_location_check(campaign=campaign, location=focus_point)
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
    *, campaign: Campaign, user, point: Point | None = None, area: Area | None = None
):
    """A poster for a spot: a point, or an area (then its point on the surface)."""
    if point is None and area is None:
        raise ValidationError({"point": _("Velg et punkt i kartet eller et område.")})
    point = point or area.geom.point_on_surface
    proposal_location_check(campaign=campaign, location=point)
    return Poster.objects.create(
        campaign=campaign, code=_unique_code(Poster), point=point, area=area, created_by=user
    )


# slugify() drops letters it cannot spell in ASCII; these it spells as Norwegians do in URLs.
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


@transaction.atomic
def tag_create(*, campaign: Campaign, name: str, is_public: bool = False) -> Tag:
    """A new tag for the campaign; its name must be new there (in any spelling of case)."""
    name = name.strip()
    slug = slugify(name.translate(NORWEGIAN_LETTERS))
    if not slug:
        raise ValidationError({"name": _("Skriv et navn på merkelappen.")})
    if Tag.objects.filter(campaign=campaign, slug=slug).exists():
        raise ValidationError(
            {"name": _("Kampanjen har allerede merkelappen «%(name)s».") % {"name": name}}
        )
    return Tag.objects.create(campaign=campaign, name=name, slug=slug, is_public=is_public)


@transaction.atomic
def proposals_tag(*, tag: Tag, proposals: QuerySet[Proposal]) -> int:
    """Tag every proposal of the set (of the tag's campaign); returns how many got it now."""
    through = Proposal.tags.through
    ids = proposals.filter(campaign=tag.campaign_id).exclude(tags=tag).values_list("pk", flat=True)
    links = [through(proposal_id=pk, tag_id=tag.pk) for pk in ids]
    through.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)


@transaction.atomic
def proposal_untag(*, tag: Tag, proposal: Proposal) -> None:
    proposal.tags.remove(tag)


@transaction.atomic
def outcome_create(
    *, campaign: Campaign, name: str, case_number: str = "", url: str = "", decided_on=None
) -> Outcome:
    """A plan or case that proposals of the campaign can be linked to."""
    outcome = Outcome(
        campaign=campaign,
        name=name.strip(),
        case_number=case_number.strip(),
        url=url.strip(),
        decided_on=decided_on,
    )
    outcome.full_clean()
    outcome.save()
    return outcome


@transaction.atomic
def proposals_link_outcome(*, outcome: Outcome | None, proposals: QuerySet[Proposal]) -> int:
    """Link every proposal of the set (of the outcome's campaign) to `outcome`, or unlink
    them (None); returns how many changed. Authors and followers of each are told."""
    if outcome is not None:
        proposals = proposals.filter(campaign=outcome.campaign_id)
    changed = list(
        proposals.exclude(visibility=Proposal.Visibility.MERGED)
        .exclude(outcome=outcome)
        .values_list("pk", flat=True)
    )
    Proposal.objects.filter(pk__in=changed).update(outcome=outcome, updated_at=timezone.now())
    if outcome is not None:
        notify = Proposal.objects.filter(pk__in=changed).filter(
            ~Q(email="") | Q(followers__confirmed_at__isnull=False) | Q(merged__isnull=False)
        )
        for proposal in notify.distinct():
            transaction.on_commit(
                lambda proposal=proposal: proposal_change_notify(proposal=proposal)
            )
    return len(changed)


@transaction.atomic
def follower_create(*, proposal: Proposal, email: str) -> Follower:
    """Ask to follow a published proposal (or the one a duplicate was merged into); the
    address gets a confirmation link, sent again if it asks again unconfirmed.

    Someone else's address must not become a target: an address is asked at most once a day
    per proposal, and at most FREMTIDSKART_CONFIRMATIONS_PER_ADDRESS times a day in all. The
    caller's answer is the same whether a mail went out or not."""
    if proposal.merged_into_id:
        proposal = proposal.merged_into
    follower, _created = Follower.objects.get_or_create(
        proposal=proposal,
        email=email.strip().lower(),
        defaults={"token": secrets.token_urlsafe(32)},
    )
    follower = Follower.objects.select_for_update().get(pk=follower.pk)
    day_ago = timezone.now() - timedelta(days=1)
    if follower.confirmed_at or (follower.asked_at and follower.asked_at > day_ago):
        return follower
    asked_today = Follower.objects.filter(email=follower.email, asked_at__gt=day_ago).count()
    if asked_today >= settings.FREMTIDSKART_CONFIRMATIONS_PER_ADDRESS:
        return follower
    follower.asked_at = timezone.now()
    follower.save(update_fields=["asked_at"])
    transaction.on_commit(lambda: follower_confirm_send(follower=follower))
    return follower


@transaction.atomic
def follower_confirm(*, token: str) -> Follower | None:
    follower = Follower.objects.select_related("proposal").filter(token=token).first()
    if follower and follower.confirmed_at is None:
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
    return follower


@transaction.atomic
def follower_remove(*, token: str) -> Proposal | None:
    """Unsubscribe: the address is deleted; returns the proposal it followed."""
    follower = Follower.objects.select_related("proposal").filter(token=token).first()
    if follower is None:
        return None
    follower.delete()
    return follower.proposal


REPORT_WRITERS = {Report.Format.DOCX: report_docx, Report.Format.PDF: report_pdf}


@transaction.atomic
def report_request(
    *, user, params: QueryDict, format: str, language: str = "nb", crs: int = 4326
) -> Report:
    """Ask for the input report, or the export in `crs`, of the proposals `params` filter. It is
    built after the commit: in a thread of its own (a web worker answers at once; the workspace
    follows its progress), or at once where settings.FREMTIDSKART_REPORTS_IN_BACKGROUND is off."""
    report = Report(
        requested_by=user,
        filters=dict(params.lists()),
        format=format,
        language=language,
        crs=crs,
        with_emails=user.has_perm("mapping.view_author_email"),
    )
    report.full_clean()
    report.save()
    if settings.FREMTIDSKART_REPORTS_IN_BACKGROUND:
        run = threading.Thread(target=_report_build_in_thread, args=[report.pk], daemon=True)
        transaction.on_commit(run.start)
    else:
        transaction.on_commit(lambda: report_build(report.pk))
    return report


def report_build(report_pk: int) -> None:
    """Build the report's file, telling its progress as it goes; a failure is kept on it."""
    report = Report.objects.select_related("requested_by").get(pk=report_pk)
    Report.objects.filter(pk=report_pk).update(state=Report.State.RUNNING)

    def progress(fraction: float) -> None:
        percent = max(1, min(99, round(100 * fraction)))
        Report.objects.filter(pk=report_pk).update(progress=percent)

    params = QueryDict(mutable=True)
    for key, values in report.filters.items():
        params.setlist(key, values)
    try:
        if report.is_export:
            _export_build(report, params, progress)
        else:
            with translation.override(report.language):
                content = report_content(
                    params, user=report.requested_by, with_emails=report.with_emails
                )
                Report.objects.filter(pk=report_pk).update(proposal_count=content.total, progress=1)
                data = REPORT_WRITERS[report.format](content, progress)
            report.file.save(
                f"innspillsrapport-{secrets.token_urlsafe(12)}.{report.format}",
                ContentFile(data),
                save=False,
            )
        Report.objects.filter(pk=report_pk).update(
            state=Report.State.DONE, progress=100, file=report.file.name, finished_at=timezone.now()
        )
    except Exception as error:  # a report that fails must say so, not spin forever
        logger.exception("Report %s failed", report_pk)
        Report.objects.filter(pk=report_pk).update(
            state=Report.State.FAILED, error=str(error), finished_at=timezone.now()
        )


def _export_build(report: Report, params: QueryDict, progress) -> None:
    """Write the export to a file beside the others; the count kept is the rows written, so
    that the file and the number the planner sees always agree."""
    proposals = proposal_filter(params, user=report.requested_by).qs
    expected = max(1, proposals.count())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"forslag.{report.format}"
        written = exporters.export_write(
            proposals,
            report.format,
            path,
            srid=report.crs,
            include_email=report.with_emails,
            internal_tags=True,
            progress=lambda rows: progress(rows / expected),
        )
        with path.open("rb") as handle:
            report.file.save(
                f"forslag-{secrets.token_urlsafe(12)}.{report.format}", File(handle), save=False
            )
    Report.objects.filter(pk=report.pk).update(proposal_count=written)


def _report_build_in_thread(report_pk: int) -> None:
    try:
        # Background work, not a request: no statement budget (config/statement_budget.py).
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
        report_build(report_pk)
    finally:
        connections.close_all()  # the thread's own connection


API_TOKEN_PREFIX = "fk_"  # noqa: S105 - what every key starts with, not a secret
API_TOKEN_TOUCH_EVERY = 3600  # seconds: how fresh "last used" is, without a write per request


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new personal key for `user`, and the key itself: only its digest is kept."""
    key = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, digest=ApiToken.digest_of(key), prefix=key[:10]
    )
    return token, key


def api_token_revoke(*, user, pk: int) -> bool:
    """Revokes one of `user`'s keys at once; False if there is no such key in use."""
    revoked = ApiToken.objects.filter(user=user, pk=pk, revoked_at=None)
    return revoked.update(revoked_at=timezone.now()) == 1


def api_token_touch(token: ApiToken) -> None:
    """Marks a key used, at most once an hour."""
    now = timezone.now()
    if token.last_used_at and token.last_used_at > now - timedelta(seconds=API_TOKEN_TOUCH_EVERY):
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
