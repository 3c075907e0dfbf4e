"""The honeypot: a field hidden from people, so only software fills it in."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HONEYPOT_MESSAGE = _("Skjemaet ble ikke sendt. Last siden på nytt og prøv igjen.")


def honeypot_check(value: str) -> str:
    """Refuse a filled-in honeypot; the API's serializer and the page's form both call this."""
    if value:
        raise ValidationError(HONEYPOT_MESSAGE)
    return ""
