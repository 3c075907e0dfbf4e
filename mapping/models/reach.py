"""Reaching people where they are: workshops and kiosks (events), on-site QR posters, and the
write counts that judge a shared network (mapping/admission.py)."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geo.models import Area
from mapping.models.campaigns import Campaign


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
    # What the planner calls it ("Sandvika stasjon, perrong 1"); one poster, in any language.
    name = models.CharField(_("navn"), max_length=120, blank=True)
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
        return f"{self.name or where} ({self.code})"


class WriteCount(models.Model):
    """The times of the latest writes under one rate-limit key (a browser's or an address's, per
    scope): mapping.admission counts and trims them in one statement. Rows unused for a day are
    deleted by the retention job."""

    key = models.CharField(max_length=200, primary_key=True)
    times = ArrayField(models.FloatField())  # Unix seconds, oldest first
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
