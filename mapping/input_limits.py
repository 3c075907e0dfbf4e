"""What input the site cannot take, said once for the middleware and the API: text no column
can store, and a body over the size limit."""

from django.utils.translation import gettext as _


def unstorable(text: str) -> bool:
    """Whether `text` holds a character no text column can keep: NUL, or a lone surrogate
    (UTF-8 cannot encode it)."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def too_large_message(limit_bytes: int) -> str:
    return _("Forespørselen er for stor; høyst %(mb).1f MB er tillatt.") % {
        "mb": limit_bytes / 1_000_000
    }
