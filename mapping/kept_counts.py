"""The kept counts (mapping_areacount, mapping_weekcount): numbers per area, category, status,
campaign and week that PostgreSQL keeps exact through every write (migration 0019), read here.

They answer when the filters are only campaign, category, status and visibility, which the
counts are kept by; any other filter (an area, a tag, a date, text …) falls back to counting the
proposals. An answer built from them may be cached under kept_version(): it stays exact until
the next write raises the number. Why SQL: the counts are summed over a few thousand rows
instead of a join over every proposal; the answers equal the fallback's (tested).
"""

from dataclasses import dataclass

from django.db import connection

from mapping.models import Proposal
from mapping.reads import read_connection

KEPT_BY = {"campaign", "category", "status", "visibility"}

# The kept rows a filter selects; %s in the order KeptFilter.params() gives them.
KEPT_WHERE = """
    (%s::integer IS NULL OR campaign_id = %s)
    AND (%s::integer[] IS NULL OR category_id = ANY(%s))
    AND status = ANY(%s) AND visibility = ANY(%s)
"""


@dataclass(frozen=True)
class KeptFilter:
    campaign: int | None
    categories: list[int] | None
    statuses: list[str]
    visibilities: list[str]

    def key(self) -> str:
        """The selection as a cache key."""
        categories = ",".join(map(str, sorted(self.categories or [])))
        return f"{self.campaign}:{categories}:{','.join(sorted(self.statuses))}:" + ",".join(
            sorted(self.visibilities)
        )

    def params(self) -> list:
        return [
            self.campaign,
            self.campaign,
            self.categories,
            self.categories,
            self.statuses,
            self.visibilities,
        ]


def kept_filter(filterset, *, moderator: bool, by=KEPT_BY) -> KeptFilter | None:
    """The kept counts' selection for a valid ProposalFilter, or None if a filter other than
    `by` needs the proposals themselves."""
    data = filterset.form.cleaned_data
    if not filterset.asked() <= by:
        return None
    visible = Proposal.Visibility.values if moderator else [Proposal.Visibility.PUBLISHED]
    chosen = data.get("visibility") or visible
    categories = data.get("category")
    return KeptFilter(
        campaign=data["campaign"].pk if data.get("campaign") else None,
        categories=[c.pk for c in categories] if categories else None,
        statuses=list(data.get("status") or Proposal.Status.values),
        visibilities=[v for v in chosen if v in visible],
    )


def kept_total(filterset, *, moderator: bool) -> int | None:
    """How many proposals a valid ProposalFilter selects, read from the kept counts: exact, and
    a few thousand rows summed at most. Its filters may be those the counts are kept by, and
    areas of one kind: a pin is linked to one area of each kind, so their counts add up, but a
    line or an area crossing two chosen areas would be counted twice, so several areas are
    answered only while the campaigns hold pins alone; None for any other filter."""
    kept = kept_filter(filterset, moderator=moderator, by=KEPT_BY | {"area"})
    areas = list(filterset.form.cleaned_data.get("area") or [])
    if kept is None or len({area.kind for area in areas}) > 1:
        return None
    if len(areas) > 1 and Proposal.objects.exclude(kind=Proposal.Kind.POINT).exists():
        return None
    table, params = "mapping_weekcount", kept.params()
    if areas:
        table, params = "mapping_areacount", [*params, [area.pk for area in areas]]
    where = f"{KEPT_WHERE} AND area_id = ANY(%s)" if areas else KEPT_WHERE
    with read_connection().cursor() as cursor:
        cursor.execute(
            f"SELECT coalesce(sum(count), 0) FROM {table} WHERE {where}",  # noqa: S608
            params,
        )
        return int(cursor.fetchone()[0])


def kept_weeks(kept: KeptFilter) -> dict:
    """{Monday: count} of the kept weeks the filter selects."""
    with read_connection().cursor() as cursor:
        cursor.execute(
            f"SELECT week, sum(count) FROM mapping_weekcount WHERE {KEPT_WHERE} "  # noqa: S608
            "GROUP BY week HAVING sum(count) > 0",
            kept.params(),
        )
        return dict(cursor.fetchall())


def kept_version() -> int | None:
    """The number PostgreSQL raises with every write to proposals or their area links; None
    while the row is missing (a test database just flushed), when nothing may be cached."""
    with read_connection().cursor() as cursor:
        cursor.execute("SELECT version FROM mapping_countsversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def kept_counts_rebuild() -> None:
    """Recount every kept count set-based, after bulk writes that bypassed the triggers."""
    with connection.cursor() as cursor:
        # SQL: the rebuild is a database function, the same statements the migration defined.
        cursor.execute("SELECT mapping_counts_rebuild()")
