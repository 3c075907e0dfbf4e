"""Reads for the participation domain: what the public and the pages may see."""

import re
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.gis.db.models import PointField
from django.contrib.gis.measure import D
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Cast, Greatest, TruncWeek
from django.shortcuts import get_object_or_404
from django.utils import timezone

from geo.models import MAP_SIMPLIFY_M, Area
from mapping.device import event_cookie_read
from mapping.kept_counts import KeptFilter, kept_filter, kept_total, kept_weeks
from mapping.models import (
    ApiToken,
    BackgroundCount,
    Campaign,
    Category,
    Comment,
    Event,
    Flag,
    Follower,
    ModerationAction,
    Outcome,
    Photo,
    Poster,
    Proposal,
    StatusChange,
    Support,
    Tag,
)


def campaign_current(*, at=None, among: QuerySet[Campaign] | None = None) -> Campaign | None:
    """The open campaign that opened last; if none is open, the one that opened last; of
    `among` where given (a planner's: managed_campaigns)."""
    at = at or timezone.now()
    campaigns = (Campaign.objects.all() if among is None else among).select_related(
        "boundary", "outline"
    )
    campaigns = campaigns.order_by("-opens_at")
    open_now = campaigns.filter(opens_at__lte=at).filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=at)
    )
    return open_now.first() or campaigns.first()


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.order_by("-opens_at")


def category_list(*, campaign: Campaign | None) -> QuerySet[Category]:
    """The campaign's own categories, in its order (none without a campaign)."""
    return Category.objects.filter(campaign=campaign)


def category_of_campaign(*, campaign_id: int, slug: str) -> Category | None:
    """The campaign's category of that slug, with its campaign, in one query."""
    return (
        Category.objects.select_related("campaign")
        .filter(campaign_id=campaign_id, slug=slug)
        .first()
    )


def can_moderate(user) -> bool:
    """Whether `user` is a moderator (of their places: managed_campaigns); `user` may be None."""
    return user is not None and user.has_perm("mapping.moderate_proposal")


def managed_campaigns(user) -> QuerySet[Campaign]:
    """The campaigns `user` works on as a planner: their places' (every place's for a
    superuser); none for anybody else. Outside them a planner sees what the public sees."""
    if not can_use_workspace(user):
        return Campaign.objects.none()
    if user.is_superuser:
        return Campaign.objects.all()
    return Campaign.objects.filter(place__planners=user)


def manages(user, campaign_id: int) -> bool:
    """Whether `user` is a planner of the campaign's place."""
    return managed_campaigns(user).filter(pk=campaign_id).exists()


def manages_proposal(user, pk: int) -> bool:
    """Whether `user` moderates the proposal: a moderator of its campaign's place."""
    return can_moderate(user) and proposal_list_managed(user=user).filter(pk=pk).exists()


def planner_list() -> QuerySet:
    """The active users who plan for some place: the workspace's users."""
    return get_user_model().objects.filter(places__isnull=False, is_active=True).distinct()


def visibility_key(user) -> str:
    """What `user` sees, as a cache key: the public's view, everything, or their places'."""
    if not can_moderate(user):
        return "public"
    if user.is_superuser:
        return "all"
    return "places:" + ",".join(map(str, user.places.order_by("pk").values_list("pk", flat=True)))


def proposal_list_visible(*, user) -> QuerySet[Proposal]:
    """What `user` may see: published proposals, and for moderators every proposal of the
    campaigns they manage.

    The GeoJSON needs the category, fetched in the same query.
    """
    proposals = Proposal.objects.select_related("category")
    published = Q(visibility=Proposal.Visibility.PUBLISHED)
    if not can_moderate(user):
        return proposals.filter(published)
    if user.is_superuser:
        return proposals
    return proposals.filter(published | Q(campaign__in=managed_campaigns(user)))


def _kept_view(filterset, user) -> bool | None:
    """How the kept counts answer for what `user` sees of a valid ProposalFilter's proposals: as
    the public's view (False) or a moderator's of all (True). A planner of some places, whose
    view differs inside them, is answered for one campaign; otherwise None, and the proposals
    themselves are counted."""
    if not can_moderate(user) or user.is_superuser:
        return can_moderate(user)
    campaign = filterset.form.cleaned_data.get("campaign")
    return None if campaign is None else manages(user, campaign.pk)


def kept_for(filterset, *, user) -> KeptFilter | None:
    """The kept counts' selection for what `user` sees of a valid ProposalFilter's proposals,
    or None where they cannot answer."""
    moderator = _kept_view(filterset, user)
    return None if moderator is None else kept_filter(filterset, moderator=moderator)


def proposal_count_kept(filterset, *, user, managed: bool = False) -> int | None:
    """How many of a valid ProposalFilter's proposals `user` sees (of their places, where
    `managed`), exact from the kept counts; None where those cannot say."""
    moderator = _kept_view(filterset, user)
    if moderator is None or (managed and not moderator):
        return None
    return kept_total(filterset, moderator=moderator)


def proposal_list_managed(*, user) -> QuerySet[Proposal]:
    """Every proposal of the campaigns `user` manages: what planner-only work reads."""
    return Proposal.objects.select_related("category").filter(campaign__in=managed_campaigns(user))


def photo_visible(*, pk: int, user) -> Photo | None:
    """The photo, if `user` may see its proposal."""
    visible = proposal_list_visible(user=user).filter(pk=OuterRef("proposal_id"))
    return Photo.objects.filter(pk=pk).filter(Exists(visible)).first()


def campaign_with_geometry(campaign: Campaign | None) -> Campaign | None:
    """The campaign with `boundary_simplified` and `outline_simplified` set for the map."""
    if campaign is None:
        return None
    outline_id = campaign.outline_id or campaign.boundary_id
    geoms = dict(
        Area.objects.filter(pk__in={campaign.boundary_id, outline_id})
        .with_simplified_geom(MAP_SIMPLIFY_M)
        .values_list("pk", "simplified_geom")
    )
    campaign.boundary_simplified = geoms[campaign.boundary_id]
    campaign.outline_simplified = geoms[outline_id]
    return campaign


def area_list_for_map() -> QuerySet[Area]:
    """Areas with `simplified_geom` for display."""
    return Area.objects.select_related("parent").with_simplified_geom(MAP_SIMPLIFY_M)


def proposal_counts_per_channel(*, proposals: QuerySet[Proposal]) -> list[tuple[str, str, int]]:
    """(channel, its name, count) for every channel, in the channels' order, zeros included."""
    counts = dict(proposals.order_by().values_list("channel").annotate(n=Count("pk")))
    return [(value, str(name), counts.get(value, 0)) for value, name in Proposal.Channel.choices]


def proposal_counts_per(field: str, *, proposals: QuerySet[Proposal]) -> list[tuple[object, int]]:
    """(event or poster, count) for each `field` ("event", "poster") the filtered proposals came
    through, the busiest first."""
    counts = dict(
        proposals.order_by()
        .filter(**{f"{field}__isnull": False})
        .values_list(field)
        .annotate(n=Count("pk"))
    )
    objects = Proposal._meta.get_field(field).related_model.objects.in_bulk(counts)
    return sorted(((objects[pk], n) for pk, n in counts.items()), key=lambda row: -row[1])


def background_counts(*, campaign: Campaign) -> dict[str, list[tuple[str, str, int]]]:
    """The background question's answers for the campaign: (value, name, count) per age band and
    per relation to the place, every choice included."""
    rows = BackgroundCount.objects.filter(campaign=campaign)
    result = {}
    for field, choices in (
        ("age_band", BackgroundCount.AgeBand.choices),
        ("relation", BackgroundCount.Relation.choices),
    ):
        counts = dict(rows.order_by().values_list(field).annotate(n=Sum("count")))
        result[field] = [(value, str(name), counts.get(value, 0)) for value, name in choices]
    return result


def proposal_counts_per_tag(*, proposals: QuerySet[Proposal], user) -> list[tuple[Tag, int]]:
    """(tag, count) for each tag `user` may see on the filtered proposals, the most used first."""
    links = Proposal.tags.through.objects.filter(
        proposal__in=proposals.order_by().values("pk"), tag__in=tag_list_visible(user=user)
    )
    counts = dict(links.values_list("tag").annotate(n=Count("pk")))
    tags = Tag.objects.in_bulk(counts)
    return sorted(((tags[pk], n) for pk, n in counts.items()), key=lambda row: -row[1])


def proposal_counts_per_week(
    *, proposals: QuerySet[Proposal], kept: KeptFilter | None = None
) -> list[tuple[date, int]]:
    """(Monday, count) for every week from the first to the last proposal, zeros included;
    from the kept counts when `kept` (the same selection) is given."""
    if kept is not None:
        counts = kept_weeks(kept)
    else:
        rows = (
            proposals.order_by()
            .annotate(week=TruncWeek("created_at"))
            .values_list("week")
            .annotate(n=Count("pk"))
        )
        counts = {week.date(): n for week, n in rows}
    if not counts:
        return []
    weeks, week = [], min(counts)
    while week <= max(counts):
        weeks.append((week, counts.get(week, 0)))
        week += timedelta(weeks=1)
    return weeks


def proposal_similar(*, point, text: str, radius_m: int, limit: int = 5) -> QuerySet[Proposal]:
    """Published proposals within `radius_m` of `point` whose title resembles `text` (pg_trgm).

    Titles only: bodies share too many everyday words ("stasjonen", "veien") to tell much.
    """
    geography = Cast("location", PointField(geography=True, srid=4326))
    similarity = Greatest(TrigramSimilarity("title", text), TrigramWordSimilarity(text, "title"))
    return (
        proposal_list_visible(user=None)
        .annotate(geography=geography)
        .filter(geography__dwithin=(point, D(m=radius_m)))
        .annotate(similarity=similarity)
        .filter(similarity__gte=0.3)
        .order_by("-similarity", "-support_count")[:limit]
    )


def proposal_for_page(*, pk: int, user) -> Proposal | None:
    """A proposal `user` may see (merged duplicates too: their pages lead on), with its campaign,
    outcome, photos, merged duplicates, status history (oldest first) and the areas a page names
    (not the whole kommune)."""
    shown_areas = Area.objects.exclude(kind__in=[Area.Kind.TERRITORIUM, Area.Kind.KOMMUNE])
    shown = Q(visibility__in=[Proposal.Visibility.PUBLISHED, Proposal.Visibility.MERGED])
    proposals = Proposal.objects.filter(shown | Q(campaign__in=managed_campaigns(user)))
    return (
        proposals.select_related("campaign", "category", "outcome")
        .prefetch_related(
            "photos",
            "merged",
            Prefetch("areas", queryset=shown_areas.order_by("kind"), to_attr="shown_areas"),
            Prefetch("status_changes", queryset=StatusChange.objects.order_by("created_at")),
        )
        .filter(pk=pk)
        .first()
    )


def comment_list_visible(*, proposal: Proposal, user) -> QuerySet[Comment]:
    """Published comments for everybody; every comment for the proposal's moderators."""
    comments = proposal.comments.all()
    if can_moderate(user) and manages(user, proposal.campaign_id):
        return comments
    return comments.filter(visibility=Proposal.Visibility.PUBLISHED)


def campaign_for_stats(pk, *, among: QuerySet[Campaign] | None = None) -> Campaign | None:
    """The campaign asked for by id (an id from a query or a form), else the current one; of
    `among` where given (a planner's: managed_campaigns). 404 for an id not among them."""
    if pk:
        campaigns = Campaign.objects.all() if among is None else among
        return get_object_or_404(
            campaigns.select_related("boundary", "outline"), pk=pk if str(pk).isdigit() else None
        )
    return campaign_current(among=among)


def campaign_for_page(*, slug: str | None) -> Campaign | None:
    """The campaign a page asked for by slug, else the current one."""
    if slug:
        chosen = Campaign.objects.select_related("boundary", "outline").filter(slug=slug).first()
        if chosen:
            return chosen
    return campaign_current()


def device_event(request) -> tuple[Event | None, bool]:
    """The running event this browser joined, and whether it is the event's kiosk."""
    joined = event_cookie_read(request)
    if joined is None:
        return None, False
    event = Event.objects.select_related("campaign", "focus_area").filter(pk=joined[0]).first()
    if event is None or not event.is_running():
        return None, False
    return event, joined[1]


def event_by_code(code: str) -> Event | None:
    """The running event with this code (typed in any case, with or without spaces)."""
    code = _code(code)
    event = Event.objects.select_related("campaign").filter(code=code).first() if code else None
    return event if event and event.is_running() else None


# What a typed or linked code may look like before it is looked up (a NUL byte, say, is not).
CODE_SHAPE = re.compile(r"[A-Za-z0-9]{1,12}")


def _code(text: str) -> str | None:
    code = text.replace(" ", "").upper()
    return code if CODE_SHAPE.fullmatch(code) else None


def tag_list(*, campaign: Campaign | None) -> QuerySet[Tag]:
    """The campaign's tags, by name (none without a campaign)."""
    return Tag.objects.filter(campaign=campaign)


def tag_list_visible(*, user) -> QuerySet[Tag]:
    """Public tags, and for planners every tag of the campaigns they manage."""
    tags = Tag.objects.select_related("campaign")
    return tags.filter(Q(is_public=True) | Q(campaign__in=managed_campaigns(user)))


def can_use_workspace(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("mapping.use_workspace"))


def poster_by_code(code: str) -> Poster | None:
    code = _code(code)
    return Poster.objects.select_related("campaign").filter(code=code).first() if code else None


def event_list(*, campaign: Campaign) -> QuerySet[Event]:
    """The campaign's events with their proposal counts, newest first."""
    return Event.objects.filter(campaign=campaign).annotate(proposal_count=Count("proposals"))


def outcome_list(*, campaign: Campaign | None) -> QuerySet[Outcome]:
    """A campaign's plans and cases, the newest first, with how many proposals each holds."""
    return Outcome.objects.filter(campaign=campaign).annotate(count=Count("proposals"))


def follower_by_token(token: str) -> Follower | None:
    return Follower.objects.select_related("proposal").filter(token=token).first()


def proposal_counts_per_area(*, proposals: QuerySet[Proposal], kind: str) -> list[tuple[str, int]]:
    """(area name, count) for each area of `kind` holding some of the proposals, the most first."""
    links = Proposal.areas.through.objects.filter(
        proposal__in=proposals.order_by().values("pk"), area__kind=kind
    )
    return list(
        links.values_list("area__name").annotate(n=Count("pk")).order_by("-n", "area__name")
    )


def api_token_active(digest: str) -> ApiToken | None:
    """The unrevoked key with this digest, with its user, if that user may still sign in."""
    tokens = ApiToken.objects.select_related("user")
    return tokens.filter(digest=digest, revoked_at=None, user__is_active=True).first()


def api_tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


# What a moderator does to a proposal that counts as having looked at its reports.
REVIEWS = [
    ModerationAction.Action.APPROVE,
    ModerationAction.Action.HIDE,
    ModerationAction.Action.PUBLISH,
]


def reported_since_review() -> Exists:
    """Proposals with a report on themselves newer than a moderator's last look: the queue."""
    last_review = (
        ModerationAction.objects.filter(
            proposal=OuterRef(OuterRef("pk")), comment=None, action__in=REVIEWS
        )
        .exclude(actor=None)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return Exists(
        Flag.objects.filter(proposal=OuterRef("pk"), comment=None).filter(
            Q(created_at__gt=Subquery(last_review)) | ~Exists(last_review)
        )
    )


def proposal_robustness(*, proposal: Proposal) -> dict:
    """How far a planner can trust the proposal's public numbers: its supports counted and
    held, from how many networks, whether they came in a burst; and its reports, from how many
    browsers and networks, how many since a moderator looked."""
    group = Q(proposal_id=proposal.pk) | Q(proposal__merged_into_id=proposal.pk)
    kept = Q(counted=True)
    supports = Support.objects.filter(group).aggregate(
        n_counted=Count("pk", filter=kept),
        n_held=Count("pk", filter=~kept),
        n_networks=Count("network", filter=kept, distinct=True),
    )
    flags = Flag.objects.filter(proposal=proposal, comment=None)
    reported = flags.aggregate(
        n_total=Count("pk"),
        n_held=Count("pk", filter=~kept),
        n_browsers=Count("reporter", filter=kept, distinct=True),
        n_networks=Count("network", filter=kept, distinct=True),
    )
    return {
        "supports": {**_named(supports), "burst": proposal.support_burst},
        "reports": {**_named(reported), "reviewed": moderator_reviewed(proposal)},
    }


def moderator_reviewed(target: Proposal | Comment) -> bool:
    """Whether a moderator (not reports' auto-hide) has approved, hidden or published it."""
    if isinstance(target, Comment):
        on = {"comment": target}
    else:
        on = {"proposal": target, "comment": None}
    return ModerationAction.objects.filter(**on, action__in=REVIEWS, actor__isnull=False).exists()


def _named(aggregates: dict) -> dict:
    # Aggregates may not share a name with a field (Support.counted): prefixed, then named.
    return {name.removeprefix("n_"): value for name, value in aggregates.items()}
