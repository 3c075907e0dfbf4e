"""Deployment checks for what this service needs in production: run by `manage.py check
--deploy`, logged as warnings when a process starts, and shown on /readyz."""

import logging

from django.conf import settings
from django.core.checks import Warning, register

logger = logging.getLogger(__name__)

NO_EMAIL = "EMAIL_URL is not set: e-mails to residents (answers, follow confirmations) are dropped."


def email_missing() -> bool:
    return settings.EMAIL_BACKEND.endswith("dummy.EmailBackend")


@register(deploy=True)
def email_configured(app_configs, **kwargs):
    if email_missing():
        return [
            Warning(
                NO_EMAIL,
                hint="Set EMAIL_URL=smtp+tls://user:password@smtp.example.no:587.",
                id="fremtidskart.W001",
            )
        ]
    return []


def warnings_log() -> None:
    """Say at start, loudly, what the deployment lacks."""
    if email_missing():
        logger.warning(NO_EMAIL)
