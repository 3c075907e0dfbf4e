"""Writes are counted and judged per browser and per address (mapping.admission); reads are not."""

from rest_framework.exceptions import Throttled

from mapping.admission import Admission, admit


def admit_or_refuse(request, scope: str) -> Admission:
    """The write's verdict; a flood is refused with 429 and Retry-After."""
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
