"""Data retention: authors' and followers' e-mail addresses are kept only while a campaign can
still answer; an address that never confirmed a follow is removed after a week; input reports
and export files (which may hold addresses) are deleted after REPORT_DAYS; finished jobs
(an e-mail job holds its address) after JOB_DAYS; rate-limit counts (keyed by hashed browser
tokens and network addresses) after a day unused. It runs daily as a job (mapping.tasks) and
by hand as `manage.py anonymise_emails`."""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from asgiref.sync import async_to_sync
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from mapping.models import Campaign, Follower, Proposal, Report, WriteCount

UNCONFIRMED_FOLLOW_DAYS = 7
REPORT_DAYS = 30  # long enough to file a report in the case, short enough not to pile up
JOB_DAYS = 7  # long enough to read why a job failed


@dataclass
class Removed:
    emails: dict[str, int]  # {campaign title: addresses}
    reports: int
    jobs: int
    write_counts: int


def retention_run(*, email_days: int, dry_run: bool = False) -> Removed:
    """Remove (or, on a dry run, count) everything that is due; see the module's words."""
    return Removed(
        emails=emails_anonymise(older_than_days=email_days, dry_run=dry_run),
        reports=reports_delete(dry_run=dry_run),
        jobs=0 if dry_run else jobs_delete(),
        write_counts=0 if dry_run else write_counts_delete(),
    )


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


def jobs_delete() -> int:
    """Delete jobs finished (done, failed or cancelled) more than JOB_DAYS ago."""
    before = _jobs_count()
    async_to_sync(app.job_manager.delete_old_jobs)(
        nb_hours=24 * JOB_DAYS, include_failed=True, include_cancelled=True, include_aborted=True
    )
    return before - _jobs_count()


def _jobs_count() -> int:
    return ProcrastinateJob.objects.count()
