"""Management command: add many synthetic proposals, set-based, for load tests."""

import time

from django.core.management.base import BaseCommand

from mapping.management.campaigns import campaign_by_slug
from mapping.synthetic import synthetic_proposals_load


class Command(BaseCommand):
    help = "Add N synthetic published proposals (marked as demo) spread over the campaign's area."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="campaign slug")
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=float, default=0.2040)
        parser.add_argument(
            "--shapes",
            type=float,
            default=0.0,
            help="share of lines and areas, half each (0.2: 10 %% lines, 10 %% areas)",
        )

    def handle(self, *args, campaign, count, seed, shapes, **options):
        target = campaign_by_slug(campaign)
        started = time.monotonic()
        made = synthetic_proposals_load(campaign=target, count=count, seed=seed, shapes=shapes)
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{made} proposals in {seconds:.1f} s"))
