"""Management command: add many synthetic proposals, set-based, for load tests."""

import time

from django.core.management.base import BaseCommand, CommandError

from mapping.models import Campaign
from mapping.synthetic import synthetic_proposals_load


class Command(BaseCommand):
    help = "Add N synthetic published proposals (marked as demo) spread over the campaign's area."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="campaign slug")
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=float, default=0.2040)

    def handle(self, *args, campaign, count, seed, **options):
        try:
            target = Campaign.objects.get(slug=campaign)
        except Campaign.DoesNotExist as error:
            raise CommandError(f"No campaign {campaign!r}") from error
        started = time.monotonic()
        made = synthetic_proposals_load(campaign=target, count=count, seed=seed)
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{made} proposals in {seconds:.1f} s"))
