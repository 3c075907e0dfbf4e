"""Applying ProposalFilter outside DRF's filter backend: search bodies, stats and exports."""

import json

from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from mapping import selectors
from mapping.api.filters import ProposalFilter


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


def valid_filterset(request, params=None) -> ProposalFilter:
    """The ProposalFilter for `params` (default: the query string) over what the user may see."""
    filterset = ProposalFilter(
        request.query_params if params is None else params,
        queryset=selectors.proposal_list_visible(user=request.user),
        request=request,
    )
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset


def filtered_proposals(request, params=None):
    """The proposals `request.user` may see, narrowed by `params` (default: the query string)."""
    return valid_filterset(request, params).qs
