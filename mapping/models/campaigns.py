"""A place's campaigns and their categories, with their texts in each language."""

from django.conf import settings
from django.contrib.gis.db import models
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from geo.models import Area


def max_length(model: type[models.Model], field: str) -> int:
    """A text field's limit, defined once on the model and read by serializers and forms."""
    return model._meta.get_field(field).max_length


class Translatable(models.Model):
    """Text fields with optional translations: {"nn": {"name": "…"}, "en": {"name": "…"}}.

    The fields hold bokmål; a missing translation falls back to it.
    """

    translations = models.JSONField(_("oversettelser"), default=dict, blank=True)

    class Meta:
        abstract = True

    def translated(self, field: str) -> str:
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return self.translations.get(language, {}).get(field) or getattr(self, field)

    def translated_language(self, field: str) -> str:
        """The language the translated() text is in, for a lang attribute."""
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        if self.translations.get(language, {}).get(field):
            return language
        return settings.LANGUAGE_CODE


class Category(Translatable):
    """A theme of one campaign's proposals, with the colour and shape its markers get.

    Categories belong to their campaign: two places may use the same slug with their own
    names, symbols and order, and loading one never changes the other's.
    """

    campaign = models.ForeignKey(
        "Campaign",
        verbose_name=_("kampanje"),
        on_delete=models.CASCADE,
        related_name="categories",
    )
    slug = models.SlugField(_("kortnavn"))
    name = models.CharField(_("navn"), max_length=80)
    colour = models.CharField(
        _("farge"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Bruk formatet #RRGGBB."))],
    )
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Symbol(models.TextChoices):
        CIRCLE = "circle", _("Sirkel")
        SQUARE = "square", _("Kvadrat")
        TRIANGLE = "triangle", _("Trekant")
        DIAMOND = "diamond", _("Rute")
        STAR = "star", _("Stjerne")
        HEXAGON = "hexagon", _("Sekskant")
        PENTAGON = "pentagon", _("Femkant")
        CROSS = "cross", _("Kryss")

    # Colour is never the only cue (WCAG 1.4.1): each category also has its own marker shape.
    symbol = models.CharField(
        _("symbol"), max_length=10, choices=Symbol.choices, default=Symbol.CIRCLE
    )

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["campaign", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="category_slug_per_campaign")
        ]

    def __str__(self):
        return self.name


class Place(models.Model):
    """A kommune or a bydel sharing the installation: its campaigns, and the planners who work on
    them. A planner sees, changes and exports only their places' campaigns and proposals; a
    superuser every place's."""

    slug = models.SlugField(_("kortnavn"), unique=True)
    name = models.CharField(_("navn"), max_length=200)
    planners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("planleggere"), related_name="places", blank=True
    )

    class Meta:
        verbose_name = _("sted")
        verbose_name_plural = _("steder")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Campaign(Translatable):
    """A question put to residents, open for a time window within a boundary."""

    class Moderation(models.TextChoices):
        PUBLISH = "publish", _("Publiser straks")
        APPROVE = "approve", _("Publiser etter godkjenning")

    place = models.ForeignKey(
        Place, verbose_name=_("sted"), on_delete=models.PROTECT, related_name="campaigns"
    )
    slug = models.SlugField(_("kortnavn"), unique=True)
    title = models.CharField(_("tittel"), max_length=200)
    question = models.CharField(_("spørsmål"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    boundary = models.ForeignKey(
        Area,
        verbose_name=_("gyldig område"),
        help_text=_("Forslag må ligge innenfor dette området (gjerne med sjøareal)."),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outline = models.ForeignKey(
        Area,
        verbose_name=_("omriss i kartet"),
        help_text=_("Grensen som tegnes i kartet. Tom: det gyldige området."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("åpner"))
    closes_at = models.DateTimeField(_("stenger"), null=True, blank=True)
    moderation = models.CharField(
        _("moderering"), max_length=10, choices=Moderation.choices, default=Moderation.PUBLISH
    )

    class Meta:
        verbose_name = _("kampanje")
        verbose_name_plural = _("kampanjer")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.title

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at and (self.closes_at is None or at < self.closes_at)

    def state(self) -> str:
        """ "upcoming", "open" or "closed", for pages that say which."""
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if self.is_open(now) else "closed"
