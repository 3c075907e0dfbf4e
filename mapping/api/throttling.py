"""Writes are counted and judged per browser and per address (mapping.admission); reads are not."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied, Throttled

from mapping.admission import Admission, admit, is_cross_site


def same_site_or_refuse(request) -> None:
    """A write from another site's page is refused (403): it is not the resident's own."""
    if is_cross_site(request):
        raise PermissionDenied(
            _("Forespørselen kom fra et annet nettsted. Bruk skjemaet på denne siden.")
        )


def admit_or_refuse(request, scope: str) -> Admission:
    """The write's verdict; a write from another site is refused (403), a flood with 429 and
    Retry-After."""
    same_site_or_refuse(request)
    admission = admit(request, scope)
    if admission.wait_s:
        raise Throttled(wait=admission.wait_s)
    return admission


class WritesAdmitted:
    """A view mixin: each POST counts against `throttle_scope` (set on the view) before the view
    runs; the view finds the verdict in self.admission (its hold_reason for the service)."""

    admission = Admission()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method == "POST":
            self.admission = admit_or_refuse(request, self.throttle_scope)
