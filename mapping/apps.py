"""App configuration for mapping."""

from django.apps import AppConfig


class MappingConfig(AppConfig):
    """Campaigns, categories, proposals and their API."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mapping"
    verbose_name = "Medvirkning"

    def ready(self):
        from geo.signals import areas_imported
        from mapping import checks  # registers the deployment checks
        from mapping.queue import AREAS_RELINK, later

        # Connected here, not at import time: re-imported boundaries re-link every proposal, in
        # a job (at 10^6 proposals it takes minutes).
        areas_imported.connect(
            lambda **kwargs: later(AREAS_RELINK),
            dispatch_uid="mapping.reassign_on_area_import",
            weak=False,
        )
        checks.warnings_log()
