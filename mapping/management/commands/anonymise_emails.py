"""Management command: what the daily retention job removes (mapping.retention), run by hand,
with a dry run that only counts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from mapping.retention import JOB_DAYS, REPORT_DAYS, retention_run


class Command(BaseCommand):
    help = (
        "Blank authors' and followers' e-mail addresses in campaigns closed more than --days ago;"
        " delete old input reports, finished jobs and unused rate-limit counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.FREMTIDSKART_EMAIL_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, days, dry_run, **options):
        removed = retention_run(email_days=days, dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        for campaign, count in removed.emails.items():
            self.stdout.write(f"{campaign}: {verb} {count} e-mail address(es)")
        total = sum(removed.emails.values())
        self.stdout.write(self.style.SUCCESS(f"{verb} {total} in all (closed > {days} days ago)"))
        self.stdout.write(f"{verb} {removed.reports} input report(s) older than {REPORT_DAYS} days")
        if not dry_run:
            self.stdout.write(f"removed {removed.jobs} job(s) finished over {JOB_DAYS} days ago")
            self.stdout.write(
                f"removed {removed.write_counts} rate-limit count(s) unused for a day"
            )
