"""Photo uploads: checked by content, resized, and re-encoded without any metadata (EXIF, GPS)."""

import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE_PX = 1600
THUMBNAIL_SIDE_PX = 400
# Pillow names the formats it finds in the bytes; the file name and declared type are ignored.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# A 10 MB file can still decode to a huge bitmap; refuse more than this many pixels.
MAX_PIXELS = 50_000_000
# What one decoded bitmap may take, judged from its header before it is decoded (Pillow keeps
# RGB, RGBA, LA and CMYK in 4 bytes a pixel). A JPEG is decoded at a reduced scale (draft mode),
# so even 50 megapixels fit; a PNG or WebP cannot be, and fits up to about 25 megapixels. Three
# photos are decoded one after another, so a create stays near one bitmap's worth.
MAX_DECODED_BYTES = 100_000_000
BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2}


@dataclass
class PreparedPhoto:
    """A photo ready to store: the resized image and its thumbnail, both without metadata."""

    image: ContentFile
    thumbnail: ContentFile


def _encode(picture: Image.Image, image_format: str, name: str) -> ContentFile:
    buffer = io.BytesIO()
    options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    # A fresh save with no exif/icc arguments writes no metadata at all.
    picture.save(buffer, format=image_format, **options)
    return ContentFile(buffer.getvalue(), name=name)


def _decode(upload, label: str) -> tuple[Image.Image, str]:
    """The upload decoded within a memory budget: its pixels are counted from the header before
    anything is decoded, and a JPEG is decoded at the smallest scale that still covers
    MAX_SIDE_PX (draft mode), so that three large photos never hold a worker's memory."""
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("%(label)s har for mange piksler.") % {"label": label})
            probe.verify()
        upload.seek(0)
        picture = Image.open(upload)
        if image_format == "JPEG":
            picture.draft("RGB", (MAX_SIDE_PX, MAX_SIDE_PX))
        decoded = picture.width * picture.height * BYTES_PER_PIXEL.get(picture.mode, 4)
        if decoded > MAX_DECODED_BYTES:
            raise ValidationError(
                _("%(label)s har for mange piksler for PNG eller WebP. Send det som JPEG.")
                % {"label": label}
            )
        picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("%(label)s er ikke et gyldig bilde. Bruk JPEG, PNG eller WebP.") % {"label": label}
        ) from None
    if image_format not in FORMATS:
        raise ValidationError(
            _("%(label)s: formatet støttes ikke. Bruk JPEG, PNG eller WebP.") % {"label": label}
        )
    return picture, image_format


# The modes every step below handles; others (16-bit grey, palettes, CMYK…) are shrunk first,
# while they are still compact, and then converted.
PLAIN_MODES = ("RGB", "RGBA", "L", "LA")


def _plain(picture: Image.Image) -> Image.Image:
    if picture.mode in PLAIN_MODES:
        return picture
    if picture.mode.startswith("I"):  # 16- or 32-bit grey: scale to 8 bits, not clip
        return picture.convert("I").point(lambda value: value / 256).convert("L")
    if picture.mode == "P":
        return picture.convert("RGBA" if "transparency" in picture.info else "RGB")
    return picture.convert("L" if picture.mode in ("1", "F") else "RGB")


def photo_prepare(upload, *, index: int) -> PreparedPhoto:
    """Validate one uploaded file and return it resized, rotated upright and stripped."""
    label = _("Bilde %(number)d") % {"number": index + 1}
    if upload.size > settings.FREMTIDSKART_PHOTO_MAX_BYTES:
        raise ValidationError(
            _("%(label)s er for stort (høyst %(mb)d MB).")
            % {"label": label, "mb": settings.FREMTIDSKART_PHOTO_MAX_BYTES // 1_000_000}
        )
    picture, image_format = _decode(upload, label)
    if picture.mode not in PLAIN_MODES:
        fit = min(1.0, MAX_SIDE_PX / max(picture.size))
        size = (max(1, round(picture.width * fit)), max(1, round(picture.height * fit)))
        picture = _plain(picture.resize(size, Image.Resampling.BOX))
    if image_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    picture.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))  # in place: the full-size bitmap is let go
    ImageOps.exif_transpose(picture, in_place=True)
    thumbnail = picture.copy()
    thumbnail.thumbnail((THUMBNAIL_SIDE_PX, THUMBNAIL_SIDE_PX))
    # Stored under a random name: nothing about the file's address can be guessed, and the
    # photo view decides who may read it.
    name = f"{secrets.token_urlsafe(24)}.{FORMATS[image_format]}"
    return PreparedPhoto(
        image=_encode(picture, image_format, name),
        thumbnail=_encode(thumbnail, image_format, name),
    )


def photos_prepare(uploads) -> list[PreparedPhoto]:
    """Validate up to the allowed number of uploads, before anything is stored.

    Errors come as {"photos": [messages]}, one message per bad file.
    """
    if len(uploads) > settings.FREMTIDSKART_PHOTOS_PER_PROPOSAL:
        raise ValidationError(
            {
                "photos": _("Du kan legge ved høyst %(max)d bilder.")
                % {"max": settings.FREMTIDSKART_PHOTOS_PER_PROPOSAL}
            }
        )
    prepared, errors = [], []
    for index, upload in enumerate(uploads):
        try:
            prepared.append(photo_prepare(upload, index=index))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"photos": errors})
    return prepared
