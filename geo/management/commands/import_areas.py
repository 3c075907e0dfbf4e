"""Management command: import area layers from a place manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geo.importer import import_layers


class Command(BaseCommand):
    help = (
        "Import the area layers listed in a manifest (e.g. fixtures/baerum/areas.json), and the "
        'inhabitants per area from the manifest\'s "population" CSV or --population.'
    )

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)
        parser.add_argument(
            "--population",
            type=Path,
            help="CSV of inhabitants per area: code, population, year, source; kind where a "
            "code names areas of several kinds; age_under_16 … age_67_plus optional",
        )

    def handle(self, *args, manifest, population, **options):
        for path in (manifest, population):
            if path is not None and not path.is_file():
                raise CommandError(f"No file at {path}")
        try:
            report = import_layers(manifest, population=population)
        except (ValueError, KeyError) as error:  # a wrong file: one line, nothing imported
            raise CommandError(f"Nothing imported: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Imported areas: {report}"))
