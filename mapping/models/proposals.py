"""The proposals residents pin on the map, their status history, photos and moderation log."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import F, Func, Q
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from geo.models import Area
from mapping.models.campaigns import Campaign, Category
from mapping.models.decision import Outcome, Tag
from mapping.models.reach import Event, Poster


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
        MERGED = "merged", _("Slått sammen")

    class Channel(models.TextChoices):
        """How a proposal came: never a device or an address."""

        MAP = "map", _("Kartet")
        EMBED = "embed", _("Innebygd kart")
        FORM = "form", _("Skjema uten kart")
        API = "api", _("API")
        EVENT = "event", _("Verksted")
        POSTER = "poster", _("Plakat")
        UNKNOWN = "unknown", _("Før kanaler ble registrert")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanje"), on_delete=models.PROTECT, related_name="proposals"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("tittel"), max_length=120)
    body = models.TextField(_("beskrivelse"), max_length=2000)

    class Kind(models.TextChoices):
        POINT = "point", _("Punkt")
        LINE = "line", _("Linje")
        AREA = "area", _("Område")

    # Every proposal has its point: a pin's own, or a drawn shape's representative point
    # (mapping.shapes), by which the map layer's pyramid, hotspots and posters place it.
    location = models.PointField(_("plassering"), srid=4326, spatial_index=True)
    kind = models.CharField(
        _("form"), max_length=5, choices=Kind.choices, default=Kind.POINT, db_default=Kind.POINT
    )
    # A line (LineString) or an area (Polygon, MultiPolygon) as drawn or chosen; none for a pin.
    shape = models.GeometryField(
        _("linje eller område"), srid=4326, null=True, blank=True, spatial_index=False
    )
    # Where it lies, whatever its kind: the shape, or the pin. Kept by PostgreSQL; what every
    # spatial filter (bbox, a drawn polygon, CQL2) asks, through one index with the category,
    # where a condition on the point or the shape would combine two and lose the category.
    footprint = models.GeneratedField(
        expression=Coalesce("shape", "location"),
        output_field=models.GeometryField(srid=4326),
        db_persist=True,
    )
    # On the ground, measured once as it was stored: an area's square metres, a line's metres.
    area_m2 = models.PositiveIntegerField(_("areal (m²)"), null=True, blank=True)
    length_m = models.PositiveIntegerField(_("lengde (m)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    visibility = models.CharField(
        _("synlighet"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLISHED
    )
    answer = models.TextField(_("kommunens svar"), max_length=4000, blank=True)
    display_name = models.CharField(_("visningsnavn"), max_length=80, blank=True)
    # Private: used only to tell the author about updates; never serialised for the public.
    email = models.EmailField(_("e-post"), blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)
    is_approximate = models.BooleanField(
        _("omtrentlig plassering"),
        default=False,
        db_default=False,
        help_text=_("Punktet er satt fra et valgt område eller sted, ikke plassert i kartet."),
    )
    channel = models.CharField(
        _("kanal"),
        max_length=10,
        choices=Channel.choices,
        default=Channel.UNKNOWN,
        db_default=Channel.UNKNOWN,
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("verksted"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("merkelapper"), related_name="proposals", blank=True
    )
    poster = models.ForeignKey(
        Poster,
        verbose_name=_("plakat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    # A merged duplicate points at the proposal it was merged into; its own text is kept.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("slått sammen med"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("utfall"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    # Denormalised: kept by proposal_support so that lists can sort by it without counting.
    support_count = models.PositiveIntegerField(_("antall støtter"), default=0, db_default=0)
    # Many of its supports came from one network within an hour: planners see a mark.
    support_burst = models.BooleanField(
        _("støtter i rykk fra ett nettverk"), default=False, db_default=False
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("områder"), related_name="proposals", blank=True
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)
    # Kept by PostgreSQL itself, so no write path can forget it; Norwegian stemming.
    search = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="norwegian")
        + SearchVector("body", weight="B", config="norwegian"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The words and adjacent word pairs of `search`, once each (no positions): themes count
    # them for any set with ts_stat, without unnesting positions (mapping.themes).
    terms = models.GeneratedField(
        expression=Func(F("title"), F("body"), function="mapping_terms"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["campaign", "visibility", "-created_at"], name="proposal_public_idx"
            ),
            GinIndex(fields=["search"], name="proposal_search_idx"),
            # Lists in the default order walk this index and stop after a page, whatever
            # else filters them (a bbox over most of the kommune, a category …).
            models.Index(
                F("created_at").desc(),
                F("id").desc(),
                condition=Q(visibility="published"),
                name="proposal_published_recent_idx",
            ),
            # A category and a place together (a CQL2 filter from QGIS, the map's category
            # layer): one index answers both (btree_gist), where two would be combined.
            GistIndex(
                fields=["category", "footprint"],
                condition=Q(visibility="published"),
                name="proposal_category_place_idx",
            ),
            GistIndex(fields=["footprint"], name="proposal_footprint_idx"),
            # Whether there are lines and areas at all (mapping.kept_counts): most are pins.
            models.Index(fields=["kind"], condition=~Q(kind="point"), name="proposal_shaped_idx"),
            # "Similar proposals nearby" filters on metres, which needs geography.
            GistIndex(
                Cast("location", models.PointField(geography=True, srid=4326)),
                name="proposal_location_geog_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="point", shape__isnull=True)
                | Q(kind="line", shape__isnull=False, length_m__isnull=False)
                | Q(kind="area", shape__isnull=False, area_m2__isnull=False),
                name="proposal_kind_has_its_shape",
            ),
        ]
        permissions = [
            ("use_workspace", _("Kan bruke planleggerverktøyet")),
            ("moderate_proposal", _("Kan moderere forslag")),
            ("answer_proposal", _("Kan sette status og svare på forslag")),
            ("view_author_email", _("Kan se forslagsstilleres e-postadresse")),
        ]

    def __str__(self):
        return self.title

    # Statuses that say only that it is received or assessed, not what became of it: with one,
    # an outcome reads "Behandles i …" rather than "Innarbeidet i …".
    UNDECIDED = (Status.RECEIVED, Status.ASSESSING)

    @property
    def is_decided(self) -> bool:
        return self.status not in self.UNDECIDED


class StatusChange(models.Model):
    """One step in a proposal's status history, with the public answer given at that step."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("forslag")
    )
    from_status = models.CharField(_("fra status"), max_length=20, choices=Proposal.Status.choices)
    to_status = models.CharField(_("til status"), max_length=20, choices=Proposal.Status.choices)
    answer = models.TextField(_("svar"), max_length=4000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("endret av"),
    )
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("statusendring")
        verbose_name_plural = _("statusendringer")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"


class Photo(models.Model):
    """A photo attached to a proposal, resized and stripped of all metadata on upload."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="photos", verbose_name=_("forslag")
    )
    image = models.ImageField(
        _("bilde"), upload_to="photos/", width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(_("miniatyr"), upload_to="photos/thumbs/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("bilde")
        verbose_name_plural = _("bilder")
        ordering = ["position", "id"]

    def __str__(self):
        return self.image.name


class ModerationAction(models.Model):
    """The moderation log: who did what to which proposal, when and why."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Godkjent")
        HIDE = "hide", _("Skjult")
        PUBLISH = "publish", _("Publisert igjen")
        AUTO_HIDE = "auto_hide", _("Skjult etter rapporteringer")
        EDIT = "edit", _("Rettet av moderator")
        HOLD = "hold", _("Holdt tilbake for moderering")
        MERGE = "merge", _("Slått sammen")
        UNMERGE = "unmerge", _("Sammenslåing angret")
        ACCEPT_SUPPORTS = "supports", _("Holdte støtter godtatt")

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="moderation_actions",
        verbose_name=_("forslag"),
    )
    comment = models.ForeignKey(
        "Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_actions",
        verbose_name=_("kommentar"),
    )
    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    reason = models.TextField(_("begrunnelse"), max_length=1000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("utført av"),
    )
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("modereringshandling")
        verbose_name_plural = _("modereringslogg")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.proposal_id}"
