"""The input report (innspillsrapport / merknadsbehandling) of a filtered set of proposals: what
it says, gathered once for both writers (mapping.report_docx, mapping.report_pdf).

Personal data stays out: no names and no e-mail addresses, unless the planner who asked holds
the permission to see authors' addresses (then the table gets an e-mail column).
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.contrib.gis.geos import GEOSGeometry
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo.map_image import MapLayers, map_png
from geo.models import Area
from geo.selectors import area_attributions
from mapping import selectors
from mapping.filters import ProposalFilter, proposal_filter
from mapping.hotspots import hotspots_collection
from mapping.models import Campaign, Category, Outcome, Proposal, Support, Tag
from mapping.small_groups import group_text
from mapping.themes import themes_of_filters

# The table's columns' relative widths (the text widest), and the e-mail column's.
COLUMN_WEIGHTS = [1.2, 2.4, 3.0, 7.0, 1.3, 2.4, 2.0, 4.4, 3.0]
EMAIL_WEIGHT = 3.0
PROGRESS_EVERY = 500  # rows between two reports of a report's progress
MAP_POINTS = 20_000  # more dots than this say nothing more on a page; the counts say it all
TABLE_AREA_KIND = Area.Kind.DELOMRADE


@dataclass
class ReportRow:
    """One line of the merknadsbehandling table."""

    id: int
    area: str
    title: str
    body: str
    support_count: int
    supports_held: int
    support_networks: int
    support_burst: bool
    merged: list[str]
    status: str
    answer: str
    outcome: str
    outcome_url: str
    email: str

    def cells(self, *, with_emails: bool) -> list:
        """The row's values under ReportContent.header()."""
        cells = [
            self.id,
            self.area,
            self.title,
            self.body,
            self.supports(),
            "\n".join(self.merged),
            self.status,
            self.answer,
            " ".join(filter(None, [self.outcome, self.outcome_url])),
        ]
        return [*cells, self.email] if with_emails else cells

    def supports(self) -> int | str:
        """The public count, and how robust it is: from how many networks, how many more are
        held (not counted), and whether they came in a burst from one network."""
        if not (self.support_count or self.supports_held):
            return 0
        notes = [_("%(n)d nettverk") % {"n": self.support_networks}]
        if self.supports_held:
            notes.append(_("%(n)d holdt") % {"n": self.supports_held})
        if self.support_burst:
            notes.append(_("rykk fra ett nettverk"))
        return f"{self.support_count} ({'; '.join(notes)})"


def _supports(pk, *, counted: bool, count: str) -> Subquery:
    """How many supports of a proposal and its merged duplicates (`count` "pk" or "network",
    each once), counted or held."""
    group = Q(proposal_id=pk) | Q(proposal__merged_into_id=pk)
    found = Support.objects.filter(group, counted=counted).order_by().values("counted")
    return Subquery(found.annotate(n=Count(count, distinct=True)).values("n")[:1])


@dataclass
class ReportContent:
    title: str
    question: str
    created_at: datetime
    filters: list[tuple[str, str]]
    total: int
    counts: list[tuple[str, list[tuple[str, str]]]]  # (heading, [(what, the count as shown)])
    themes: list[tuple[str, int]]
    hotspots: list[str]  # one line each, the largest first
    map_png: bytes
    attribution: list[str]
    with_emails: bool
    proposals: QuerySet

    def made(self) -> str:
        """When it was made and of how many proposals, in the report's language."""
        return _("Laget %(date)s. %(n)s forslag i utvalget.") % {
            "date": date_format(self.created_at, "DATETIME_FORMAT"),
            "n": number_format(self.total, force_grouping=True),
        }

    def header(self) -> list[str]:
        """The merknadsbehandling table's columns (the e-mail only with the permission)."""
        header = [
            _("Nr."),
            _("Område"),
            _("Tittel"),
            _("Forslag"),
            _("Støtter"),
            _("Sammenslått"),
            _("Status"),
            _("Kommunens svar"),
            _("Utfall"),
        ]
        return [*header, _("E-post")] if self.with_emails else header

    def column_widths(self, width: float) -> list[float]:
        """The columns' widths when the table is `width` wide (in any unit)."""
        weights = [*COLUMN_WEIGHTS, EMAIL_WEIGHT] if self.with_emails else COLUMN_WEIGHTS
        return [weight * width / sum(weights) for weight in weights]

    def cells(self, progress: Callable[[float], None], share: float = 1.0) -> Iterator[list]:
        """The table's rows as cells, telling `progress` the fraction done (up to `share`)."""
        for number, row in enumerate(self.rows(), start=1):
            if number % PROGRESS_EVERY == 0:
                progress(share * number / max(self.total, 1))
            yield row.cells(with_emails=self.with_emails)

    def rows(self) -> Iterator[ReportRow]:
        """The table's rows by area, then id, fetched in chunks (a report may hold 10⁵)."""
        area = Proposal.areas.through.objects.filter(
            proposal_id=OuterRef("pk"), area__kind=TABLE_AREA_KIND
        ).values("area__name")[:1]
        merged = Proposal.objects.filter(merged_into=OuterRef("pk")).order_by("pk")
        rows = (
            self.proposals.order_by()
            .select_related("outcome")
            .annotate(
                area_name=Subquery(area),
                merged_ids=ArraySubquery(merged.values("id")),
                merged_titles=ArraySubquery(merged.values("title")),
                supports_held=_supports(OuterRef("pk"), counted=False, count="pk"),
                support_networks=_supports(OuterRef("pk"), counted=True, count="network"),
            )
            .order_by("area_name", "pk")
        )
        statuses = dict(Proposal.Status.choices)
        for p in rows.iterator(chunk_size=2000):
            yield ReportRow(
                id=p.pk,
                area=p.area_name or "",
                title=p.title,
                body=p.body,
                support_count=p.support_count,
                supports_held=p.supports_held or 0,
                support_networks=p.support_networks or 0,
                support_burst=p.support_burst,
                merged=[f"{pk}: {t}" for pk, t in zip(p.merged_ids, p.merged_titles, strict=True)],
                status=str(statuses[p.status]),
                answer=p.answer,
                outcome=str(p.outcome) if p.outcome else "",
                outcome_url=p.outcome.url if p.outcome else "",
                email=p.email if self.with_emails else "",
            )


FILTER_LABELS = {
    "campaign": gettext_lazy("Kampanje"),
    "area": gettext_lazy("Område"),
    "category": gettext_lazy("Kategori"),
    "status": gettext_lazy("Status"),
    "visibility": gettext_lazy("Synlighet"),
    "tag": gettext_lazy("Merkelapp"),
    "channel": gettext_lazy("Kanal"),
    "created_after": gettext_lazy("Fra dato"),
    "created_before": gettext_lazy("Til dato"),
    "q": gettext_lazy("Fritekst"),
    "within": gettext_lazy("Tegnet område"),
    "bbox": gettext_lazy("Kartutsnitt"),
    "id": gettext_lazy("Utvalgte forslag"),
    "outcome": gettext_lazy("Utfall"),
}
NAMED_BY = {
    "campaign": (Campaign, "pk", "title"),
    "area": (Area, "code", "name"),
    "category": (Category, "slug", "name"),
    "tag": (Tag, "slug", "name"),
}
CHOICES = {
    "status": Proposal.Status.choices,
    "visibility": Proposal.Visibility.choices,
    "channel": Proposal.Channel.choices,
}


def _describe(name: str, values: list[str]) -> str:
    if name in NAMED_BY:
        model, key, label = NAMED_BY[name]
        found = model.objects.filter(**{f"{key}__in": values}).values_list(key, label)
        names = {str(code): name for code, name in found}
        return ", ".join(names.get(value, value) for value in values)
    if name in CHOICES:
        return ", ".join(str(dict(CHOICES[name]).get(value, value)) for value in values)
    if name == "within":
        return _("et område tegnet i kartet")
    if name == "id":
        return _("%(n)d forslag valgt ett for ett (en hotspot)") % {"n": len(values[0].split(","))}
    if name == "outcome":
        return ", ".join(str(o) for o in Outcome.objects.filter(pk__in=values))
    return ", ".join(values)


def filters_described(params: QueryDict) -> list[tuple[str, str]]:
    """The filters a planner chose, as a reader understands them: (what, which); "all proposals"
    without any. What else the workspace sends (the list's ordering, say) is not a filter."""
    described = [
        (str(FILTER_LABELS.get(name, name)), _describe(name, [v for v in values if v]))
        for name, values in params.lists()
        if any(values) and name in ProposalFilter.base_filters
    ]
    return described or [(_("Utvalg"), _("alle forslag"))]


def _counts(proposals: QuerySet, user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The numbers by area, category, status, tag and channel, as the reader sees them (zeros
    left out; a group under 5 as "fewer than 5", as everywhere else)."""
    tables = _counted(proposals, user)
    return [(heading, [(what, group_text(n)) for what, n in rows]) for heading, rows in tables]


def _counted(proposals: QuerySet, user) -> list[tuple[str, list[tuple[str, int]]]]:
    """The numbers by area, category, status, tag and channel (exact, zeros left out)."""
    plain = proposals.order_by()
    statuses = dict(Proposal.Status.choices)
    by_area = selectors.proposal_counts_per_area(proposals=plain, kind=TABLE_AREA_KIND)
    by_category = plain.values_list("category__name").annotate(n=Count("pk")).order_by("-n")
    by_status = plain.values_list("status").annotate(n=Count("pk")).order_by("-n")
    return [
        (_("Per område (delområde)"), by_area),
        (_("Per kategori"), list(by_category)),
        (_("Per status"), [(str(statuses[s]), n) for s, n in by_status]),
        (
            _("Per merkelapp"),
            [(t.name, n) for t, n in selectors.proposal_counts_per_tag(proposals=plain, user=user)],
        ),
        (
            _("Per kanal"),
            [
                (name, n)
                for _v, name, n in selectors.proposal_counts_per_channel(proposals=plain)
                if n
            ],
        ),
    ]


def report_content(params: QueryDict, *, user, with_emails: bool) -> ReportContent:
    """Everything the report says about the proposals `params` filter, as `user` sees them."""
    # A merged duplicate is reported in its primary's row, not as a proposal of its own.
    proposals = proposal_filter(params, user=user, managed=True).qs.exclude(
        visibility=Proposal.Visibility.MERGED
    )
    campaign = selectors.campaign_for_stats(params.get("campaign"))
    hotspots = hotspots_collection(params, user=user)["features"]
    categories = dict(selectors.category_list(campaign=campaign).values_list("slug", "name"))
    outlines = Area.objects.filter(kind=TABLE_AREA_KIND)
    if campaign:
        outlines = outlines.filter(place=campaign.boundary.place)
    attribution = area_attributions(area=campaign.boundary if campaign else None)
    points = proposals.order_by().values_list("location", flat=True)[:MAP_POINTS]
    layers = MapLayers(
        outlines=[area.geom for area in outlines.with_simplified_geom(10).only("geom")],
        points=[point.coords for point in points],
        highlights=[GEOSGeometry(json.dumps(h["geometry"]), srid=4326) for h in hotspots],
        attribution=attribution,
    )
    return ReportContent(
        title=campaign.translated("title") if campaign else _("Alle kampanjer"),
        question=campaign.translated("question") if campaign else "",
        created_at=timezone.localtime(),
        filters=filters_described(params),
        total=proposals.order_by().count(),
        counts=_counts(proposals, user),
        themes=[
            (theme["term"], theme["count"])
            for theme in themes_of_filters(params, user=user, limit=15)
        ],
        hotspots=[
            _("%(n)d forslag, flest %(category)s. Temaer: %(themes)s")
            % {
                "n": h["properties"]["count"],
                "category": categories.get(h["properties"]["category"], ""),
                "themes": ", ".join(h["properties"]["themes"]) or "–",
            }
            for h in hotspots
        ],
        map_png=map_png(layers),
        attribution=attribution,
        with_emails=with_emails,
        proposals=proposals,
    )
