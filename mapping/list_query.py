"""One definition of a list request, for the API's list, the list page, the map's tiles and the
OGC API's items: which proposals (the filters of mapping.filters), in what order (`ordering`),
from where (`cursor`) and how many (`limit`). Wrong values raise one ValidationError naming
each wrong parameter.

The tiles read it through `cleaned_filters`: the same filters' own fields, cleaned without
building the whole FilterSet, for the few filters the pyramid counts by."""

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from mapping.filters import ProposalFilter, given, proposal_filter

# `ordering` values and the column each sorts by; the id breaks ties in the same direction.
ORDERINGS = {
    "created": "created_at",
    "title": "title",
    "status": "status",
    "supports": "support_count",
}
DEFAULT_ORDERING = "-created"
# What a list request carries beside its filters.
PAGING = {"ordering", "cursor", "limit"}


@dataclass(frozen=True)
class Limits:
    """A list's page size: `default` when none is asked, at most `most`. A larger one is a 400,
    or is served as `most` where `clamp` (OGC API – Features Part 1 allows either)."""

    default: int
    most: int
    clamp: bool = False

    def parse(self, value: str | None) -> int:
        if value in (None, ""):
            return self.default
        if not value.isdigit() or int(value) < 1 or (int(value) > self.most and not self.clamp):
            raise ValidationError(
                {"limit": [_("limit må være et heltall fra 1 til %(max)d.") % {"max": self.most}]}
            )
        return min(int(value), self.most)


API_LIMITS = Limits(default=100, most=1000)
OGC_LIMITS = Limits(default=10, most=1000, clamp=True)


@dataclass(frozen=True)
class Order:
    """The column a list sorts by, and the direction; the id breaks ties."""

    column: str
    descending: bool

    @classmethod
    def parse(cls, value: str | None) -> "Order":
        value = value or DEFAULT_ORDERING
        name = value.removeprefix("-")
        if name not in ORDERINGS:
            raise ValidationError(
                {"ordering": [_("Velg en av: %(choices)s.") % {"choices": ", ".join(ORDERINGS)}]}
            )
        return cls(ORDERINGS[name], value.startswith("-"))

    def keys(self) -> list[str]:
        """The ORM's order_by() arguments."""
        direction = "-" if self.descending else ""
        return [f"{direction}{self.column}", f"{direction}pk"]

    def cursor(self, key: list) -> str:
        """The cursor of a page that ends with the row whose [column value, id] is `key`."""
        return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")

    def after(self, cursor: str) -> Q:
        """The rows after a cursor's row, in this order."""
        try:
            value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            if self.column == "created_at":
                value = datetime.fromisoformat(value)
            elif self.column == "support_count":
                value = int(value)
            elif not isinstance(value, str):
                raise TypeError
            pk = int(pk)
        except (ValueError, TypeError):
            raise ValidationError({"cursor": [_("Ugyldig cursor.")]}) from None
        after = "lt" if self.descending else "gt"
        return Q(**{f"{self.column}__{after}": value}) | Q(
            **{self.column: value, f"pk__{after}": pk}
        )


NEWEST_FIRST = Order.parse(DEFAULT_ORDERING)


@dataclass(frozen=True)
class ListQuery:
    filters: ProposalFilter
    order: Order
    limit: int
    start: Q | None  # the rows after the cursor's, or None for the first page

    @property
    def proposals(self) -> QuerySet:
        """The filtered proposals from the cursor on, unordered and unlimited."""
        proposals = self.filters.qs
        return proposals if self.start is None else proposals.filter(self.start)

    @property
    def text(self) -> bool:
        """Whether a free-text filter is among the filters (geojson_sql plans for it)."""
        return "q" in self.filters.asked()


def list_query(
    params: QueryDict, *, user, limits: Limits = API_LIMITS, managed: bool = False
) -> ListQuery:
    """The list request in `params` over what `user` may see (or, where `managed`, over the
    campaigns the planner manages: mapping.filters.proposal_filter), or one ValidationError
    naming every wrong parameter."""
    errors = {}

    def parsed(parse, *args, **kwargs):
        try:
            return parse(*args, **kwargs)
        except ValidationError as error:
            errors.update(error.message_dict)
            return None

    filters = parsed(proposal_filter, params, user=user, managed=managed)
    limit = parsed(limits.parse, params.get("limit"))
    order = parsed(Order.parse, params.get("ordering"))
    start = parsed(order.after, params["cursor"]) if order and params.get("cursor") else None
    if errors:
        raise ValidationError(errors)
    return ListQuery(filters=filters, order=order, limit=limit, start=start)


def cleaned_filters(params: QueryDict, names: set[str], *, besides: set[str]) -> dict | None:
    """The values of the filters `names`, cleaned by their own fields (as the FilterSet would,
    without building it: the tiles' fast path), when nothing but those and the parameters
    `besides` is asked and all are valid; otherwise None, and the whole FilterSet decides (and
    names what is wrong)."""
    asked = given(params) - besides
    if not asked <= names:
        return None
    values = dict.fromkeys(names - asked)  # not asked: no value (and no work to clean it)
    for name in asked:
        field = ProposalFilter.base_filters[name].field
        try:
            values[name] = field.clean(field.widget.value_from_datadict(params, None, name))
        except ValidationError:
            return None
    return values
