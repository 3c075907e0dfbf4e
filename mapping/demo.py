"""Deterministic demo proposals spread around a place's centres, clearly marked as demo data."""

import json
import math
import random
from pathlib import Path

from django.contrib.gis.geos import Point
from django.db import transaction

from geo.models import Area
from mapping.models import Campaign, Proposal
from mapping.services import proposal_create

METRES_PER_DEGREE_LAT = 111_320


def _jitter(rng: random.Random, lon: float, lat: float, spread_m: float) -> tuple[float, float]:
    dx, dy = rng.gauss(0, spread_m), rng.gauss(0, spread_m)
    return (
        lon + dx / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))),
        lat + dy / METRES_PER_DEGREE_LAT,
    )


@transaction.atomic
def demo_proposals_load(*, path: Path, campaign: Campaign, count: int, seed: int = 2040) -> int:
    """Replace the campaign's demo proposals with `count` new ones; returns how many were made.

    Points fall around weighted centres plus a uniform background, and only on land inside the
    campaign's outline, so the demo looks like a real map of the place.
    """
    spec = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not security
    Proposal.objects.filter(campaign=campaign, is_demo=True).delete()
    land = Area.objects.filter(pk=campaign.outline_id or campaign.boundary_id)
    min_lon, min_lat, max_lon, max_lat = land.get().geom.extent
    categories = {c.slug: c for c in campaign.categories.all()}
    centres = spec["centres"]
    weights = [c["weight"] for c in centres]
    made = 0
    while made < count:
        template = spec["proposals"][made % len(spec["proposals"])]
        if rng.random() < spec["background_share"]:
            place, in_place = "nærmiljøet", "i nærmiljøet"
            lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
        else:
            centre = rng.choices(centres, weights)[0]
            place, in_place = centre["name"], centre["in"]
            lon, lat = _jitter(rng, centre["lon"], centre["lat"], spec["spread_m"])
        point = Point(round(lon, 6), round(lat, 6), srid=4326)
        if not land.containing(point).exists():
            continue
        proposal_create(
            campaign=campaign,
            category=categories[template["category"]],
            title=template["title"].format(sted=place, i_sted=in_place),
            body=template["body"].format(sted=place, i_sted=in_place),
            geometry=point,
            display_name=spec["display_name"],
            channel=Proposal.Channel.MAP,  # they stand for residents on the map, not an API client
            is_demo=True,
        )
        made += 1
    return made
