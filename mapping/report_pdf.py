"""The input report as a PDF (reportlab's platypus), for the case file as it stands."""

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from mapping.reports import ReportContent

PAGE = landscape(A4)
GROUP_WEIGHTS = [2.5, 1.2, 8.0, 3.0, 6.0]  # theme or tag, count, proposals, statuses, answers
IDS_PER_ROW = 200  # proposal numbers in one row of the grouped table: a row cannot split
MARGIN = 1.5 * cm
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#7a8a99")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3e9ee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)


def _text(value, style) -> Paragraph:
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), style)


def _opening(content: ReportContent, styles, small) -> list:
    """Title, question, date and count, the filters, and the map with its caption."""
    return [
        Paragraph(
            escape(_("Innspillsrapport: %(title)s") % {"title": content.title}), styles["Title"]
        ),
        Paragraph(escape(content.question), styles["Italic"]),
        Paragraph(escape(content.made()), styles["BodyText"]),
        Paragraph(escape(_("Utvalg")), styles["Heading2"]),
        Table(
            [[_("Filter"), _("Verdi")], *[[a, _text(b, small)] for a, b in content.filters]],
            colWidths=[5 * cm, 15 * cm],
            style=GRID,
            hAlign="LEFT",
        ),
        # The heading stays with its map: on the first page when it fits, else both on the next.
        KeepTogether(
            [
                Paragraph(escape(_("Kart")), styles["Heading2"]),
                Image(io.BytesIO(content.map_png), width=11.2 * cm, height=8.4 * cm),
                Paragraph(
                    escape(
                        _(
                            "Forslag per sekskant (mørkere: flere), hotspots (markert) og "
                            "delområdene, i EUREF89 UTM 32N."
                        )
                    ),
                    small,
                ),
            ]
        ),
    ]


def _bullets(lines: list[str], small) -> ListFlowable:
    items = [ListItem(Paragraph(escape(line), small)) for line in lines]
    return ListFlowable(
        items or [ListItem(Paragraph(escape(_("Ingen.")), small))], bulletType="bullet"
    )


def _numbers(content: ReportContent, styles, small) -> list:
    """The counts, the themes and the hotspots."""
    story = [Paragraph(escape(_("Tall")), styles["Heading2"])]
    for heading, rows in content.counts:
        story.append(Paragraph(escape(heading), styles["Heading3"]))
        if rows:
            table_rows = [[_("Hva"), _("Antall")], *[[_text(a, small), n] for a, n in rows]]
            story.append(Table(table_rows, colWidths=[9 * cm, 3 * cm], style=GRID, hAlign="LEFT"))
        else:
            story.append(Paragraph(escape(_("Ingen.")), small))
    story.append(Paragraph(escape(_("Temaer")), styles["Heading2"]))
    story.append(_bullets([f"{t} ({n})" for t, n in content.themes], small))
    if content.hotspots:
        story.append(Paragraph(escape(_("Hotspots")), styles["Heading3"]))
        story.append(_bullets(content.hotspots, small))
    return story


def _table(content: ReportContent, styles, small, progress) -> list:
    """The merknadsbehandling table (a row per proposal, or per theme or tag) and the
    attribution."""
    width = PAGE[0] - 2 * MARGIN
    if content.groups is None:
        rows = [[_text(h, small) for h in content.header()]]
        # Building the rows is the first half of the work; laying them out the second.
        rows += [[_text(v, small) for v in cells] for cells in content.cells(progress, share=0.5)]
        widths = content.column_widths(width)
    else:
        rows = [[_text(h, small) for h in content.group_header()]]
        rows += [
            [_text(v, small) for v in cells]
            for group in content.groups
            for cells in group.rows(ids_per_row=IDS_PER_ROW)
        ]
        widths = [width * w / sum(GROUP_WEIGHTS) for w in GROUP_WEIGHTS]
    return [
        Paragraph(escape(_("Merknadsbehandling")), styles["Heading2"]),
        LongTable(rows, colWidths=widths, repeatRows=1, style=GRID),
        Spacer(1, 0.5 * cm),
        Paragraph(escape(" · ".join(content.attribution)), small),
    ]


def report_pdf(content: ReportContent, progress: Callable[[float], None]) -> bytes:
    """The PDF file; `progress(fraction)` is told as the table is laid out."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    story = [
        *_opening(content, styles, small),
        *_numbers(content, styles, small),
        *_table(content, styles, small, progress),
    ]

    def page_footer(canvas, document):
        canvas.setFont("Helvetica", 7)
        canvas.drawString(MARGIN, 0.8 * cm, f"{content.title} · {document.page}")
        progress(0.5 + 0.5 * min(document.page / max(content.total / 8, 1), 1))

    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_("Innspillsrapport: %(title)s") % {"title": content.title},
    ).build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return buffer.getvalue()
