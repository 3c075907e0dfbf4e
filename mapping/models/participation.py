"""What residents add to a proposal: supports, comments, reports, follows by e-mail, and the
background answers counted apart."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from mapping.models.campaigns import Campaign
from mapping.models.proposals import Proposal


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
