"""Management command: (re)load demo proposals for a campaign."""

from pathlib import Path

from django.core.management.base import BaseCommand

from mapping.demo import demo_proposals_load
from mapping.management.campaigns import campaign_by_slug


class Command(BaseCommand):
    help = "Replace a campaign's demo proposals with a fixed set (fixtures/baerum/demo.json)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--campaign", required=True, help="campaign slug")
        parser.add_argument("--count", type=int, default=200)

    def handle(self, *args, path, campaign, count, **options):
        target = campaign_by_slug(campaign)
        made = demo_proposals_load(path=path, campaign=target, count=count)
        self.stdout.write(self.style.SUCCESS(f"{made} demo proposals in {target}"))
