"""Themes: the words and two-word phrases that characterise a filtered set of proposals, weighted
against the whole campaign so that words common everywhere do not dominate, and shown as people
wrote them.

Why SQL: the words come from each proposal's `terms`, which PostgreSQL keeps beside `search`
with Norwegian stemming and the Snowball stop words (bokmål and nynorsk forms alike), and pairs
of stems that stood next to each other (a stop word still takes its position); ts_stat counts a
set in the database without moving a text to Python.

Stems count, words are shown: "trenger", "flere", "åpne" for the stems "treng", "fler", "åpn". A
theme is shown in its most common written form among the set's texts (a sample of them,
WRITTEN_SAMPLE, and those using the theme where the sample has none), and left out where no text
writes it. The place's own names (its areas and named places) and the words of the campaign's
title and question are left out, and so is any phrase holding one: they say where, or repeat
the question, not what people want.

The set's counts are exact and live. The campaign's, which only weigh the terms, are counted once
per campaign and view and kept for CAMPAIGN_TERMS_S: at 10^6 proposals they take some 10 s to
count, and an hour's new proposals do not move a weight. A periodic job (mapping.tasks) counts
them again before they expire, for the public's view and each planner's, so that no question
waits for them.
"""

import math
import re
from collections import Counter

from django.core.cache import cache
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from geo.models import Area, Place
from mapping import selectors
from mapping.filters import given, proposal_filter
from mapping.models import Campaign, Proposal
from mapping.reads import read_connection

# Per term, how many proposals of the set use it: ts_stat counts the documents holding each lexeme
# of the set's `terms` (words and adjacent pairs, kept by PostgreSQL) in C.
TERMS_SQL = "SELECT word, ndoc FROM ts_stat(%s) WHERE ndoc >= %s"
# Each word's stem as `terms` has it; none for a stop word.
STEMS_SQL = "SELECT w, (ts_lexize('norwegian_stem', w))[1] FROM unnest(%s::text[]) AS w"
NAMES_SQL = "SELECT DISTINCT lexeme FROM unnest(to_tsvector('norwegian', %s))"
WORD = re.compile(r"[^\W_]+")

MIN_PROPOSALS = 3  # a theme is shared by at least this many proposals of the set
SMOOTHING = 5  # proposals added to both sides of the weight, so that rare terms do not soar
CAMPAIGN_TERMS_S = 3600
WRITTEN_SAMPLE = 500  # texts read for the written forms
GROUP_SAMPLE = 200  # a group's (hotspot's) proposals read for its themes, evenly by id


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


def campaign_terms_warm(viewers) -> int:
    """Count every campaign's terms again as each of `viewers` (users, one per view) sees
    them, ahead of the next question; how many counts were made."""
    made = 0
    for pk in Campaign.objects.values_list("pk", flat=True):
        for viewer in viewers:
            campaign, key, _left_out = _campaign_of(QueryDict(f"campaign={pk}"), user=viewer)
            cache.set(f"fk:themes:{key}", _term_counts(campaign, 1), CAMPAIGN_TERMS_S)
            made += 1
    return made


def _stems(words: set[str]) -> dict[str, str | None]:
    with read_connection().cursor() as cursor:
        cursor.execute(STEMS_SQL, [sorted(words)])
        return dict(cursor.fetchall())


def _written(texts: list[tuple[str, str]], terms: set[str]) -> dict[str, Counter]:
    """{term: Counter of the ways the texts write it}, lower case, for the `terms` (stems and
    pairs of stems) the texts hold."""
    tokens = [WORD.findall(f"{title} {body}".lower()) for title, body in texts]
    stems = _stems({word for words in tokens for word in words if not word.isdigit()})
    forms: dict[str, Counter] = {}
    for words in tokens:
        stemmed = [stems.get(word) for word in words]
        pairs = zip(stemmed, [*stemmed[1:], None], words, [*words[1:], ""], strict=True)
        for stem, after, word, next_word in pairs:
            if stem in terms:
                forms.setdefault(stem, Counter())[word] += 1
            if after is not None and f"{stem} {after}" in terms:
                forms.setdefault(f"{stem} {after}", Counter())[f"{word} {next_word}"] += 1
    return forms


def written_forms(proposals: QuerySet, terms: list[str]) -> dict[str, str]:
    """Each term's most common written form in `proposals`' texts; a term no text writes (a
    number, a word the parser split otherwise) has none."""
    plain = proposals.order_by()
    forms = _written(list(plain.values_list("title", "body")[:WRITTEN_SAMPLE]), set(terms))
    missing = [term for term in terms if term not in forms]
    if missing:
        using = RawSQL("tsvector_to_array(terms) && %s::text[]", [missing], BooleanField())
        texts = list(plain.filter(using).values_list("title", "body")[:WRITTEN_SAMPLE])
        forms.update(_written(texts, set(missing)))
    return {
        term: min(forms[term].items(), key=lambda item: (-item[1], item[0]))[0]
        for term in terms
        if term in forms
    }


def names_left_out(campaigns: QuerySet) -> frozenset[str]:
    """The stems of what the campaigns' places are called (their areas and named places) and of
    the campaigns' titles and questions."""
    texts = []
    for campaign in campaigns.select_related("boundary"):
        areas = Area.objects.filter(place=campaign.boundary.place)
        texts += areas.values_list("name", flat=True)
        inside = Place.objects.filter(location__intersects=campaign.boundary.geom)
        texts += inside.values_list("name", flat=True)
        texts += [campaign.title, campaign.question]
    with read_connection().cursor() as cursor:
        cursor.execute(NAMES_SQL, [". ".join(texts)])
        return frozenset(stem for (stem,) in cursor.fetchall())


def _scored(
    chosen: QuerySet | None, campaign: QuerySet, key: str, left_out: frozenset[str], limit: int
) -> list[tuple[str, int, float]]:
    """The set's best terms, (stem or pair, count, lift), a few more than `limit`: some of the
    best may have no written form."""
    n_all, everywhere = _campaign_counts(campaign, key)
    if chosen is None:
        n_here, here = n_all, {t: n for t, n in everywhere.items() if n >= MIN_PROPOSALS}
    else:
        n_here, here = _term_counts(chosen, MIN_PROPOSALS)
    scored = []
    for term, count in here.items():
        if left_out.intersection(term.split(" ")):
            continue
        lift = (count / max(n_here, 1)) / (
            (everywhere.get(term, count) + SMOOTHING) / (n_all + SMOOTHING)
        )
        scored.append((count * math.log(max(lift, 1.0001)), term, count, lift))
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [(term, count, lift) for _, term, count, lift in scored[: limit * 2]]


def _shown(best: list[tuple[str, int, float]], written: dict[str, str], limit: int) -> list[dict]:
    return [
        {"term": written[term], "stem": term, "count": count, "lift": round(lift, 2)}
        for term, count, lift in best
        if term in written
    ][:limit]


def themes(
    *,
    chosen: QuerySet | None,
    campaign: QuerySet,
    key: str,
    left_out: frozenset[str],
    limit: int = 20,
) -> list[dict]:
    """The set's characteristic terms as written, {term, stem, count, lift} (`stem` as `terms`
    holds it, a stem or a pair of them, to find the proposals using it): `count` proposals of the
    set use the term; `lift` is how much more often than in `campaign` (cached under `key`).
    No `chosen` set means the whole campaign: its terms by how many use them. A term holding a
    stem of `left_out` is none."""
    best = _scored(chosen, campaign, key, left_out, limit)
    written = written_forms(campaign if chosen is None else chosen, [row[0] for row in best])
    return _shown(best, written, limit)


def _campaign_of(params: QueryDict, *, user) -> tuple[QuerySet, str, frozenset[str]]:
    """The same campaign as `params` (or every campaign), as `user` may see it, its key and the
    stems its themes leave out."""
    whole = QueryDict(mutable=True)
    whole.setlist("campaign", params.getlist("campaign"))
    key = f"{','.join(whole.getlist('campaign'))}:{selectors.visibility_key(user)}"
    asked = whole.getlist("campaign")
    campaigns = Campaign.objects.filter(pk__in=[pk for pk in asked if pk.isdigit()])
    if not asked:
        campaigns = Campaign.objects.all()
    left_out = cache.get_or_set(
        f"fk:themes:left-out:{key}", lambda: names_left_out(campaigns), CAMPAIGN_TERMS_S
    )
    return proposal_filter(whole, user=user).qs, key, left_out


def themes_of_filters(params: QueryDict, *, user, limit: int = 20) -> list[dict]:
    """The themes of the proposals `params` filter, weighted against the same campaign (or every
    campaign without a campaign filter) as `user` may see it."""
    chosen = proposal_filter(params, user=user).qs
    campaign, key, left_out = _campaign_of(params, user=user)
    only_campaign = given(params) <= {"campaign"}
    return themes(
        chosen=None if only_campaign else chosen,
        campaign=campaign,
        key=key,
        left_out=left_out,
        limit=limit,
    )


def themes_of_groups(
    groups: list[list[int]], params: QueryDict, *, user, limit: int
) -> list[list[dict]]:
    """The themes of each group of proposal ids (hotspots), weighted as themes_of_filters
    weighs, against the campaign found once for all of them, and written as the groups' texts
    write them. A group of more than GROUP_SAMPLE is read from GROUP_SAMPLE of its proposals,
    evenly by id: its themes are words, shown without a count."""
    campaign, key, left_out = _campaign_of(params, user=user)
    samples = [ids[:: math.ceil(len(ids) / GROUP_SAMPLE)] for ids in groups]
    best = [_scored(_having(sample), campaign, key, left_out, limit) for sample in samples]
    everyone = [pk for sample in samples for pk in sample]
    written = written_forms(_having(everyone), sorted({t for found in best for t, _n, _l in found}))
    return [_shown(found, written, limit) for found in best]


def _having(ids: list[int]) -> QuerySet:
    """The proposals of `ids`, as one array parameter (thousands of placeholders cost more to
    send than the query costs to run)."""
    return Proposal.objects.filter(RawSQL("mapping_proposal.id = ANY(%s)", [ids], BooleanField()))
