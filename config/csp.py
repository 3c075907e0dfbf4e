"""django-csp's middleware, with the settings' policy built once per process.

django-csp builds the header anew for every response, a twelfth of a map tile's time in Python.
Where a response changes nothing (no nonce asked, no per-view policy: every API response and
most pages), the header is the same string each time; where it changes something, or a
report-only policy is set, django-csp builds it as before.
"""

from functools import cached_property

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


class SettingsCSPMiddleware(CSPMiddleware):
    @cached_property
    def settings_policy(self) -> str:
        return build_policy()

    @cached_property
    def excluded(self) -> tuple[str, ...]:
        return tuple(settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES") or ())

    def process_response(self, request, response):
        if (
            getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE)
        ):
            return super().process_response(request, response)
        if HEADER not in response and not request.path_info.startswith(self.excluded):
            response[HEADER] = self.settings_policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
