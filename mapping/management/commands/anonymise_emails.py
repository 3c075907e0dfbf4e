"""Management command: remove authors' and followers' e-mail addresses once their campaign is
long closed, old input reports and unused rate-limit counts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from mapping.retention import REPORT_DAYS, emails_anonymise, reports_delete, write_counts_delete


class Command(BaseCommand):
    help = (
        "Blank authors' and followers' e-mail addresses in campaigns closed more than --days ago;"
        " delete old input reports and unused rate-limit counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.FREMTIDSKART_EMAIL_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args, days, dry_run, **options):
        report = emails_anonymise(older_than_days=days, dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        for campaign, count in report.items():
            self.stdout.write(f"{campaign}: {verb} {count} e-mail address(es)")
        total = sum(report.values())
        self.stdout.write(self.style.SUCCESS(f"{verb} {total} in all (closed > {days} days ago)"))
        reports = reports_delete(dry_run=dry_run)
        self.stdout.write(f"{verb} {reports} input report(s) older than {REPORT_DAYS} days")
        if not dry_run:
            counts = write_counts_delete()
            self.stdout.write(f"removed {counts} rate-limit count(s) unused for a day")
