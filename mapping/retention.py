"""Data retention: authors' e-mail addresses are kept only while a campaign can still answer."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from mapping.models import Campaign, Proposal


@transaction.atomic
def emails_anonymise(*, older_than_days: int, dry_run: bool) -> dict[str, int]:
    """Blank the e-mail addresses of proposals in campaigns that closed more than
    `older_than_days` ago. Returns {campaign title: addresses removed (or to remove)}."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    campaigns = (
        Campaign.objects.filter(closes_at__isnull=False, closes_at__lte=cutoff)
        .annotate(emails=Count("proposals", filter=~Q(proposals__email="")))
        .filter(emails__gt=0)
    )
    report = {campaign.title: campaign.emails for campaign in campaigns}
    if not dry_run:
        Proposal.objects.filter(campaign__in=campaigns).exclude(email="").update(email="")
    return report
