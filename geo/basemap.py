"""The site's base map as one image around a point, fetched by the server from the configured
tile service (settings.BASEMAP: Kartverket's in production) and stitched with Pillow, for
printed maps. None where the service is not configured or does not answer in time: the caller
draws without it and says so.

Web Mercator XYZ tiles of 256 pixels; the image covers the asked bounds exactly (cropped from
the tiles), so that anything drawn on it in the same bounds lands where it should."""

import io
import math
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from re import sub

from django.conf import settings
from PIL import Image, UnidentifiedImageError

TILE = 256
TIMEOUT_S = 4
MAX_TILES = 64  # a poster's map needs about 30 at zoom 16
USER_AGENT = "Fremtidskart (poster map)"


def _pixel(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at `zoom`."""
    size = TILE * 2**zoom
    x = (lon + 180) / 360 * size
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * size
    return x, y


def _tile(url: str) -> Image.Image:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not a web address: {url}")
    # The configured tile service's address, checked above to be http(s).
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:  # noqa: S310
        return Image.open(io.BytesIO(answer.read())).convert("RGB")


def basemap_image(bounds: tuple[float, float, float, float], zoom: int) -> Image.Image | None:
    """The base map over `bounds` (west, south, east, north in degrees) at `zoom`, or None."""
    template = settings.BASEMAP["url"]
    if not template:
        return None
    west, south, east, north = bounds
    left, top = _pixel(west, north, zoom)
    right, bottom = _pixel(east, south, zoom)
    xs = range(int(left // TILE), int(right // TILE) + 1)
    ys = range(int(top // TILE), int(bottom // TILE) + 1)
    if len(xs) * len(ys) > MAX_TILES:
        return None
    wanted = [(x, y) for y in ys for x in xs]
    urls = [template.format(z=zoom, x=x, y=y, s="a") for x, y in wanted]
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            tiles = list(pool.map(_tile, urls))
    except (OSError, ValueError, UnidentifiedImageError):  # URLError and timeouts are OSErrors
        return None
    mosaic = Image.new("RGB", (len(xs) * TILE, len(ys) * TILE))
    for (x, y), tile in zip(wanted, tiles, strict=True):
        mosaic.paste(tile.resize((TILE, TILE)), ((x - xs[0]) * TILE, (y - ys[0]) * TILE))
    origin_x, origin_y = xs[0] * TILE, ys[0] * TILE
    box = (left - origin_x, top - origin_y, right - origin_x, bottom - origin_y)
    return mosaic.crop(tuple(round(v) for v in box))


def basemap_attribution() -> str:
    """The base map's attribution as plain text."""
    return unescape(sub(r"<[^>]+>", "", settings.BASEMAP["attribution"]))
