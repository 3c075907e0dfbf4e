"""Numeric query parameters that sit beside the proposal filters (distance, min_size …)."""

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _


def number_param(params: QueryDict, name: str, default: float, low: float, high: float) -> float:
    """Take `name` out of `params` (so the filters do not see it): a number in [low, high], or
    `default` when absent; anything else is a 400."""
    value = params.pop(name, [default])[-1]
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise ValidationError(
            {name: [_("Velg et tall fra %(low)s til %(high)s.") % {"low": low, "high": high}]}
        )
    return number
