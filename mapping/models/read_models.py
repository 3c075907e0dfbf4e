"""Read models kept by PostgreSQL's triggers: the map's count pyramid, the kept counts per area
and week, and the version every write raises."""

from django.contrib.gis.db import models

from geo.models import Area
from mapping.models.campaigns import Campaign, Category


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
