"""Campaigns, categories and the proposals residents pin on the map."""

import hashlib

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import RegexValidator
from django.db.models import F, Func, Q
from django.db.models.functions import Cast
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


class Campaign(Translatable):
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

    def state(self) -> str:
        """ "upcoming", "open" or "closed", for pages that say which."""
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if self.is_open(now) else "closed"


class Tag(models.Model):
    """A planner's code for proposals ("trafikksikkerhet", "skolevei"), per campaign. Internal
    unless a planner marks it public."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanje"), on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(_("navn"), max_length=60)
    slug = models.SlugField(_("kortnavn"), max_length=60)
    is_public = models.BooleanField(_("offentlig"), default=False)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("merkelapp")
        verbose_name_plural = _("merkelapper")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="tag_slug_per_campaign")
        ]

    def __str__(self):
        return self.name


class Outcome(models.Model):
    """Where proposals went: a plan or a case, with its case number, link and decision date."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanje"), on_delete=models.CASCADE, related_name="outcomes"
    )
    name = models.CharField(_("plan eller sak"), max_length=200)
    case_number = models.CharField(_("saksnummer"), max_length=40, blank=True)
    url = models.URLField(_("lenke"), blank=True)
    decided_on = models.DateField(_("vedtaksdato"), null=True, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        if self.case_number:
            return _("%(name)s (sak %(case)s)") % {"name": self.name, "case": self.case_number}
        return self.name


class Event(models.Model):
    """A workshop (verksted), a folkemøte or a kiosk at the library: devices that join it by its
    link or code belong to it until it ends, get its higher limits, and their proposals are
    counted under it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanje"), on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(_("navn"), max_length=120)
    place = models.CharField(_("sted"), max_length=120)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    code = models.CharField(_("kode"), max_length=8, unique=True)
    # Ends kiosk mode on a tablet: for the planner only, never shown with the public code.
    end_code = models.CharField(_("avslutningskode"), max_length=8, blank=True)
    focus_area = models.ForeignKey(
        Area,
        verbose_name=_("område i fokus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    focus_point = models.PointField(_("punkt i fokus"), srid=4326, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opprettet av"),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("verksted")
        verbose_name_plural = _("verksteder")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return self.name

    def is_running(self, at=None) -> bool:
        """Joined devices belong to it until it ends (joining early is fine)."""
        return (at or timezone.now()) < self.ends_at


class Poster(models.Model):
    """A printed poster at a spot (a station, a park, a crossing): its QR code and short link open
    the map there with a new proposal ready, and what comes through it is counted under it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanje"), on_delete=models.CASCADE, related_name="posters"
    )
    code = models.CharField(_("kode"), max_length=8, unique=True)
    point = models.PointField(_("punkt"), srid=4326)
    area = models.ForeignKey(
        Area,
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opprettet av"),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("plakat")
        verbose_name_plural = _("plakater")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        where = self.area.name if self.area else f"{self.point.y:.5f}, {self.point.x:.5f}"
        return f"{where} ({self.code})"


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
    location = models.PointField(_("plassering"), srid=4326, spatial_index=True)
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
            # "Similar proposals nearby" filters on metres, which needs geography.
            GistIndex(
                Cast("location", models.PointField(geography=True, srid=4326)),
                name="proposal_location_geog_idx",
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


class BackgroundCount(models.Model):
    """The optional, anonymous background question, counted: how many contributors to a campaign
    gave this age band and relation to the place. Only counts are kept, so an answer can never be
    tied to a proposal, its e-mail address or a network address."""

    class AgeBand(models.TextChoices):
        UNDER_16 = "under_16", _("Under 16 år")
        FROM_16 = "16_24", _("16–24 år")
        FROM_25 = "25_39", _("25–39 år")
        FROM_40 = "40_66", _("40–66 år")
        FROM_67 = "67_plus", _("67 år og eldre")

    class Relation(models.TextChoices):
        LIVES = "lives", _("Jeg bor der")
        WORKS = "works", _("Jeg jobber der")
        SCHOOL = "school", _("Jeg går på skole der")
        VISITS = "visits", _("Jeg besøker stedet")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("kampanje"), on_delete=models.CASCADE, related_name="+"
    )
    age_band = models.CharField(
        _("aldersgruppe"), max_length=10, choices=AgeBand.choices, blank=True
    )
    relation = models.CharField(
        _("forhold til stedet"), max_length=10, choices=Relation.choices, blank=True
    )
    count = models.PositiveIntegerField(_("antall"), default=0)

    class Meta:
        verbose_name = _("bakgrunn (telling)")
        verbose_name_plural = _("bakgrunn (tellinger)")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "age_band", "relation"], name="background_count_unique"
            )
        ]


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


class Follower(models.Model):
    """A resident who follows a proposal by e-mail: told of new statuses and outcomes once the
    address is confirmed (double opt-in). The token is both the confirm and unsubscribe key."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="followers", verbose_name=_("forslag")
    )
    email = models.EmailField(_("e-post"))
    token = models.CharField(max_length=43, unique=True)
    confirmed_at = models.DateTimeField(_("bekreftet"), null=True, blank=True)
    # When the last confirmation e-mail went out: at most one a day (mapping/services.py).
    asked_at = models.DateTimeField(_("bekreftelse sendt"), null=True, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("følger")
        verbose_name_plural = _("følgere")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "email"], name="follower_once_per_proposal")
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.email}"


class Support(models.Model):
    """One browser's support for a proposal; the browser is known by a hashed cookie token.

    A support from a browser that has not proved itself, or from a network beyond its limits,
    is kept but not counted (`counted`) until a planner accepts it (mapping/admission.py)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="supports", verbose_name=_("forslag")
    )
    supporter = models.CharField(_("nettleser (hash)"), max_length=64)
    network = models.CharField(_("nettverk (hash)"), max_length=16, blank=True)
    counted = models.BooleanField(_("telles"), default=True)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("støtte")
        verbose_name_plural = _("støtter")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "supporter"], name="support_once"),
        ]

    def __str__(self):
        return f"{self.proposal_id}"


class Comment(models.Model):
    """A resident's plain-text comment on a proposal."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="comments", verbose_name=_("forslag")
    )
    body = models.TextField(_("kommentar"), max_length=1000)
    display_name = models.CharField(_("visningsnavn"), max_length=80, blank=True)
    visibility = models.CharField(
        _("synlighet"),
        max_length=10,
        choices=Proposal.Visibility.choices,
        default=Proposal.Visibility.PUBLISHED,
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]


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


class Flag(models.Model):
    """A resident's report that a proposal or one of its comments breaks the rules."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="flags", verbose_name=_("forslag")
    )
    comment = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="flags",
        verbose_name=_("kommentar"),
    )
    reason = models.CharField(_("begrunnelse"), max_length=500)
    reporter = models.CharField(_("nettleser (hash)"), max_length=64, blank=True)
    network = models.CharField(_("nettverk (hash)"), max_length=16, blank=True)
    # A report from a browser that has not proved itself, or a held one, is read by moderators
    # but hides nothing.
    counted = models.BooleanField(_("telles"), default=True)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapportering")
        verbose_name_plural = _("rapporteringer")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.reason


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


class GridCell(models.Model):
    """Proposals counted per Web Mercator grid cell and zoom level: the map pyramid.

    A cell at `level` L is the XYZ tile (cx, cy) of zoom L, so a map tile at zoom z holds the
    4 × 4 cells of level z + 2. Kept exact by a PostgreSQL trigger on mapping_proposal (see
    migrations 0006 and 0022), whatever writes the proposal; per visibility, so that moderators'
    maps read it as cheaply as the public's. `sum_id` is the id when `count` is 1.
    """

    level = models.SmallIntegerField()
    cx = models.IntegerField()
    cy = models.IntegerField()
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20)
    visibility = models.CharField(max_length=10, default="published")
    count = models.IntegerField(default=0)
    sum_lon = models.FloatField(default=0)
    sum_lat = models.FloatField(default=0)
    sum_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["level", "cx", "cy", "campaign", "category", "status", "visibility"],
                name="gridcell_visibility_key",
            )
        ]

    def __str__(self):
        return f"L{self.level} ({self.cx}, {self.cy}): {self.count}"


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


class KeptCount(models.Model):
    """Proposals per campaign, category, status and visibility, and per area or per week, kept
    exact by PostgreSQL triggers through every write (migration 0019, like GridCell), so that the
    planners' numbers need no join over the proposals."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20)
    visibility = models.CharField(max_length=10)
    count = models.IntegerField(default=0)

    class Meta:
        abstract = True


class AreaCount(KeptCount):
    """Kept counts per area (every kind an area link has)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "area", "category", "status", "visibility"],
                name="areacount_key",
            )
        ]


class WeekCount(KeptCount):
    """Kept counts per week (its Monday, in Norwegian time): the weekly series and totals."""

    week = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "week", "category", "status", "visibility"],
                name="weekcount_key",
            )
        ]


class CountsVersion(models.Model):
    """One row whose number PostgreSQL raises with every statement that writes proposals or
    their area links (migration 0021): a cached answer from the kept counts, or a map tile's
    ETag, is valid while the number is the one it was computed at."""

    version = models.BigIntegerField(default=0)


class WriteCount(models.Model):
    """The times of the latest writes under one rate-limit key (a browser's or an address's, per
    scope): mapping.admission counts and trims them in one statement. Rows unused for a day are
    deleted by the retention job."""

    key = models.CharField(max_length=200, primary_key=True)
    times = ArrayField(models.FloatField())  # Unix seconds, oldest first
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)


class ApiToken(models.Model):
    """A planner's personal key for GIS clients (QGIS, GDAL) to read the OGC API with what the
    planner may see. Only its SHA-256 is kept: the key is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("navn"), max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # the key's start, to tell keys apart in the list
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
