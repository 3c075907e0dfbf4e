"""A map image drawn by the server in EUREF89 UTM 32 (EPSG:25832), the planners' projection:
outlines, points or counted cells (a density surface, with its legend), lines and areas, and
highlighted polygons,
with a scale bar, a north arrow and the attribution. No tile server is needed. It knows nothing
of proposals: callers pass geometries."""

import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import (
    GEOSGeometry,
    LineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)
from django.utils.formats import number_format
from PIL import Image, ImageDraw, ImageFont

UTM32 = 25832
# Bitstream Vera ships with reportlab (already a dependency) and covers æ, ø and å.
FONT = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
FONT_BOLD = Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"
NICE_LENGTHS_M = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000]
# Light to dark: counted cells in five classes (ColorBrewer's Blues, colour-blind safe).
RAMP = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


@dataclass
class MapLayers:
    """What to draw, in EPSG:4326 or any SRID the geometries carry."""

    outlines: list[GEOSGeometry] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)  # lon, lat
    highlights: list[GEOSGeometry] = field(default_factory=list)
    labels: list[tuple[str, GEOSGeometry]] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    cells: list[tuple[GEOSGeometry, int]] = field(default_factory=list)  # polygons and counts
    cells_title: str = ""
    shapes: list[GEOSGeometry] = field(default_factory=list)  # lines and areas, drawn as such


def classes(counts: list[int], n: int = len(RAMP)) -> list[tuple[int, int]]:
    """Up to `n` classes (low, high), whole numbers that neither overlap nor leave a gap, each
    holding about as many cells (quantiles)."""
    ranked = sorted(counts)
    if not ranked:
        return []
    uppers = sorted({ranked[min(len(ranked) - 1, len(ranked) * k // n)] for k in range(1, n)})
    uppers = [u for u in uppers if u < ranked[-1]] + [ranked[-1]]
    lows = [ranked[0], *[u + 1 for u in uppers[:-1]]]
    return list(zip(lows, uppers, strict=True))


def class_label(low: int, high: int) -> str:
    """A class as the report's language writes numbers: "1 000–2 499"."""
    low_text, high_text = (number_format(v, force_grouping=True) for v in (low, high))
    return low_text if low == high else f"{low_text}–{high_text}"


@functools.cache
def _to_utm(srid: int) -> CoordTransform:
    """One transformation per source SRID: built for each geometry it cost 11 ms a polygon."""
    return CoordTransform(SpatialReference(srid), SpatialReference(UTM32))


def _utm(geometry: GEOSGeometry) -> GEOSGeometry:
    return geometry.transform(_to_utm(geometry.srid), clone=True)


def _paths(geometry: GEOSGeometry):
    """A line's, or each ring's of an area, coordinates."""
    if isinstance(geometry, LineString):
        yield geometry.coords
    else:
        yield from _rings(geometry)


def _rings(geometry: GEOSGeometry):
    polygons = geometry if isinstance(geometry, MultiPolygon) else [geometry]
    for polygon in polygons:
        if isinstance(polygon, Polygon):
            yield from (ring.coords for ring in polygon)


class _Frame:
    """UTM 32 metres to pixels, north up, the extent fitted and centred with a margin."""

    def __init__(self, extent, size: tuple[int, int], margin_px: int):
        west, south, east, north = extent
        width, height = size
        self.scale = min(
            (width - 2 * margin_px) / max(east - west, 1),
            (height - 2 * margin_px) / max(north - south, 1),
        )
        self.cx, self.cy = (west + east) / 2, (south + north) / 2
        self.size = size

    def pixel(self, x: float, y: float) -> tuple[float, float]:
        width, height = self.size
        return (width / 2 + (x - self.cx) * self.scale, height / 2 - (y - self.cy) * self.scale)


def _scale_bar(draw: ImageDraw.ImageDraw, frame: _Frame, font) -> None:
    width, height = frame.size
    target_px = width / 5
    length_m = min(NICE_LENGTHS_M, key=lambda m: abs(m * frame.scale - target_px))
    bar_px = length_m * frame.scale
    x0, y0 = 24, height - 40
    draw.rectangle([x0 - 8, y0 - 36, x0 + bar_px + 90, y0 + 16], fill="white")
    draw.rectangle([x0, y0, x0 + bar_px / 2, y0 + 8], fill="black")
    draw.rectangle([x0 + bar_px / 2, y0, x0 + bar_px, y0 + 8], fill="white", outline="black")
    text = f"{length_m // 1000} km" if length_m >= 1000 else f"{length_m} m"
    draw.text((x0, y0 - 32), "0", font=font, fill="black")
    draw.text((x0 + bar_px, y0 - 32), text, font=font, fill="black", anchor="ma")


def _north_arrow(draw: ImageDraw.ImageDraw, frame: _Frame, font) -> None:
    width, _height = frame.size
    x, y = width - 48, 30
    draw.polygon([(x, y), (x - 14, y + 44), (x, y + 34), (x + 14, y + 44)], fill="black")
    draw.text((x, y + 62), "N", font=font, fill="black", anchor="mm")


def _legend(draw: ImageDraw.ImageDraw, title: str, ramp: list[tuple[int, int]], font) -> None:
    """The classes' colours and bounds, top left."""
    labels = [class_label(low, high) for low, high in ramp]
    width = max(draw.textlength(text, font=font) for text in [title, *labels]) + 60
    draw.rectangle([12, 12, 12 + width, 52 + 30 * len(ramp)], fill=(255, 255, 255, 225))
    draw.text((22, 20), title, font=font, fill="#222")
    for number, text in enumerate(labels):
        top = 52 + 30 * number
        draw.rectangle([22, top, 46, top + 22], fill=RAMP[number], outline="#555")
        draw.text((56, top), text, font=font, fill="#222")


def map_png(layers: MapLayers, *, size: tuple[int, int] = (1200, 900)) -> bytes:
    """The layers drawn over the extent of the points, shapes and highlights (else the outlines),
    as a PNG in UTM 32 with scale bar, north arrow and attribution."""
    outlines = [_utm(g) for g in layers.outlines]
    highlights = [_utm(g) for g in layers.highlights]
    points = []
    if layers.points:
        cloud = _utm(MultiPoint([Point(x, y) for x, y in layers.points], srid=4326))
        points = [p.coords for p in cloud]
    cells = [(_utm(g), n) for g, n in layers.cells]
    shapes = [_utm(g) for g in layers.shapes]
    focus = [*highlights, *shapes, *(g for g, _n in cells)]
    xs = [x for x, _ in points] + [c for g in focus for c in (g.extent[0], g.extent[2])]
    ys = [y for _, y in points] + [c for g in focus for c in (g.extent[1], g.extent[3])]
    if not xs:
        xs = [c for g in outlines for c in (g.extent[0], g.extent[2])] or [0, 1]
        ys = [c for g in outlines for c in (g.extent[1], g.extent[3])] or [0, 1]
    pad = max(max(xs) - min(xs), max(ys) - min(ys), 400) * 0.05
    frame = _Frame((min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad), size, 20)

    image = Image.new("RGB", size, "#f4f1ea")
    draw = ImageDraw.Draw(image, "RGBA")
    # Sized to stay legible on a page where the image is 11–20 cm wide.
    font = ImageFont.truetype(str(FONT), 28)
    small = ImageFont.truetype(str(FONT), 22)
    ramp = classes([n for _g, n in cells])
    for geometry, n in cells:
        colour = RAMP[next(k for k, (_low, high) in enumerate(ramp) if n <= high)]
        for ring in _rings(geometry):
            draw.polygon([frame.pixel(x, y) for x, y in ring], fill=colour)
    for geometry in outlines:
        for ring in _rings(geometry):
            draw.line([frame.pixel(x, y) for x, y in ring], fill="#7a8a99", width=2)
    for geometry in highlights:
        for ring in _rings(geometry):
            draw.polygon([frame.pixel(x, y) for x, y in ring], fill=(194, 24, 91, 40))
            draw.line([frame.pixel(x, y) for x, y in ring], fill="#c2185b", width=3)
    for geometry in shapes:
        for path in _paths(geometry):
            draw.line([frame.pixel(x, y) for x, y in path], fill="#1b5e20", width=3, joint="curve")
    radius = 4 if len(points) < 2000 else 2
    for x, y in points:
        px, py = frame.pixel(x, y)
        draw.ellipse([px - radius, py - radius, px + radius, py + radius], fill="#0b3d5c")
    for text, geometry in layers.labels:
        centre = _utm(geometry.point_on_surface)
        px, py = frame.pixel(*centre.coords)
        if 0 < px < size[0] and 0 < py < size[1]:
            draw.text((px, py), text, font=small, fill="#3b4a59", anchor="mm")
    if ramp:
        _legend(draw, layers.cells_title, ramp, small)
    _scale_bar(draw, frame, font)
    _north_arrow(draw, frame, ImageFont.truetype(str(FONT_BOLD), 30))
    lines = [*layers.attribution, "EUREF89 UTM 32N (EPSG:25832)"]
    box_top = size[1] - 10 - 26 * len(lines)
    right = size[0] - 12
    widest = max(draw.textlength(line, font=small) for line in lines)
    draw.rectangle([right - widest - 10, box_top - 6, size[0], size[1]], fill=(255, 255, 255, 210))
    for number, line in enumerate(lines):
        draw.text((right, box_top + 26 * number), line, font=small, fill="#222", anchor="ra")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
