"""The printable A4 poster for a spot: the campaign question, a map of the spot on the site's base
map (fetched by the server from the configured tile service as the poster is made, with its
attribution; where none answers, the area outlines and names drawn here), and a QR code with a
short link that opens the resident map there, in the poster's language, with a new proposal
ready. reportlab writes the PDF, segno the QR code."""

import io
import math

import segno
from django.contrib.gis.geos import Polygon
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from geo.basemap import basemap_attribution, basemap_image
from geo.models import Area
from geo.selectors import area_attributions
from mapping.models import Poster

BRAND = HexColor("#0b3d5c")
PIN = HexColor("#c2185b")
MAP_RADIUS_M = 900  # the map shows this far around the spot, each way (east–west)
MAP_KINDS = [Area.Kind.KOMMUNE, Area.Kind.DELOMRADE]
MARGIN = 18 * mm
BASEMAP_ZOOM = 16  # 1.2 m a pixel at 60° N: streets, buildings and names legible in print


class _Frame:
    """Lon/lat to points on the page: a local metric projection of the map's box."""

    def __init__(self, centre, box):
        self.lon0, self.lat0 = centre
        self.x, self.y, self.width, self.height = box
        self.metres_per_degree = 111_320 * math.cos(math.radians(self.lat0))
        self.scale = self.width / (2 * MAP_RADIUS_M)

    def bounds(self) -> tuple[float, float, float, float]:
        half_w = self.width / 2 / self.scale / self.metres_per_degree
        half_h = self.height / 2 / self.scale / 111_320
        return (self.lon0 - half_w, self.lat0 - half_h, self.lon0 + half_w, self.lat0 + half_h)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.x + self.width / 2 + (lon - self.lon0) * self.metres_per_degree * self.scale,
            self.y + self.height / 2 + (lat - self.lat0) * 111_320 * self.scale,
        )


def _draw_map(canvas: Canvas, poster: Poster, box) -> bool:
    """The map of the spot in `box`; whether it stands on the base map (else on outlines)."""
    frame = _Frame((poster.point.x, poster.point.y), box)
    background = basemap_image(frame.bounds(), BASEMAP_ZOOM)
    canvas.saveState()
    outline = canvas.beginPath()
    outline.rect(*box)
    canvas.setFillColor(HexColor("#eef3f5"))
    canvas.clipPath(outline, stroke=0, fill=1)
    if background is None:
        _draw_outlines(canvas, poster, frame, box)
    else:
        canvas.drawImage(ImageReader(background), *box)
        if poster.area is not None:  # the poster's own area, outlined on the base map
            canvas.setStrokeColor(PIN)
            canvas.setLineWidth(2.5)
            _draw_area(canvas, poster.area.geom, frame, fill=False)
    x, y = frame.point(poster.point.x, poster.point.y)
    canvas.setFillColor(PIN)
    canvas.setStrokeColor(white)
    canvas.setLineWidth(2)
    canvas.circle(x, y, 4 * mm, stroke=1, fill=1)
    label = _("Du er her")
    canvas.setFont("Helvetica-Bold", 14)
    label_width = canvas.stringWidth(label, "Helvetica-Bold", 14)
    canvas.setFillColor(white)
    canvas.roundRect(x + 5 * mm, y - 4 * mm, label_width + 2 * mm, 7 * mm, 1 * mm, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#1a1a1a"))
    canvas.drawString(x + 6 * mm, y - 2 * mm, label)
    canvas.restoreState()
    canvas.setStrokeColor(HexColor("#5b6770"))
    canvas.rect(*box, stroke=1, fill=0)
    return background is not None


def _draw_area(canvas: Canvas, geometry, frame: _Frame, *, fill: bool) -> None:
    for polygon in geometry:
        path = canvas.beginPath()
        for ring in polygon:
            points = [frame.point(lon, lat) for lon, lat in ring]
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            path.close()
        canvas.drawPath(path, stroke=1, fill=1 if fill else 0)


def _draw_outlines(canvas: Canvas, poster: Poster, frame: _Frame, box) -> None:
    """Without a base map: the kommune's and delområder's outlines, and the names of those
    whose label fits inside the map."""
    window = Polygon.from_bbox(frame.bounds())
    areas = (
        Area.objects.filter(kind__in=MAP_KINDS, place=poster.campaign.boundary.place)
        .filter(geom__intersects=window)
        .with_simplified_geom(5)
    )
    for area in areas:
        canvas.setStrokeColor(BRAND if area.kind == Area.Kind.KOMMUNE else HexColor("#5b6770"))
        canvas.setLineWidth(2 if area.kind == Area.Kind.KOMMUNE else 0.8)
        canvas.setFillColor(HexColor("#d6e6ee"))
        _draw_area(canvas, area.simplified_geom, frame, fill=poster.area_id == area.pk)
    canvas.setFillColor(HexColor("#4a4a4a"))
    canvas.setFont("Helvetica", 10)
    left, bottom, width, height = box
    pin_x, pin_y = frame.point(poster.point.x, poster.point.y)
    for area in areas:
        if area.kind != Area.Kind.DELOMRADE:
            continue
        x, y = frame.point(*area.simplified_geom.intersection(window).point_on_surface)
        half = canvas.stringWidth(area.name, "Helvetica", 10) / 2
        inside = left + 2 * mm < x - half and x + half < left + width - 2 * mm
        inside = inside and bottom < y < bottom + height - 4 * mm
        # nor under the pin and its "Du er her" (some 45 mm to its right)
        clear = not (x + half > pin_x - 6 * mm and x - half < pin_x + 50 * mm)
        if inside and (clear or abs(y - pin_y) > 7 * mm):
            canvas.drawCentredString(x, y, area.name)


def _wrapped(canvas: Canvas, text: str, font: str, size: float, top: float, width: float) -> float:
    """Draw `text` wrapped to `width` from `top` down; returns the y below it."""
    canvas.setFont(font, size)
    y = top
    for line in simpleSplit(text, font, size, width):
        y -= size * 1.2
        canvas.drawString(MARGIN, y, line)
    return y


def _draw_qr(canvas: Canvas, link: str, *, top: float) -> None:
    """The QR code (an image, as printed and scanned) with the short link beside it."""
    width = A4[0]
    qr_size = 62 * mm
    qr = io.BytesIO()
    segno.make(link, error="m").save(qr, kind="png", scale=10, border=2)
    qr.seek(0)
    canvas.drawImage(ImageReader(qr), MARGIN, top - qr_size, qr_size, qr_size)
    text_x = MARGIN + qr_size + 8 * mm
    canvas.setFont("Helvetica-Bold", 16)
    lines = simpleSplit(
        _("Skann koden med mobilen og legg inn forslaget ditt på kartet."),
        "Helvetica-Bold",
        16,
        width - MARGIN - text_x,
    )
    line_y = top - 8 * mm
    for line in lines:
        canvas.drawString(text_x, line_y, line)
        line_y -= 20
    canvas.setFont("Helvetica", 12)
    canvas.drawString(text_x, line_y - 6 * mm, _("Eller gå til:"))
    # The link on one line: as large as fits beside the code, down to 9 points.
    room = width - MARGIN - text_x
    size = max(9, min(15, 15 * room / canvas.stringWidth(link, "Helvetica-Bold", 15)))
    canvas.setFont("Helvetica-Bold", size)
    canvas.drawString(text_x, line_y - 13 * mm, link)


def poster_pdf(poster: Poster, *, link: str, language: str) -> tuple[bytes, bool]:
    """The poster as a one-page A4 PDF in `language` (nb, nn or en), and whether its map stands
    on the base map (False: outlines only, the tile service did not answer)."""
    out = io.BytesIO()
    width, height = A4
    text_width = width - 2 * MARGIN
    with translation.override(language):
        canvas = Canvas(out, pagesize=A4, pageCompression=1)
        canvas.setTitle(poster.campaign.translated("title"))
        canvas.setFillColor(BRAND)
        canvas.rect(0, height - 16 * mm, width, 16 * mm, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawString(
            MARGIN, height - 10.5 * mm, f"Fremtidskart · {poster.campaign.boundary.name}"
        )
        canvas.setFillColor(HexColor("#1a1a1a"))
        y = _wrapped(
            canvas,
            poster.campaign.translated("question"),
            "Helvetica-Bold",
            26,
            height - 24 * mm,
            text_width,
        )
        y = _wrapped(
            canvas, _("Hva ønsker du deg akkurat her?"), "Helvetica", 16, y - 2 * mm, text_width
        )
        map_height = 105 * mm
        map_box = (MARGIN, y - 6 * mm - map_height, text_width, map_height)
        on_basemap = _draw_map(canvas, poster, map_box)
        _draw_qr(canvas, link, top=map_box[1] - 8 * mm)
        sources = area_attributions(area=poster.campaign.boundary)
        if on_basemap:
            sources = [basemap_attribution(), *sources]
        sources = " · ".join(dict.fromkeys(sources))
        canvas.setFont("Helvetica", 8)
        canvas.drawString(MARGIN, 10 * mm, f"{_('Kartdata:')} {sources} · {_('lisens')} CC BY 4.0")
        canvas.showPage()
        canvas.save()
    return out.getvalue(), on_basemap
