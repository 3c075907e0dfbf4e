"""Campaigns, categories and the proposals residents pin on the map."""

from django.contrib.gis.db import models
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geo.models import Area


class Category(models.Model):
    """A theme a proposal belongs to, with the colour its markers get."""

    slug = models.SlugField(_("kortnavn"), unique=True)
    name = models.CharField(_("navn"), max_length=80)
    colour = models.CharField(
        _("farge"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Bruk formatet #RRGGBB."))],
    )
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Campaign(models.Model):
    """A question put to residents, open for a time window within a boundary."""

    class Moderation(models.TextChoices):
        PUBLISH = "publish", _("Publiser straks")
        APPROVE = "approve", _("Publiser etter godkjenning")

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


class Proposal(models.Model):
    """A resident's pinned proposal for the future of an area."""

    class Status(models.TextChoices):
        RECEIVED = "mottatt", _("Mottatt")
        ASSESSING = "under_vurdering", _("Under vurdering")
        ADOPTED = "innarbeidet", _("Innarbeidet")
        PARTLY = "delvis_innarbeidet", _("Delvis innarbeidet")
        NOT_ADOPTED = "ikke_innarbeidet", _("Ikke innarbeidet")
        DONE = "gjennomfort", _("Gjennomført")

    class Visibility(models.TextChoices):
        PUBLISHED = "published", _("Publisert")
        PENDING = "pending", _("Venter på godkjenning")
        HIDDEN = "hidden", _("Skjult")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanje"), on_delete=models.PROTECT, related_name="proposals"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("tittel"), max_length=120)
    body = models.TextField(_("beskrivelse"), max_length=2000)
    location = models.PointField(_("plassering"), srid=4326, spatial_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    visibility = models.CharField(
        _("synlighet"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLISHED
    )
    display_name = models.CharField(_("visningsnavn"), max_length=80, blank=True)
    # Private: used only to tell the author about updates; never serialised for the public.
    email = models.EmailField(_("e-post"), blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)
    areas = models.ManyToManyField(
        Area, verbose_name=_("områder"), related_name="proposals", blank=True
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["campaign", "visibility", "-created_at"], name="proposal_public_idx"
            ),
        ]

    def __str__(self):
        return self.title
