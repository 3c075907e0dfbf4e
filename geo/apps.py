"""App configuration for geo."""

from django.apps import AppConfig


class GeoConfig(AppConfig):
    """Areas, boundaries and spatial helpers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "geo"
    verbose_name = "Områder"
