"""Themes: the words and two-word phrases that characterise a filtered set of proposals, weighted
against the whole campaign so that words common everywhere do not dominate.

Why SQL: the words come from each proposal's `terms`, which PostgreSQL keeps beside `search`
with Norwegian stemming and the Snowball stop words (bokmål and nynorsk forms alike), and pairs
of stems that stood next to each other (a stop word still takes its position); ts_stat counts a
set in the database without moving a text to Python.

The set's counts are exact and live. The campaign's, which only weigh the terms, are counted once
per campaign and kept for CAMPAIGN_TERMS_S: at 100,000 proposals they take most of a second to
count, and a few minutes' new proposals do not move a weight.
"""

import math

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import QueryDict

from mapping import selectors
from mapping.filters import given, proposal_filter
from mapping.models import Proposal
from mapping.reads import read_connection

# Per term, how many proposals of the set use it: ts_stat counts the documents holding each lexeme
# of the set's `terms` (words and adjacent pairs, kept by PostgreSQL) in C.
TERMS_SQL = "SELECT word, ndoc FROM ts_stat(%s) WHERE ndoc >= %s"

MIN_PROPOSALS = 3  # a theme is shared by at least this many proposals of the set
SMOOTHING = 5  # proposals added to both sides of the weight, so that rare terms do not soar
CAMPAIGN_TERMS_S = 600


def _term_counts(proposals: QuerySet, at_least: int) -> tuple[int, dict[str, int]]:
    # ts_stat takes its query as text: Django's own query with its parameters bound by the
    # driver (compose_sql quotes them), never text from the request.
    sql, params = proposals.order_by().values("terms").query.sql_with_params()
    with read_connection().cursor() as cursor:
        cursor.execute(TERMS_SQL, [read_connection().ops.compose_sql(sql, params), at_least])
        counts = dict(cursor.fetchall())
    return proposals.count(), counts


def _campaign_counts(campaign: QuerySet, key: str) -> tuple[int, dict[str, int]]:
    return cache.get_or_set(f"fk:themes:{key}", lambda: _term_counts(campaign, 1), CAMPAIGN_TERMS_S)


def themes(*, chosen: QuerySet | None, campaign: QuerySet, key: str, limit: int = 20) -> list[dict]:
    """The set's characteristic terms, {term, count, lift}: `count` proposals of the set use the
    term; `lift` is how much more often than in `campaign` (cached under `key`). No `chosen`
    set means the whole campaign: its terms by how many use them."""
    n_all, everywhere = _campaign_counts(campaign, key)
    if chosen is None:
        n_here, here = n_all, {t: n for t, n in everywhere.items() if n >= MIN_PROPOSALS}
    else:
        n_here, here = _term_counts(chosen, MIN_PROPOSALS)
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


def _campaign_of(params: QueryDict, *, user) -> tuple[QuerySet, str]:
    """The same campaign as `params` (or every campaign), as `user` may see it, and its key."""
    whole = QueryDict(mutable=True)
    whole.setlist("campaign", params.getlist("campaign"))
    key = f"{','.join(whole.getlist('campaign'))}:{selectors.visibility_key(user)}"
    return proposal_filter(whole, user=user).qs, key


def themes_of_filters(params: QueryDict, *, user, limit: int = 20) -> list[dict]:
    """The themes of the proposals `params` filter, weighted against the same campaign (or every
    campaign without a campaign filter) as `user` may see it."""
    chosen = proposal_filter(params, user=user).qs
    campaign, key = _campaign_of(params, user=user)
    only_campaign = given(params) <= {"campaign"}
    return themes(chosen=None if only_campaign else chosen, campaign=campaign, key=key, limit=limit)


def themes_of_groups(
    groups: list[list[int]], params: QueryDict, *, user, limit: int
) -> list[list[dict]]:
    """The themes of each group of proposal ids (hotspots), weighted as themes_of_filters
    weighs, against the campaign found once for all of them."""
    campaign, key = _campaign_of(params, user=user)
    return [
        themes(chosen=Proposal.objects.filter(pk__in=ids), campaign=campaign, key=key, limit=limit)
        for ids in groups
    ]
