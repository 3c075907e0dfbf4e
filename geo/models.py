"""The Area model: an administrative or statistical area with its boundary."""

from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db.models import Func
from django.utils.translation import gettext_lazy as _

# Simplification runs in EUREF89 UTM 32 so that the tolerance is in metres.
METRIC_SRID = 25832


class SimplifyPreserveTopology(Func):
    """ST_SimplifyPreserveTopology: keeps polygons valid, which plain ST_Simplify does not."""

    function = "ST_SimplifyPreserveTopology"
    output_field = models.GeometryField(srid=METRIC_SRID)


# Boundaries drawn on web maps are simplified to this many metres: invisible at street zoom.
MAP_SIMPLIFY_M = 5


class AreaQuerySet(models.QuerySet):
    """Area queries; spatial logic lives here, as in mapit."""

    def containing(self, point):
        """Areas whose boundary contains (or touches) the point."""
        return self.filter(geom__intersects=point)

    def store_map_geojson(self) -> None:
        """Write each area's simplified boundary (MAP_SIMPLIFY_M, 5 decimals) to map_geojson."""
        for area in (
            self.with_simplified_geom(MAP_SIMPLIFY_M)
            .annotate(simplified_json=AsGeoJSON("simplified_geom", precision=5))
            .only("pk")
        ):
            Area.objects.filter(pk=area.pk).update(map_geojson=area.simplified_json)

    def with_simplified_geom(self, tolerance_m: float):
        """Annotate `simplified_geom`: the boundary simplified to `tolerance_m`, in EPSG:4326,
        and still a MultiPolygon (as the API's schema says) whatever simplifying returned."""
        simplified = SimplifyPreserveTopology(Transform("geom", METRIC_SRID), tolerance_m)
        in_degrees = Func(simplified, 4326, function="ST_Transform")
        return self.annotate(
            simplified_geom=Func(
                in_degrees, function="ST_Multi", output_field=models.GeometryField(srid=4326)
            )
        )


class Area(models.Model):
    """A kommune, delområde, grunnkrets, valgkrets or bydel with its MultiPolygon boundary."""

    class Kind(models.TextChoices):
        KOMMUNE = "kommune", _("Kommune")
        TERRITORIUM = "territorium", _("Kommune med sjøareal")
        BYDEL = "bydel", _("Bydel")
        DELOMRADE = "delomrade", _("Delområde")
        GRUNNKRETS = "grunnkrets", _("Grunnkrets")
        VALGKRETS = "valgkrets", _("Valgkrets")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("navn"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    # The place whose manifest loaded the area: a map shows its own place's attribution only.
    place = models.CharField(_("sted (datasett)"), max_length=200, blank=True)
    attribution = models.CharField(_("kildehenvisning"), max_length=300, blank=True)
    # An optional layer of the place (its manifest's "population" CSV), e.g. SSB's statistics
    # of population per grunnkrets: who lives here, to see who has not been heard.
    population = models.PositiveIntegerField(_("innbyggere"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("innbyggere, år"), null=True, blank=True)
    population_source = models.CharField(_("innbyggere, kilde"), max_length=300, blank=True)
    # Inhabitants per age band (the background question's bands), where the source has them.
    population_by_age = models.JSONField(_("innbyggere per aldersgruppe"), null=True, blank=True)
    geom = models.MultiPolygonField(_("grense"), srid=4326, spatial_index=True)
    # The boundary simplified for web maps, as GeoJSON text: written by the importer so that
    # responses with hundreds of areas embed it instead of simplifying per request.
    map_geojson = models.TextField(_("forenklet grense (GeoJSON)"), blank=True, editable=False)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områder")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="area_kind_code_unique"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()} {self.code})"


class Place(models.Model):
    """A well-known named place (a station, a beach, a centre) residents can search for."""

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=50, blank=True)
    location = models.PointField(_("plassering"), srid=4326)
    source = models.CharField(_("kilde"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sted")
        verbose_name_plural = _("steder")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="place_name_unique")]

    def __str__(self):
        return self.name
