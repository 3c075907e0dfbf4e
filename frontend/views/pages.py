"""Static pages: the accessibility statement and the privacy statement."""

from django.conf import settings
from django.shortcuts import render


def accessibility_page(request):
    """Tilgjengelighetserklæring, in the form Norwegian public bodies publish."""
    return render(
        request,
        "frontend/accessibility.html",
        {
            "organisation": settings.FREMTIDSKART_ORGANISATION,
            "contact_email": settings.FREMTIDSKART_CONTACT_EMAIL,
            "statement_date": settings.FREMTIDSKART_ACCESSIBILITY_STATEMENT_DATE,
        },
    )


def privacy_page(request):
    """Personvernerklæring: what is stored, why and for how long."""
    return render(
        request,
        "frontend/privacy.html",
        {
            "organisation": settings.FREMTIDSKART_ORGANISATION,
            "contact_email": settings.FREMTIDSKART_CONTACT_EMAIL,
            "retention_days": settings.FREMTIDSKART_EMAIL_RETENTION_DAYS,
        },
    )
