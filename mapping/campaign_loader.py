"""Load a place's categories and campaign from JSON (idempotent: re-running updates)."""

import json
from datetime import datetime
from pathlib import Path

from django.db import transaction

from geo.models import Area
from mapping.models import Campaign, Category, Place


def _area(ref: dict | None) -> Area | None:
    if ref is None:
        return None
    return Area.objects.get(kind=ref["kind"], code=ref["code"])


@transaction.atomic
def campaign_load(path: Path) -> Campaign:
    """Create or update the campaign described in `path` and its own categories.

    Categories belong to the campaign: another place's campaign is never touched, and a category
    the file no longer names is removed unless proposals use it. The campaign's place (its
    planners' scope) is the file's "place" ({"slug", "name"}), created if new.
    """
    spec = json.loads(path.read_text(encoding="utf-8"))
    data = spec["campaign"]
    place, _ = Place.objects.update_or_create(
        slug=spec["place"]["slug"], defaults={"name": spec["place"]["name"]}
    )
    campaign, _ = Campaign.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "place": place,
            "title": data["title"],
            "question": data["question"],
            "description": data.get("description", ""),
            "boundary": _area(data["boundary"]),
            "outline": _area(data.get("outline")),
            "opens_at": datetime.fromisoformat(data["opens_at"]),
            "closes_at": datetime.fromisoformat(data["closes_at"])
            if data.get("closes_at")
            else None,
            "moderation": data.get("moderation", Campaign.Moderation.PUBLISH),
            "translations": data.get("translations", {}),
        },
    )
    for position, category in enumerate(spec["categories"]):
        Category.objects.update_or_create(
            campaign=campaign,
            slug=category["slug"],
            defaults={
                "name": category["name"],
                "colour": category["colour"],
                "symbol": category.get("symbol", Category.Symbol.CIRCLE),
                "translations": category.get("translations", {}),
                "position": position,
            },
        )
    named = [category["slug"] for category in spec["categories"]]
    campaign.categories.exclude(slug__in=named).filter(proposals__isnull=True).delete()
    return campaign
