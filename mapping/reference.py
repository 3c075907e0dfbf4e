"""Campaign ids and category slugs held in each process, so that a map tile's filters are read
without a query. Kept for REFERENCE_S: a new campaign or category is never missed (an unknown id
or slug falls back to the full filter, which reads the database), and a removed or renamed one
is honoured within that time."""

import time
from dataclasses import dataclass

from mapping.models import Campaign, Category

REFERENCE_S = 60


@dataclass(frozen=True)
class Reference:
    campaigns: frozenset[int]
    categories: dict[str, tuple[int, ...]]  # slug -> the ids of every campaign's category
    read_at: float


_held: list[Reference] = []


def reference() -> Reference:
    if not _held or time.monotonic() - _held[0].read_at > REFERENCE_S:
        categories: dict[str, list[int]] = {}
        for pk, slug in Category.objects.values_list("pk", "slug"):
            categories.setdefault(slug, []).append(pk)
        _held[:] = [
            Reference(
                campaigns=frozenset(Campaign.objects.values_list("pk", flat=True)),
                categories={slug: tuple(ids) for slug, ids in categories.items()},
                read_at=time.monotonic(),
            )
        ]
    return _held[0]
