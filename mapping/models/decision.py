"""What planners decide with: tags that code proposals, and the plans or cases (outcomes)
they go into."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from mapping.models.campaigns import Campaign


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
