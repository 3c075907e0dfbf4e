"""The items request's parameters, as OGC API – Features Part 1 defines them, read into the
proposals' own filters (mapping.filters): no filter logic of its own."""

from datetime import UTC, date, datetime, time

from django.core.exceptions import ValidationError
from django.http import QueryDict

from mapping.list_query import OGC_LIMITS, ListQuery, list_query

# Queryables that filter by equality as parameters, each the list filter of the same name.
PROPERTY_FILTERS = ("category", "status", "channel", "campaign", "area", "tag", "visibility")
KNOWN = {
    *("bbox", "bbox-crs", "crs", "limit", "datetime", "cursor", "f"),
    *("filter", "filter-lang", "filter-crs"),
    *PROPERTY_FILTERS,
}


class BadRequest(ValueError):
    """A parameter the standard says is answered with 400, and why."""


def _instant(text: str, *, end: bool = False) -> datetime | None:
    """An RFC 3339 date-time with its zone, or a full date (that day in UTC, from its first
    moment, or to its last where it ends an interval)."""
    if text in ("", ".."):
        return None
    try:
        if len(text) == len("2026-01-31"):
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"datetime: {text!r} is not an RFC 3339 date or date-time") from None
    if moment.tzinfo is None:
        raise BadRequest(f"datetime: {text!r} needs a time zone, e.g. Z")
    return moment


def datetime_range(value: str | None) -> tuple[datetime | None, datetime | None]:
    """(from, to) of `datetime`: an instant, or an interval "a/b" with ".." for an open end."""
    if not value:
        return None, None
    start, slash, end = value.partition("/")
    if not slash:
        return _instant(start), _instant(start, end=True)
    start_at, end_at = _instant(start), _instant(end, end=True)
    if start_at and end_at and start_at > end_at:
        raise BadRequest("datetime: the interval ends before it starts")
    return start_at, end_at


def only_known(params: QueryDict, known: set[str]) -> None:
    """BadRequest naming the parameters outside `known` (Part 1: unknown ones are a 400)."""
    unknown = sorted(set(params) - known)
    if unknown:
        raise BadRequest(
            f"unknown parameter(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )


def property_filters(params: QueryDict) -> QueryDict:
    """The queryables given as parameters, as the list filters of the same names."""
    filters = QueryDict(mutable=True)
    for name in PROPERTY_FILTERS:
        if name in params:
            filters.setlist(name, params.getlist(name))
    return filters


def parse_cursor(value: str | None) -> int:
    """Where a page of areas or hotspots starts: the number a next link gives (0 for the first)."""
    value = value or "0"
    if not value.isdigit():
        raise BadRequest("cursor: use the one a next link gives")
    return int(value)


def items_query(params: QueryDict, *, user, managed: bool) -> ListQuery:
    """An items request as the proposals' list request (its queryables as the list's filters,
    its limit and cursor; over the planner's places where `managed`), or BadRequest or
    ValidationError."""
    only_known(params, KNOWN)
    query = property_filters(params)
    for name in ("limit", "cursor"):
        if name in params:
            query[name] = params[name]
    return list_query(query, user=user, limits=OGC_LIMITS, managed=managed)


def error_text(error: ValidationError) -> str:
    """A filter's validation error as one line."""
    if hasattr(error, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)
