"""The input report as a Word document (python-docx), for planners to edit into the case."""

import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from mapping.reports import ReportContent

PAGE_WIDTH_CM = 26.7  # landscape A4 between the margins


def _table(document, header: list[str], rows, widths_cm=None):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    if widths_cm:
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)
    return table


def report_docx(content: ReportContent, progress: Callable[[float], None]) -> bytes:
    """The DOCX file; `progress(fraction)` is told as the table grows."""
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))

    document.add_heading(_("Innspillsrapport: %(title)s") % {"title": content.title}, level=0)
    if content.question:
        document.add_paragraph(content.question)
    document.add_paragraph(content.made())
    document.add_heading(_("Utvalg"), level=1)
    _table(document, [_("Filter"), _("Verdi")], content.filters)

    document.add_heading(_("Kart"), level=1)
    document.add_picture(io.BytesIO(content.map_png), width=Cm(20))
    document.add_paragraph(
        _(
            "Forslag per sekskant (mørkere: flere), hotspots (markert) og delområdene, "
            "i EUREF89 UTM 32N."
        )
    )

    document.add_heading(_("Tall"), level=1)
    for heading, rows in content.counts:
        document.add_heading(heading, level=2)
        if rows:
            _table(document, [_("Hva"), _("Antall")], rows)
        else:
            document.add_paragraph(_("Ingen."))

    document.add_heading(_("Temaer"), level=1)
    for term, count in content.themes:
        document.add_paragraph(f"{term} ({count})", style="List Bullet")
    if content.hotspots:
        document.add_heading(_("Hotspots"), level=2)
        for line in content.hotspots:
            document.add_paragraph(line, style="List Bullet")

    document.add_heading(_("Merknadsbehandling"), level=1)
    if content.groups is None:
        widths = content.column_widths(PAGE_WIDTH_CM)
        _table(document, content.header(), content.cells(progress), widths)
    else:
        rows = [row for group in content.groups for row in group.rows()]
        _table(document, content.group_header(), rows, [4.0, 2.0, 9.7, 4.0, 7.0])
    document.add_paragraph(" · ".join(content.attribution))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
