"""Deployment checks (manage.py check --deploy) for what this service needs in production."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def email_configured(app_configs, **kwargs):
    if settings.EMAIL_BACKEND.endswith("dummy.EmailBackend"):
        return [
            Warning(
                "EMAIL_URL is not set: e-mails to authors about answers are dropped.",
                hint="Set EMAIL_URL=smtp+tls://user:password@smtp.example.no:587.",
                id="fremtidskart.W001",
            )
        ]
    return []
