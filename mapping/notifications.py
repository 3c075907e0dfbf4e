"""E-mails to residents, through Django's e-mail framework (console backend by default): to
authors and followers when a proposal changes, and the follow confirmation (double opt-in)."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from mapping.models import Follower, Proposal


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _message(template: str, context: dict, to: str, headers: dict | None = None) -> EmailMessage:
    subject = render_to_string(f"mapping/email/{template}_subject.txt", context)
    return EmailMessage(
        # One line whatever the title holds: a line break in a header could add headers.
        subject=" ".join(subject.split()),
        body=render_to_string(f"mapping/email/{template}.txt", context),
        to=[to],
        headers=headers,
    )


def proposal_change_notify(*, proposal: Proposal, answer: str = "") -> None:
    """Tell the authors of the proposal and of every duplicate merged into it, and its
    confirmed followers, its status and outcome now; each address once. Followers' mails carry
    a one-click unsubscribe link (also as List-Unsubscribe, RFC 8058)."""
    proposal = Proposal.objects.select_related("campaign", "outcome").get(pk=proposal.pk)
    group = Q(pk=proposal.pk) | Q(merged_into=proposal.pk)
    context = {
        "proposal": proposal,
        "status": proposal.get_status_display(),
        "answer": answer,
        "outcome": proposal.outcome,
        "url": _url(reverse("proposal-page", args=[proposal.pk])),
    }
    messages, seen = [], set()
    authors = Proposal.objects.filter(group).exclude(email="").values_list("email", flat=True)
    for email in authors:
        if email.lower() not in seen:
            seen.add(email.lower())
            messages.append(_message("proposal_changed", {**context, "author": True}, email))
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
        messages.append(
            _message(
                "proposal_changed",
                {**context, "unsubscribe": unsubscribe},
                follower.email,
                headers,
            )
        )
    if messages:
        get_connection().send_messages(messages)


def follower_confirm_send(*, follower: Follower) -> None:
    """Ask the address to confirm that it wants to follow the proposal."""
    context = {
        "proposal": follower.proposal,
        "confirm": _url(reverse("follow-confirm", args=[follower.token])),
        "url": _url(reverse("proposal-page", args=[follower.proposal_id])),
    }
    _message("follow_confirm", context, follower.email).send()
