"""Management command: import area layers from a place manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geo.importer import import_layers


class Command(BaseCommand):
    help = "Import the area layers listed in a manifest (e.g. fixtures/baerum/areas.json)."

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)

    def handle(self, *args, manifest, **options):
        if not manifest.is_file():
            raise CommandError(f"No manifest at {manifest}")
        report = import_layers(manifest)
        self.stdout.write(self.style.SUCCESS(f"Imported areas: {report}"))
