"""App configuration for ogc."""

from django.apps import AppConfig


class OgcConfig(AppConfig):
    """OGC API – Features over the proposals, for planners' own GIS (QGIS, ArcGIS Pro, GDAL)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ogc"
    verbose_name = "OGC API – Features"
