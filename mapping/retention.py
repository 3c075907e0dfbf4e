"""Data retention: authors' and followers' e-mail addresses are kept only while a campaign can
still answer; an address that never confirmed a follow is removed after a week; input reports
(which may hold addresses) are deleted after REPORT_DAYS; rate-limit counts (keyed by hashed
browser tokens and network addresses) after a day unused."""

from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from mapping.models import Campaign, Follower, Proposal, Report, WriteCount

UNCONFIRMED_FOLLOW_DAYS = 7
REPORT_DAYS = 30  # long enough to file a report in the case, short enough not to pile up


@transaction.atomic
def emails_anonymise(*, older_than_days: int, dry_run: bool) -> dict[str, int]:
    """Blank the e-mail addresses of proposals, and delete the followers, in campaigns that
    closed more than `older_than_days` ago; delete follows unconfirmed for a week. Returns
    {campaign title: addresses removed (or to remove)}."""
    now = timezone.now()
    closed = Campaign.objects.filter(
        closes_at__isnull=False, closes_at__lte=now - timedelta(days=older_than_days)
    )
    authors = Proposal.objects.filter(campaign__in=closed).exclude(email="")
    followers = Follower.objects.filter(
        Q(proposal__campaign__in=closed)
        | Q(
            confirmed_at__isnull=True, created_at__lte=now - timedelta(days=UNCONFIRMED_FOLLOW_DAYS)
        )
    )
    report: Counter[str] = Counter()
    for rows, campaign in ((authors, "campaign__title"), (followers, "proposal__campaign__title")):
        for title, count in rows.order_by().values_list(campaign).annotate(n=Count("pk")):
            report[title] += count
    if not dry_run:
        authors.update(email="")
        followers.delete()
    return dict(report)


def reports_delete(*, dry_run: bool) -> int:
    """Delete input reports older than REPORT_DAYS, files and all; returns how many."""
    old = Report.objects.filter(created_at__lte=timezone.now() - timedelta(days=REPORT_DAYS))
    count = old.count()
    if not dry_run:
        for report in old:
            report.file.delete(save=False)
        old.delete()
    return count


def write_counts_delete() -> int:
    """Delete rate-limit counts unused for a day, the longest window a rate can name."""
    old = WriteCount.objects.filter(updated_at__lte=timezone.now() - timedelta(days=1))
    return old.delete()[0]
