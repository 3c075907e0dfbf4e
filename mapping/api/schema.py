"""OpenAPI parameters derived from the domain's filter definitions, so they are written once."""

import django_filters
from drf_spectacular.utils import OpenApiParameter

from mapping.filters import ProposalFilter


def _parameter(name: str, definition: django_filters.Filter) -> OpenApiParameter:
    repeatable = isinstance(definition, django_filters.MultipleChoiceFilter)
    return OpenApiParameter(
        name,
        str,
        description=str(definition.extra.get("help_text", "")),
        many=repeatable,
        explode=True if repeatable else None,
    )


PROPOSAL_FILTER_PARAMETERS = [
    _parameter(name, definition) for name, definition in ProposalFilter.base_filters.items()
]
