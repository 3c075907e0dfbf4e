"""The input report (innspillsrapport / merknadsbehandling) of a filtered set of proposals: what
it says, gathered once for both writers (mapping.report_docx, mapping.report_pdf).

Personal data stays out: no names and no e-mail addresses, unless the planner who asked holds
the permission to see authors' addresses (then the table gets an e-mail column).
"""

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
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
from mapping.hotspot_units import hexagon_density, study_area
from mapping.hotspots import hotspots_collection
from mapping.models import Campaign, Category, Outcome, Proposal, Report, Support, Tag
from mapping.reads import read_connection
from mapping.shapes import size_text
from mapping.small_groups import group_text
from mapping.themes import themes_of_filters

# The table's columns' relative widths (the text widest), and the e-mail column's.
COLUMN_WEIGHTS = [1.2, 2.4, 3.0, 7.0, 1.3, 2.4, 2.0, 4.4, 3.0]
EMAIL_WEIGHT = 3.0
PROGRESS_EVERY = 500  # rows between two reports of a report's progress
TABLE_AREA_KIND = Area.Kind.DELOMRADE
GROUPS = 30  # themes in a table grouped by theme; the rest are "other proposals"
ANSWERS_PER_GROUP = 3
IDS_LISTED = 400  # proposal numbers listed in a group's row; the workspace lists them all
# The proposals of a set using each of its themes' stems (or pairs of stems).
THEME_MEMBERS_SQL = """
    SELECT t.stem, array_agg(p.id ORDER BY p.id)
    FROM ({chosen}) AS p CROSS JOIN unnest(%s::text[]) AS t(stem)
    WHERE p.terms @@ quote_literal(t.stem)::tsquery
    GROUP BY t.stem
"""


@dataclass
class ReportGroup:
    """One row of a grouped merknadsbehandling table: a theme or tag and its proposals."""

    name: str
    ids: list[int]
    statuses: str  # "Mottatt: 300, Under vurdering: 12"
    answers: list[str]  # the answers given, the most common first

    def rows(self, ids_per_row: int | None = None) -> list[list]:
        """The group's row, or rows of `ids_per_row` proposal numbers each (the first with the
        rest of the group, the others "continued"), where a page cannot hold one tall row."""
        listed = self.ids[:IDS_LISTED]
        step = ids_per_row or max(len(listed), 1)
        chunks = [listed[i : i + step] for i in range(0, max(len(listed), 1), step)]
        if len(self.ids) > IDS_LISTED:
            more = number_format(len(self.ids) - IDS_LISTED, force_grouping=True)
            chunks[-1] = [
                *chunks[-1],
                _("… og %(n)s til (filtrer på dem i arbeidsflaten)") % {"n": more},
            ]
        first = [
            self.name,
            group_text(len(self.ids)),
            ", ".join(map(str, chunks[0])),
            self.statuses,
            "\n\n".join(self.answers),
        ]
        more = _("%(name)s (fortsatt)") % {"name": self.name}
        return [first, *([more, "", ", ".join(map(str, chunk)), "", ""] for chunk in chunks[1:])]


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
    merged: int  # of the total, merged into another proposal (and shown in its row)
    themes: list[tuple[str, str]]  # (theme, its count as shown)
    hotspots: list[str]  # one line each, the largest first
    map_png: bytes
    attribution: list[str]
    with_emails: bool
    proposals: QuerySet  # the table's: merged duplicates are in their primary's row
    groups: list[ReportGroup] | None  # the table grouped by theme or tag; None: row by row
    grouped_by: str = ""

    def made(self) -> str:
        """When it was made and of how many proposals, in the report's language."""
        made = _("Laget %(date)s. %(n)s forslag i utvalget.") % {
            "date": date_format(self.created_at, "DATETIME_FORMAT"),
            "n": number_format(self.total, force_grouping=True),
        }
        if self.merged:
            made += " " + _(
                "%(n)s av dem er slått sammen med et annet forslag og står i det forslagets rad."
            ) % {"n": number_format(self.merged, force_grouping=True)}
        return made

    def group_header(self) -> list[str]:
        """The grouped table's columns."""
        return [
            self.grouped_by,
            _("Antall"),
            _("Forslag (nr.)"),
            _("Status"),
            _("Kommunens svar"),
        ]

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
                area=" · ".join(filter(None, [p.area_name, size_text(p)])),
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


def _theme_groups(params: QueryDict, proposals: QuerySet, *, user) -> list[tuple[str, list]]:
    """The set's GROUPS themes, each with the ids of the proposals using it."""
    themes = themes_of_filters(params, user=user, limit=GROUPS)
    chosen, values = proposals.order_by().values("id", "terms").query.sql_with_params()
    with read_connection().cursor() as cursor:
        cursor.execute(
            THEME_MEMBERS_SQL.format(chosen=chosen), [*values, [t["stem"] for t in themes]]
        )
        members = dict(cursor.fetchall())
    return [(theme["term"], members.get(theme["stem"], [])) for theme in themes]


def _tag_groups(proposals: QuerySet, *, user) -> list[tuple[str, list]]:
    """The tags `user` sees on the set, each with the ids of its proposals."""
    links = Proposal.tags.through.objects.filter(
        proposal__in=proposals.order_by().values("pk"),
        tag__in=selectors.tag_list_visible(user=user),
    ).values_list("tag__name", "proposal_id")
    found: dict[str, list[int]] = {}
    for name, pk in links.order_by("tag__name", "proposal_id"):
        found.setdefault(name, []).append(pk)
    return sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))


def _groups(table: str, params: QueryDict, proposals: QuerySet, *, user) -> list[ReportGroup]:
    """The grouped table's rows: each theme or tag, then the proposals in none of them."""
    named = (
        _theme_groups(params, proposals, user=user)
        if table == Report.Table.THEMES
        else _tag_groups(proposals, user=user)
    )
    rows = {
        pk: (status, answer)
        for pk, status, answer in proposals.values_list("pk", "status", "answer")
    }
    grouped = {pk for _name, ids in named for pk in ids}
    rest = sorted(set(rows) - grouped)
    if rest:
        named.append((_("Andre forslag"), rest))
    statuses = dict(Proposal.Status.choices)
    groups = []
    for name, ids in named:
        counted = Counter(rows[pk][0] for pk in ids if pk in rows)
        answers = Counter(rows[pk][1] for pk in ids if pk in rows and rows[pk][1])
        groups.append(
            ReportGroup(
                name=name,
                ids=[pk for pk in ids if pk in rows],
                statuses=", ".join(
                    f"{statuses[status]}: {group_text(n)}" for status, n in counted.most_common()
                ),
                answers=[answer for answer, _n in answers.most_common(ANSWERS_PER_GROUP)],
            )
        )
    return groups


# The lines and areas a report's map draws over the density, the largest first: beyond this
# many they would hide it (the density counts every one by its point).
SHAPES_DRAWN = 300


def _shapes(proposals) -> list[GEOSGeometry]:
    """The set's lines and areas, the largest first, simplified to about 5 m."""
    largest = (
        proposals.exclude(kind=Proposal.Kind.POINT)
        .order_by(F("area_m2").desc(nulls_last=True), F("length_m").desc(nulls_last=True))
        .values_list("shape", flat=True)[:SHAPES_DRAWN]
    )
    return [shape.simplify(0.00005, preserve_topology=True) for shape in largest]


def _density(params: QueryDict, *, user) -> tuple[list[tuple[GEOSGeometry, int]], str]:
    """The set's proposals per hexagon, as polygons in degrees, and the legend's title."""
    proposals = proposal_filter(params, user=user).qs
    grid, counts = hexagon_density(proposals, study_area(params))
    cells = [
        (
            GEOSGeometry(
                memoryview(shapely.to_wkb(grid.to_degrees(grid.hexagon(q, r)))), srid=4326
            ),
            n,
        )
        for (q, r), n in counts.items()
    ]
    title = _("Forslag per sekskant (%(m)s m)") % {
        "m": number_format(grid.spacing, force_grouping=True)
    }
    return cells, title


def report_content(
    params: QueryDict, *, user, with_emails: bool, table: str = Report.Table.AUTO
) -> ReportContent:
    """Everything the report says about the proposals `params` filter, as `user` sees them: the
    same set, and so the same counts, as the workspace's for those filters."""
    chosen = proposal_filter(params, user=user, managed=True).qs
    # A merged duplicate is reported in its primary's row, not as a row of its own.
    proposals = chosen.exclude(visibility=Proposal.Visibility.MERGED)
    total = chosen.order_by().count()
    if table == Report.Table.AUTO:
        rows = proposals.order_by().count()
        table = Report.Table.PROPOSALS if rows <= Report.TABLE_ROWS_AT_MOST else Report.Table.THEMES
    campaign = selectors.campaign_for_stats(params.get("campaign"))
    hotspots = hotspots_collection(params, user=user)["features"]
    categories = dict(selectors.category_list(campaign=campaign).values_list("slug", "name"))
    outlines = Area.objects.filter(kind=TABLE_AREA_KIND)
    if campaign:
        outlines = outlines.filter(place=campaign.boundary.place)
    attribution = area_attributions(area=campaign.boundary if campaign else None)
    cells, cells_title = _density(params, user=user)
    layers = MapLayers(
        outlines=[area.geom for area in outlines.with_simplified_geom(10).only("geom")],
        cells=cells,
        cells_title=cells_title,
        shapes=_shapes(proposals),
        highlights=[GEOSGeometry(json.dumps(h["geometry"]), srid=4326) for h in hotspots],
        attribution=attribution,
    )
    return ReportContent(
        title=campaign.translated("title") if campaign else _("Alle kampanjer"),
        question=campaign.translated("question") if campaign else "",
        created_at=timezone.localtime(),
        filters=filters_described(params),
        total=total,
        merged=total - proposals.order_by().count(),
        counts=_counts(chosen, user),
        themes=[
            (theme["term"], group_text(theme["count"]))
            for theme in themes_of_filters(params, user=user, limit=15)
        ],
        hotspots=[
            _("%(n)s forslag (sikkerhet %(confidence)s %%), flest %(category)s. Temaer: %(themes)s")
            % {
                "n": number_format(h["properties"]["count"], force_grouping=True),
                "confidence": h["properties"]["confidence"],
                "category": categories.get(h["properties"]["category"], ""),
                "themes": ", ".join(h["properties"]["themes"]) or "–",
            }
            for h in hotspots
        ],
        map_png=map_png(layers),
        attribution=attribution,
        with_emails=with_emails,
        proposals=proposals,
        groups=None
        if table == Report.Table.PROPOSALS
        else _groups(table, params, proposals, user=user),
        grouped_by={Report.Table.THEMES: _("Tema"), Report.Table.TAGS: _("Merkelapp")}.get(
            table, ""
        ),
    )
