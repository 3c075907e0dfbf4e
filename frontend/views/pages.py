"""Static pages: the accessibility statement."""

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
