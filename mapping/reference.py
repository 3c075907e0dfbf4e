"""Campaign ids and category slugs held in each process, so that the hot paths' filters are read
without a query. A change in this process clears them at once; other processes read them again
after REFERENCE_S. A new campaign or category is never missed (an unknown id or slug is looked up
in the database), and a removed or renamed one is honoured within that time."""

import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

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


def reference_clear(**kwargs) -> None:
    _held.clear()


for _model in (Campaign, Category):
    for _signal in (post_save, post_delete):
        _signal.connect(reference_clear, sender=_model, dispatch_uid=f"reference-{_model.__name__}")
