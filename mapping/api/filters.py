"""Query-string filters for the API, parsed by django-filter into ORM lookups."""

import django_filters
from django.db.models import Exists, OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from geo.filters import BBoxFilter
from geo.models import Area
from mapping.models import Campaign, Category, Proposal


@extend_schema_field(OpenApiTypes.STR)
class CodeMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Repeatable filter naming objects by a text code (a slug or an area code)."""


class ProposalFilter(django_filters.FilterSet):
    """`bbox`, `category` (slug, repeatable), `campaign` (id) and `area` (code, repeatable)."""

    bbox = BBoxFilter(field_name="location", help_text="minlon,minlat,maxlon,maxlat (EPSG:4326)")
    category = CodeMultipleChoiceFilter(
        field_name="category__slug",
        queryset=Category.objects.all(),
        to_field_name="slug",
        help_text="Category slug; repeatable",
    )
    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all())
    area = CodeMultipleChoiceFilter(
        queryset=Area.objects.all(),
        to_field_name="code",
        method="filter_area",
        help_text="Area code; repeatable, matches proposals in any of the areas",
    )

    class Meta:
        model = Proposal
        fields = ["bbox", "category", "campaign", "area"]

    def filter_area(self, queryset, name, areas):
        if not areas:
            return queryset
        # EXISTS rather than a join: a proposal in two of the areas is still listed once.
        links = Proposal.areas.through.objects.filter(proposal_id=OuterRef("pk"), area__in=areas)
        return queryset.filter(Exists(links))


class AreaFilter(django_filters.FilterSet):
    """`kind` and `code`."""

    class Meta:
        model = Area
        fields = ["kind", "code"]
