"""App configuration for frontend."""

from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """Templates and static assets."""

    name = "frontend"
