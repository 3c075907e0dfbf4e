"""Planners' decisions over many proposals: held supports counted, merges, tags and outcomes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mapping.models import (
    Campaign,
    ModerationAction,
    Outcome,
    Proposal,
    Support,
    Tag,
)
from mapping.queue import PROPOSAL_CHANGE_NOTIFY, later
from mapping.services.common import moderation_log


@transaction.atomic
def proposal_supports_accept(*, proposal: Proposal, user) -> int:
    """A planner counts the proposal's held supports after all; returns how many."""
    group = Q(proposal_id=proposal.pk) | Q(proposal__merged_into_id=proposal.pk)
    accepted = Support.objects.filter(group, counted=False).update(counted=True)
    if accepted:
        _support_count_refresh(proposal.pk)
        moderation_log(
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
    moderation_log(
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
        moderation_log(
            target,
            action=ModerationAction.Action.UNMERGE,
            reason=_("Skilt fra forslag %(pk)d") % {"pk": pk},
            actor=user,
        )
    return primary


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
        for pk in notify.distinct().values_list("pk", flat=True):
            later(PROPOSAL_CHANGE_NOTIFY, proposal_id=pk)
    return len(changed)
