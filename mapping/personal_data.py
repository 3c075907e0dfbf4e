"""Spotting personal data residents put in public text, so it is held back for a moderator."""

import re

# An e-mail address; a Norwegian phone number (8 digits, spaces or dashes allowed, optional
# +47/0047); a national identity number (fødselsnummer: 11 digits, maybe a space after six).
PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    re.compile(r"(?<![\d])(?:(?:\+|00)47[\s-]?)?(?:\d[\s-]?){7}\d(?![\d])"),
    re.compile(r"(?<![\d])\d{6}\s?\d{5}(?![\d])"),
]


def looks_personal(*texts: str) -> bool:
    """True if any text seems to hold an e-mail address, phone number or identity number."""
    return any(pattern.search(text) for text in texts for pattern in PATTERNS)
