"""What the participation services share: an open campaign, a new text's first visibility, and
the moderation log."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mapping.models import (
    Campaign,
    Comment,
    ModerationAction,
    Proposal,
)
from mapping.personal_data import looks_personal


def require_open(campaign: Campaign) -> None:
    if not campaign.is_open():
        raise ValidationError(
            {"campaign": _("Kampanjen er stengt. Du kan lese forslagene, men ikke bidra.")}
        )


def initial_visibility(campaign: Campaign, *texts: str, held: bool = False) -> str:
    """Published at once, unless held, the campaign wants approval or the text seems to hold
    personal data (a phone number, an e-mail address, an identity number)."""
    if held or campaign.moderation == Campaign.Moderation.APPROVE or looks_personal(*texts):
        return Proposal.Visibility.PENDING
    return Proposal.Visibility.PUBLISHED


def moderation_log(target: Proposal | Comment, **action) -> ModerationAction:
    if isinstance(target, Comment):
        return ModerationAction.objects.create(
            proposal_id=target.proposal_id, comment=target, **action
        )
    return ModerationAction.objects.create(proposal=target, **action)
