"""What the management commands share: the campaign a command names by slug."""

from django.core.management.base import CommandError

from mapping.models import Campaign


def campaign_by_slug(slug: str) -> Campaign:
    try:
        return Campaign.objects.get(slug=slug)
    except Campaign.DoesNotExist as error:
        raise CommandError(f"No campaign {slug!r}: run load_campaign first.") from error
