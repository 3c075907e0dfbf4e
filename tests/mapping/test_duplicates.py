"""Duplicate hints measure similarity as pg_trgm does, in Python, so that pairs need not be
compared one by one in the database."""

import pytest
from django.db import connection

from mapping.duplicates import similarity, trigrams

pytestmark = pytest.mark.django_db

TEXTS = [
    "Flere benker langs Lysakerelva",
    "Flere benker langs  lysakerelva!",
    "Trygg skolevei til Bekkestua skole",
    "Gang- og sykkelvei, 2 meter bred",
    "Ærlig talt: Øvre Høvik trenger en bæreknute",
    "",
    "12 nye p-plasser",
]


@pytest.mark.parametrize("a", TEXTS)
def test_trigrams_and_similarity_are_pg_trgms(a):
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm(%s)", [a])
        if a.isascii():  # pg_trgm shows a trigram with other letters by its checksum
            assert trigrams(a) == frozenset(cursor.fetchone()[0])
        for b in TEXTS:
            cursor.execute("SELECT similarity(%s, %s)", [a, b])
            assert similarity(trigrams(a), trigrams(b)) == pytest.approx(cursor.fetchone()[0])
