"""The input report and the planners' export files, with their state as they are built."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A file a planner asked for, built in the background from the filters it was asked with,
    with its progress: an input report (innspillsrapport), or an export of the proposals of any
    size. The file is served only to the planner who asked."""

    class Format(models.TextChoices):
        DOCX = "docx", "Word (DOCX)"
        PDF = "pdf", "PDF"
        GEOJSON = "geojson", "GeoJSON"
        CSV = "csv", "CSV"
        GPKG = "gpkg", "GeoPackage"

    EXPORT_FORMATS = (Format.GEOJSON, Format.CSV, Format.GPKG)

    class Language(models.TextChoices):
        BOKMAL = "nb", _("Bokmål")
        NYNORSK = "nn", _("Nynorsk")

    class Table(models.TextChoices):
        """The merknadsbehandling table: one row per proposal, or a row per theme or tag (as
        planners write it for a large set); automatic: per proposal up to TABLE_ROWS_AT_MOST."""

        AUTO = "auto", _("Automatisk")
        PROPOSALS = "proposals", _("Ett forslag per rad")
        THEMES = "themes", _("Gruppert per tema")
        TAGS = "tags", _("Gruppert per merkelapp")

    TABLE_ROWS_AT_MOST = 1000

    class State(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Lages")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filters = models.JSONField(_("filtre"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=7, choices=Format.choices)
    crs = models.PositiveIntegerField(
        _("koordinatsystem (EPSG)"),
        default=4326,
        choices=[(4326, "WGS 84"), (25832, "EUREF89 UTM 32")],
    )
    language = models.CharField(
        _("målform"), max_length=2, choices=Language.choices, default=Language.BOKMAL
    )
    table = models.CharField(_("tabell"), max_length=9, choices=Table.choices, default=Table.AUTO)
    with_emails = models.BooleanField(_("med e-postadresser"), default=False)
    state = models.CharField(
        _("tilstand"), max_length=7, choices=State.choices, default=State.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    proposal_count = models.PositiveIntegerField(_("antall forslag"), default=0)
    file = models.FileField(_("fil"), upload_to="reports/", blank=True)
    error = models.TextField(_("feil"), blank=True)
    created_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)

    class Meta:
        verbose_name = _("innspillsrapport")
        verbose_name_plural = _("innspillsrapporter")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_format_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_export(self) -> bool:
        return self.format in self.EXPORT_FORMATS

    @property
    def filename(self) -> str:
        """The name the planner's download gets."""
        day = f"{self.created_at:%Y-%m-%d}-{self.pk}"
        if self.is_export:
            return f"fremtidskart-forslag-{day}-epsg{self.crs}.{self.format}"
        return f"innspillsrapport-{day}.{self.format}"
