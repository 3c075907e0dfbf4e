"""E-mails to proposal authors, through Django's e-mail framework (console backend by default)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from mapping.models import Proposal, StatusChange


def status_change_notify(*, proposal: Proposal, change: StatusChange) -> None:
    """Tell the author that their proposal got a new status and answer."""
    context = {
        "proposal": proposal,
        "change": change,
        "status": proposal.get_status_display(),
        "url": f"{settings.SITE_URL}/forslag/{proposal.pk}/",
    }
    subject = render_to_string("mapping/email/status_changed_subject.txt", context)
    send_mail(
        # One line whatever the title holds: a line break in a header could add headers.
        subject=" ".join(subject.split()),
        message=render_to_string("mapping/email/status_changed.txt", context),
        from_email=None,
        recipient_list=[proposal.email],
    )
