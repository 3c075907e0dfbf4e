"""Management command: load a place's categories and campaign."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geo.models import Area
from mapping.campaign_loader import campaign_load


class Command(BaseCommand):
    help = (
        "Create or update categories and a campaign from JSON (e.g. fixtures/baerum/campaign.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"No campaign file at {path}")
        try:
            campaign = campaign_load(path)
        except Area.DoesNotExist as error:
            raise CommandError(
                "The campaign's boundary area is missing: import areas first."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Campaign ready: {campaign}"))
