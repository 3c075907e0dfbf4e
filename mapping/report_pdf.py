"""The input report as a PDF (reportlab's platypus), for the case file as it stands."""

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from django.utils.formats import date_format
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


def report_pdf(content: ReportContent, progress: Callable[[float], None]) -> bytes:
    """The PDF file; `progress(fraction)` is told as the table is laid out."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    story = [
        Paragraph(
            escape(_("Innspillsrapport: %(title)s") % {"title": content.title}), styles["Title"]
        ),
        Paragraph(escape(content.question), styles["Italic"]),
        Paragraph(
            escape(
                _("Laget %(date)s. %(n)d forslag i utvalget.")
                % {"date": date_format(content.created_at, "DATETIME_FORMAT"), "n": content.total}
            ),
            styles["BodyText"],
        ),
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
                            "Forslagene (prikker), hotspots (markert) og delområdene, "
                            "i EUREF89 UTM 32N."
                        )
                    ),
                    small,
                ),
            ]
        ),
        Paragraph(escape(_("Tall")), styles["Heading2"]),
    ]
    for heading, rows in content.counts:
        story.append(Paragraph(escape(heading), styles["Heading3"]))
        if rows:
            table_rows = [[_("Hva"), _("Antall")], *[[_text(a, small), n] for a, n in rows]]
            story.append(Table(table_rows, colWidths=[9 * cm, 3 * cm], style=GRID, hAlign="LEFT"))
        else:
            story.append(Paragraph(escape(_("Ingen.")), small))
    story.append(Paragraph(escape(_("Temaer")), styles["Heading2"]))
    story.append(
        ListFlowable(
            [ListItem(Paragraph(escape(f"{t} ({n})"), small)) for t, n in content.themes]
            or [ListItem(Paragraph(escape(_("Ingen.")), small))],
            bulletType="bullet",
        )
    )
    if content.hotspots:
        story.append(Paragraph(escape(_("Hotspots")), styles["Heading3"]))
        story.append(
            ListFlowable(
                [ListItem(Paragraph(escape(line), small)) for line in content.hotspots],
                bulletType="bullet",
            )
        )
    story.append(Paragraph(escape(_("Merknadsbehandling")), styles["Heading2"]))
    rows = [[_text(h, small) for h in content.header()]]
    # Building the rows is the first half of the work; laying them out (page_footer) the second.
    rows += [[_text(v, small) for v in cells] for cells in content.cells(progress, share=0.5)]
    story.append(
        LongTable(
            rows, colWidths=content.column_widths(PAGE[0] - 2 * MARGIN), repeatRows=1, style=GRID
        )
    )
    story.append(Spacer(1, 0.5 * cm))
    story.append(Paragraph(escape(" · ".join(content.attribution)), small))

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
