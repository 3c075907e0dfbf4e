"""Themes: the words and two-word phrases that characterise a filtered set of proposals, weighted
against the whole campaign so that words common everywhere do not dominate.

Why SQL: the words come from each proposal's `search` tsvector, which PostgreSQL keeps with
Norwegian stemming and the Snowball stop words (bokmål and nynorsk forms alike); unnesting it in
the database counts a set without moving a text to Python. A stop word still takes its position,
so a phrase is two stems that stood next to each other.

The set's counts are exact and live. The campaign's, which only weigh the terms, are counted once
per campaign and kept for CAMPAIGN_TERMS_S: at 100,000 proposals they take seconds to count,
and a few minutes' new proposals do not move a weight.
"""

import math

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict

from mapping import selectors
from mapping.filters import proposal_filter

# Per term, how many proposals of the set use it (as a word, or as a pair of adjacent words).
TERMS_SQL = """
WITH words AS (
    SELECT p.id, w.lexeme, unnest(w.positions) AS pos
    FROM mapping_proposal AS p, unnest(p.search) AS w
    WHERE p.id IN ({ids})
)
SELECT term, count(DISTINCT id) FROM (
    SELECT lexeme AS term, id FROM words
    UNION ALL
    SELECT a.lexeme || ' ' || b.lexeme, a.id
    FROM words AS a JOIN words AS b ON b.id = a.id AND b.pos = a.pos + 1
) AS terms
GROUP BY term
HAVING count(DISTINCT id) >= %s
"""

MIN_PROPOSALS = 3  # a theme is shared by at least this many proposals of the set
SMOOTHING = 5  # proposals added to both sides of the weight, so that rare terms do not soar
CAMPAIGN_TERMS_S = 600


def _term_counts(proposals: QuerySet, at_least: int) -> tuple[int, dict[str, int]]:
    ids, params = proposals.order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(TERMS_SQL.format(ids=ids), [*params, at_least])
        counts = dict(cursor.fetchall())
    return proposals.count(), counts


def _campaign_counts(campaign: QuerySet, key: str) -> tuple[int, dict[str, int]]:
    return cache.get_or_set(f"fk:themes:{key}", lambda: _term_counts(campaign, 1), CAMPAIGN_TERMS_S)


def themes(*, chosen: QuerySet, campaign: QuerySet, key: str, limit: int = 20) -> list[dict]:
    """The set's characteristic terms, {term, count, lift}: `count` proposals of the set use the
    term; `lift` is how much more often than in `campaign` (cached under `key`)."""
    n_here, here = _term_counts(chosen, MIN_PROPOSALS)
    n_all, everywhere = _campaign_counts(campaign, key)
    scored = []
    for term, count in here.items():
        lift = (count / max(n_here, 1)) / (
            (everywhere.get(term, count) + SMOOTHING) / (n_all + SMOOTHING)
        )
        scored.append((count * math.log(max(lift, 1.0001)), term, count, lift))
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [
        {"term": term, "count": count, "lift": round(lift, 2)}
        for _, term, count, lift in scored[:limit]
    ]


def themes_of_filters(params: QueryDict, *, user, limit: int = 20) -> list[dict]:
    """The themes of the proposals `params` filter, weighted against the same campaign (or every
    campaign without a campaign filter) as `user` may see it."""
    chosen = proposal_filter(params, user=user).qs
    whole = QueryDict(mutable=True)  # the same campaign, no other filter
    whole.setlist("campaign", params.getlist("campaign"))
    campaign = proposal_filter(whole, user=user).qs
    key = f"{','.join(whole.getlist('campaign'))}:{selectors.can_moderate(user)}"
    return themes(chosen=chosen, campaign=campaign, key=key, limit=limit)
