"""What residents do to a proposal: support it, comment, report it or a comment, follow it by
e-mail."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mapping import selectors
from mapping.models import (
    Comment,
    Flag,
    Follower,
    ModerationAction,
    Proposal,
    Support,
)
from mapping.notifications import follower_confirm_send
from mapping.services.common import initial_visibility, moderation_log, require_open


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
        moderation_log(
            target,
            action=ModerationAction.Action.AUTO_HIDE,
            reason=_("%(count)d rapporteringer") % {"count": browsers},
        )
    return flag


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
    require_open(proposal.campaign)
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
def comment_create(
    *, proposal: Proposal, body: str, display_name: str = "", hold_reason: str = ""
) -> Comment:
    """A plain-text comment; under an approval campaign, or held, it waits for a moderator."""
    require_open(proposal.campaign)
    comment = Comment.objects.create(
        proposal=proposal,
        body=body,
        display_name=display_name,
        visibility=initial_visibility(
            proposal.campaign, body, display_name, held=bool(hold_reason)
        ),
    )
    if hold_reason:
        moderation_log(comment, action=ModerationAction.Action.HOLD, reason=hold_reason)
    return comment


@transaction.atomic
def comment_flag(
    *, comment: Comment, reason: str, reporter: str, network: str = "", counted: bool = True
) -> Flag | None:
    """A resident's report on a comment, once per browser."""
    return _flag(comment, reason=reason, reporter=reporter, network=network, counted=counted)


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
    follower_confirm_send(follower=follower)
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
