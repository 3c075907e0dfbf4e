"""Hotspots: where a filtered set of proposals is significantly denser than expected, found as
planners' GIS finds them: Getis-Ord Gi* with a false-discovery-rate correction (mapping.getis_ord,
as ArcGIS Pro's Hot Spot Analysis and PySAL's esda), over a grid of hexagons, or, relative to
inhabitants, over the areas whose population is loaded (mapping.hotspot_units).

1. Each unit's Gi* sums it and its neighbours, against every unit of the study area, the empty
   ones too; its confidence (90, 95 or 99 %) is corrected for testing thousands of units at once.
2. A hotspot is a hot unit (z > 0, at least the chosen confidence) with its neighbours, the
   strongest first; a unit belongs to one hotspot at most. So hotspots neither overlap nor
   chain: the neighbourhood is the very area whose excess Gi* measured. A neighbourhood of fewer
   than MIN_COUNT proposals is no hotspot (no group under 5 is shown).

Before, DBSCAN chained every dense town into one cluster: 94,409 of 100,000 proposals.
"""

import hashlib
import json
from dataclasses import astuple, dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from mapping import getis_ord, selectors
from mapping.budget import expensive_slot
from mapping.filters import proposal_filter
from mapping.hotspot_units import (
    SPACING_RANGE_M,
    Units,
    hexagons,
    inhabited_areas,
    population_stamp,
    study_area,
)
from mapping.kept_counts import kept_version
from mapping.models import Category
from mapping.params import number_param
from mapping.themes import themes_of_groups

CONFIDENCE_LEVELS = (90, 95, 99)
DEFAULT_CONFIDENCE = 95
MIN_COUNT = 5
CATEGORIES_PER_HOTSPOT = 3
CACHE_S = 24 * 3600
THEMED = 10  # the largest hotspots get their top themes (each costs a count of its terms)
THEMES_PER_HOTSPOT = 3


@dataclass(frozen=True)
class Question:
    """How the planner asks: hexagons `spacing` metres apart (None: about CELLS over the study
    area), hot at `at_least` percent confidence, or relative to inhabitants."""

    spacing: float | None = None
    at_least: int = DEFAULT_CONFIDENCE
    per_inhabitant: bool = False


def _picked(units: Units, z, levels, at_least: int) -> list[dict]:
    """Hotspots: each hot unit at `at_least` confidence, the strongest first, with those of its
    neighbours no stronger hotspot took; MIN_COUNT proposals or more."""
    taken: set[int] = set()
    picked = []
    for number in sorted(range(len(units.keys)), key=lambda n: (-z[n], n)):
        if z[number] <= 0 or levels[number] < at_least:
            break  # the rest are weaker still
        if number in taken:
            continue
        own = [int(n) for n in units.neighbours[number] if n not in taken]
        categories: dict[int, int] = {}
        for n in own:
            for category, count in units.counts.get(units.keys[n], {}).items():
                categories[category] = categories.get(category, 0) + count
        if sum(categories.values()) < MIN_COUNT:
            continue
        taken.update(own)
        picked.append(
            {
                "keys": [units.keys[n] for n in own],
                "z": float(z[number]),
                "confidence": int(levels[number]),
                "categories": categories,
            }
        )
    return picked


def _feature(units: Units, hotspot: dict, slugs: dict) -> dict:
    ids = sorted(pk for key in hotspot["keys"] for pk in units.members.get(key, []))
    ranked = sorted(hotspot["categories"].items(), key=lambda item: (-item[1], item[0]))
    properties = {
        "count": len(ids),
        "confidence": hotspot["confidence"],
        "z": round(hotspot["z"], 2),
        "category": slugs[ranked[0][0]],
        "category_count": ranked[0][1],
        # the dominant few, each a group of five or more (no smaller group shown)
        "categories": [
            {"category": slugs[pk], "count": n}
            for pk, n in ranked[:CATEGORIES_PER_HOTSPOT]
            if n >= MIN_COUNT
        ],
        "proposals": ids,
    }
    if units.population:
        inhabitants = sum(units.population[key] for key in hotspot["keys"])
        properties["inhabitants"] = inhabitants
        properties["per_1000"] = round(len(ids) * 1000 / inhabitants, 1)
    return {"type": "Feature", "geometry": units.outline(hotspot["keys"]), "properties": properties}


def hotspots_computed(params: QueryDict, *, user, question: Question) -> dict:
    """The hotspots of the proposals `params` filter, as a GeoJSON FeatureCollection, the
    largest first; `method` says how they were found. Relative to inhabitants where none are
    loaded, there are none, and `method` says so."""
    proposals = proposal_filter(params, user=user).qs
    area = study_area(params)
    if question.per_inhabitant:
        units = inhabited_areas(proposals, area)
        if units is None:
            method = {"units": None, "note": "no population loaded for the study area"}
            return {"type": "FeatureCollection", "features": [], "method": method}
    else:
        units = hexagons(proposals, area, question.spacing)
    z = getis_ord.gi_star(units.values, units.neighbours)
    levels = getis_ord.confidence(z)
    slugs = dict(Category.objects.values_list("pk", "slug"))
    features = [
        _feature(units, hotspot, slugs) for hotspot in _picked(units, z, levels, question.at_least)
    ]
    features.sort(key=lambda f: (-f["properties"]["count"], -f["properties"]["z"]))
    themed = themes_of_groups(
        [f["properties"]["proposals"] for f in features[:THEMED]],
        params,
        user=user,
        limit=THEMES_PER_HOTSPOT,
    )
    for number, feature in enumerate(features):
        found = themed[number] if number < THEMED else []
        feature["properties"]["themes"] = [theme["term"] for theme in found]
    method = {
        "statistic": "Getis-Ord Gi*, false discovery rate",
        "confidence": question.at_least,
        **units.method,
    }
    return {"type": "FeatureCollection", "features": features, "method": method}


def _cache_key(params: QueryDict, *, user, question: Question) -> str | None:
    """Where the answer is cached: under the proposals' write version (it changes with every
    write to them), what the viewer sees and the question. Tags change without a new version, so
    an answer filtered by tag is not cached."""
    version = kept_version()
    if version is None or "tag" in params:
        return None
    asked = [sorted(params.lists()), astuple(question), selectors.visibility_key(user)]
    if question.per_inhabitant:  # a new population layer changes the answer, not the version
        asked.append(population_stamp())
    asked = json.dumps(asked)
    return f"hotspots:{version}:{hashlib.sha256(asked.encode()).hexdigest()}"


def hotspots_collection(params: QueryDict, *, user, question: Question = Question()) -> dict:
    """The hotspots of the proposals `params` filter (see hotspots_computed). The THEMED largest
    carry their top themes, weighted against the campaign as the workspace's themes are.

    Answers are cached until the proposals change; computing one takes an expensive slot."""
    key = _cache_key(params, user=user, question=question)
    found = cache.get(key) if key else None
    if found is None:
        with expensive_slot(user):
            found = hotspots_computed(params, user=user, question=question)
        if key:
            cache.set(key, found, CACHE_S)
    return found


def hotspot_options(params: QueryDict) -> Question:
    """Take the hotspots' own parameters out of `params` (so the filters do not see them):
    `spacing`, metres between the hexagons' centres (SPACING_RANGE_M; absent, about CELLS
    over the study area), `confidence`, 90, 95 or 99 (DEFAULT_CONFIDENCE), and `relative`,
    "inhabitants" for hotspots per 1,000 inhabitants. One 400 names every wrong one."""
    errors, spacing, level = {}, None, DEFAULT_CONFIDENCE
    if params.get("spacing"):
        try:
            spacing = number_param(params, "spacing", 0, *SPACING_RANGE_M)
        except ValidationError as error:
            errors.update(error.message_dict)
    params.pop("spacing", None)
    chosen = params.pop("confidence", [str(DEFAULT_CONFIDENCE)])[-1]
    if chosen not in {str(level) for level in CONFIDENCE_LEVELS}:
        errors["confidence"] = [_("Velg 90, 95 eller 99.")]
    else:
        level = int(chosen)
    relative = params.pop("relative", [""])[-1]
    if relative not in ("", "inhabitants"):
        errors["relative"] = [_("Bruk «inhabitants» eller ingenting.")]
    if errors:
        raise ValidationError(errors)
    return Question(spacing=spacing, at_least=level, per_inhabitant=relative == "inhabitants")
