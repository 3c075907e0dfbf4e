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


def photo_prepare(upload, *, index: int) -> PreparedPhoto:
    """Validate one uploaded file and return it resized, rotated upright and stripped."""
    label = _("Bilde %(number)d") % {"number": index + 1}
    if upload.size > settings.FREMTIDSKART_PHOTO_MAX_BYTES:
        raise ValidationError(
            _("%(label)s er for stort (høyst %(mb)d MB).")
            % {"label": label, "mb": settings.FREMTIDSKART_PHOTO_MAX_BYTES // 1_000_000}
        )
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("%(label)s har for mange piksler.") % {"label": label})
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as opened:
            opened.load()
            picture = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("%(label)s er ikke et gyldig bilde. Bruk JPEG, PNG eller WebP.") % {"label": label}
        ) from None
    if image_format not in FORMATS:
        raise ValidationError(
            _("%(label)s: formatet støttes ikke. Bruk JPEG, PNG eller WebP.") % {"label": label}
        )
    if image_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    picture.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
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
