"""The proposals' filters, defined once for the API, the pages, the stats and the exports:
parsed by django-filter into ORM lookups. Invalid filters raise a Django ValidationError."""

import json
from types import SimpleNamespace

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from geo.filters import BBoxFilter, WithinFilter
from geo.models import Area
from mapping import selectors
from mapping.models import Campaign, Category, Proposal
from mapping.reference import reference
from mapping.shapes import footprint_intersects


@extend_schema_field(OpenApiTypes.STR)
class CodeMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Repeatable filter naming objects by a text code (a slug or an area code)."""

    def __init__(self, *args, **kwargs):
        # No DISTINCT: these filters never join to many rows, and DISTINCT would defeat the
        # keyset pagination's plain ORDER BY.
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class CampaignField(django_filters.fields.ModelChoiceField):
    """A campaign id, checked against the ids held in the process (mapping.reference) before the
    database; the value is a Campaign holding its id alone."""

    def to_python(self, value):
        if isinstance(value, str) and value.isdigit() and int(value) in reference().campaigns:
            return Campaign(pk=int(value))
        return super().to_python(value)


class CategorySlugsField(django_filters.fields.ModelMultipleChoiceField):
    """Category slugs, checked against the slugs held in the process before the database; the
    value is every campaign's Category of each slug, holding its id and slug alone."""

    def _check_values(self, value):
        known = reference().categories
        if all(isinstance(slug, str) and slug in known for slug in value):
            return [Category(pk=pk, slug=slug) for slug in set(value) for pk in known[slug]]
        return super()._check_values(value)


class CampaignFilter(django_filters.ModelChoiceFilter):
    field_class = CampaignField


class CategoryFilter(CodeMultipleChoiceFilter):
    field_class = CategorySlugsField


def in_areas(areas) -> Exists:
    """A proposal linked to any of `areas`; EXISTS, so one in two of them is listed once."""
    return Exists(Proposal.areas.through.objects.filter(proposal_id=OuterRef("pk"), area__in=areas))


def with_tags(tags) -> Exists:
    """A proposal with any of `tags`."""
    return Exists(Proposal.tags.through.objects.filter(proposal_id=OuterRef("pk"), tag__in=tags))


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Comma-separated numbers."""


def given(params: QueryDict) -> set[str]:
    """The names of the parameters given a value."""
    return {name for name, values in params.lists() if any(values)}


class ProposalFilter(django_filters.FilterSet):
    """Every filter of the map, the list, the stats and the export, in one place."""

    bbox = BBoxFilter(method="filter_place", help_text="minlon,minlat,maxlon,maxlat (EPSG:4326)")
    within = WithinFilter(
        method="filter_place",
        help_text="GeoJSON Polygon or MultiPolygon (EPSG:4326); large ones via POST .../search/",
    )
    area = CodeMultipleChoiceFilter(
        queryset=Area.objects.all(),
        to_field_name="code",
        method="filter_area",
        help_text="Area code; repeatable, matches proposals in any of the areas",
    )
    category = CategoryFilter(
        field_name="category__slug",
        queryset=Category.objects.all(),
        to_field_name="slug",
        help_text="Category slug; repeatable",
    )
    status = django_filters.MultipleChoiceFilter(choices=Proposal.Status.choices, distinct=False)
    shape = django_filters.MultipleChoiceFilter(
        field_name="kind",
        choices=Proposal.Kind.choices,
        distinct=False,
        help_text="A pin (point), a line or an area; repeatable",
    )
    visibility = django_filters.MultipleChoiceFilter(
        choices=Proposal.Visibility.choices,
        distinct=False,
        help_text="Planners only; the public sees published proposals",
    )
    tag = CodeMultipleChoiceFilter(
        queryset=lambda request: selectors.tag_list_visible(user=getattr(request, "user", None)),
        to_field_name="slug",
        method="filter_tag",
        help_text="Tag slug; repeatable. The public sees public tags only",
    )
    channel = django_filters.MultipleChoiceFilter(
        choices=Proposal.Channel.choices,
        distinct=False,
        help_text="How proposals came (map, embed, form, api, event, poster); repeatable",
    )
    campaign = CampaignFilter(queryset=Campaign.objects.all())
    created_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", help_text="YYYY-MM-DD, inclusive"
    )
    created_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", help_text="YYYY-MM-DD, inclusive"
    )
    id = NumberInFilter(
        field_name="pk", lookup_expr="in", help_text="Proposal ids, comma-separated (a hotspot's)"
    )
    outcome = django_filters.NumberFilter(field_name="outcome", help_text="Outcome id")
    reported = django_filters.BooleanFilter(
        method="filter_reported",
        help_text="Moderators only: reported since a moderator last looked (the queue)",
    )
    q = django_filters.CharFilter(
        method="filter_text", max_length=200, help_text="Free text, Norwegian stemming"
    )

    class Meta:
        model = Proposal
        fields = []

    def asked(self) -> set[str]:
        """The filters the request gave a value, read from its parameters: asking the cleaned
        values would run a query for each empty list of areas, categories or tags."""
        return given(self.data) & set(self.filters)

    def filter_queryset(self, queryset):
        """Only the filters asked apply: one not given filters nothing, and asking an empty
        list of areas, categories or tags whether it is empty costs a query compilation each
        (milliseconds on every list request)."""
        for name in self.asked():
            queryset = self.filters[name].filter(queryset, self.form.cleaned_data[name])
        return queryset

    def filter_place(self, queryset, name, geometry):
        """A pin inside, or a line or an area reaching in (mapping.shapes)."""
        if geometry is None:
            return queryset
        geometry.srid = geometry.srid or 4326
        return queryset.filter(footprint_intersects(geometry))

    def filter_area(self, queryset, name, areas):
        return queryset.filter(in_areas(areas)) if areas else queryset

    def filter_tag(self, queryset, name, tags):
        return queryset.filter(with_tags(tags)) if tags else queryset

    def filter_reported(self, queryset, name, reported):
        """The moderation queue, of the campaigns the moderator manages."""
        user = getattr(self.request, "user", None)
        if reported is None or not selectors.can_moderate(user):
            return queryset
        queue = selectors.reported_since_review()
        if not reported:
            return queryset.exclude(queue)
        return queryset.filter(queue, campaign__in=selectors.managed_campaigns(user))

    def filter_text(self, queryset, name, text):
        query = SearchQuery(text, config="norwegian", search_type="websearch")
        return queryset.filter(search=query)


class IdFilter(django_filters.NumberFilter):
    """A whole-number id."""

    field_class = forms.IntegerField


class AreaFilter(django_filters.FilterSet):
    """The areas' filters: kind, code, and the campaign whose place they belong to."""

    campaign = IdFilter(
        method="filter_campaign", help_text="Campaign id: only the areas of its place"
    )

    class Meta:
        model = Area
        fields = ["kind", "code"]

    def filter_campaign(self, queryset, name, pk):
        places = Campaign.objects.filter(pk=pk).values("boundary__place")
        return queryset.filter(place__in=places)


def query_from_body(body) -> QueryDict:
    """A JSON search body ({"area": ["320114"], "within": {...}}) as filter parameters."""
    if not isinstance(body, dict):
        raise ValidationError({"detail": [_("Forventet et JSON-objekt med filtre.")]})
    query = QueryDict(mutable=True)
    for key, value in body.items():
        if isinstance(value, dict):
            query[key] = json.dumps(value)
        elif isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        elif value is not None:
            query[key] = str(value)
    return query


def proposal_filter(params: QueryDict, *, user, managed: bool = False) -> ProposalFilter:
    """The valid ProposalFilter for `params` over what `user` may see, or where `managed` (a
    planner's own work: reports, exports, tagging, merging) over the campaigns they manage; or a
    ValidationError."""
    proposals = (
        selectors.proposal_list_managed(user=user)
        if managed
        else selectors.proposal_list_visible(user=user)
    )
    filterset = ProposalFilter(
        params,
        queryset=proposals,
        request=SimpleNamespace(user=user),  # what the tag filter may name
    )
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset
