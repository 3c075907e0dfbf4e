"""E-mails to residents, through Django's e-mail framework (console backend by default): to
authors and followers when a proposal changes, and the follow confirmation (double opt-in).

Each e-mail is a job of its own on the queue (mapping.queue): a mail server that is slow or down
never holds up the request that caused the e-mail, and a message that fails is sent again later
(mapping.tasks), without sending the others twice."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from mapping.models import Follower, Proposal
from mapping.queue import MAIL_SEND, later


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _mail_later(template: str, context: dict, to: str, headers: dict | None = None) -> None:
    """Queue one e-mail, written now from `template`."""
    subject = render_to_string(f"mapping/email/{template}_subject.txt", context)
    later(
        MAIL_SEND,
        # One line whatever the title holds: a line break in a header could add headers.
        subject=" ".join(subject.split()),
        body=render_to_string(f"mapping/email/{template}.txt", context),
        to=to,
        headers=headers or {},
    )


def mail_send(*, subject: str, body: str, to: str, headers: dict) -> None:
    """Send one e-mail; an error (the server down or refusing) raises, to be tried again."""
    EmailMessage(subject=subject, body=body, to=[to], headers=headers).send()


@transaction.atomic
def proposal_change_notify(*, proposal_id: int, answer: str = "") -> None:
    """Tell the authors of the proposal and of every duplicate merged into it, and its
    confirmed followers, its status and outcome now; each address once. Followers' mails carry
    a one-click unsubscribe link (also as List-Unsubscribe, RFC 8058)."""
    proposal = Proposal.objects.select_related("campaign", "outcome").get(pk=proposal_id)
    group = Q(pk=proposal.pk) | Q(merged_into=proposal.pk)
    context = {
        "proposal": proposal,
        "status": proposal.get_status_display(),
        "answer": answer,
        "outcome": proposal.outcome,
        "url": _url(reverse("proposal-page", args=[proposal.pk])),
    }
    seen = set()
    authors = Proposal.objects.filter(group).exclude(email="").values_list("email", flat=True)
    for email in authors:
        if email.lower() not in seen:
            seen.add(email.lower())
            _mail_later("proposal_changed", {**context, "author": True}, email)
    followers = Follower.objects.filter(confirmed_at__isnull=False).filter(
        Q(proposal=proposal) | Q(proposal__merged_into=proposal)
    )
    for follower in followers:
        if follower.email.lower() in seen:
            continue
        seen.add(follower.email.lower())
        unsubscribe = _url(reverse("follow-unsubscribe", args=[follower.token]))
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        _mail_later(
            "proposal_changed", {**context, "unsubscribe": unsubscribe}, follower.email, headers
        )


def follower_confirm_send(*, follower: Follower) -> None:
    """Ask the address to confirm that it wants to follow the proposal (queued in the current
    transaction)."""
    context = {
        "proposal": follower.proposal,
        "confirm": _url(reverse("follow-confirm", args=[follower.token])),
        "url": _url(reverse("proposal-page", args=[follower.proposal_id])),
    }
    _mail_later("follow_confirm", context, follower.email)
