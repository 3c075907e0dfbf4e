"""Management command: (re)load demo proposals for a campaign."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mapping.demo import demo_proposals_load
from mapping.models import Campaign


class Command(BaseCommand):
    help = "Replace a campaign's demo proposals with a fixed set (fixtures/baerum/demo.json)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--campaign", required=True, help="campaign slug")
        parser.add_argument("--count", type=int, default=200)

    def handle(self, *args, path, campaign, count, **options):
        try:
            target = Campaign.objects.get(slug=campaign)
        except Campaign.DoesNotExist as error:
            raise CommandError(f"No campaign {campaign!r}: run load_campaign first.") from error
        made = demo_proposals_load(path=path, campaign=target, count=count)
        self.stdout.write(self.style.SUCCESS(f"{made} demo proposals in {target}"))
