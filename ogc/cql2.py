"""OGC API – Features Part 3: the proposals' queryables, and CQL2 filters (text or JSON, parsed
by pygeofilter) translated to Django conditions on the same fields and EXISTS the list filters
use (mapping.filters). Never to SQL text: every value is a bound parameter.

Supported: comparisons (=, <>, <, <=, >, >=), LIKE with % and _, IN, BETWEEN, IS NULL,
AND/OR/NOT, and S_INTERSECTS with any geometry or BBOX; geometries in `filter-crs`."""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.db.models import Q
from lark.exceptions import LarkError
from pygeofilter import ast, values
from pygeofilter.backends.evaluator import Evaluator, handle
from pygeofilter.parsers.cql2_json import parse as parse_json
from pygeofilter.parsers.cql2_text import parse as parse_text

from geo.models import Area
from mapping import selectors
from mapping.filters import in_areas, with_tags
from mapping.models import Proposal
from mapping.shapes import footprint_intersects
from ogc.crs import Crs
from ogc.params import BadRequest

MAX_FILTER_LENGTH = 20_000  # characters: a drawn polygon of some hundreds of vertices fits


@dataclass(frozen=True)
class Queryable:
    field: str  # the Django lookup path; "" for the linked areas and tags
    type: str  # JSON Schema type, or "geometry" or "date-time"
    title: str
    planner_only: bool = False
    enum: tuple = ()

    def schema(self) -> dict:
        if self.type == "geometry":
            return {
                "title": self.title,
                "format": "geometry-any",
                "x-ogc-role": "primary-geometry",
            }
        schema = {"title": self.title, "type": "string" if self.type == "date-time" else self.type}
        if self.type == "date-time":
            schema["format"] = "date-time"
        if self.enum:
            schema["enum"] = list(self.enum)
        return schema


QUERYABLES = {
    "geometry": Queryable("location", "geometry", "Plassering"),
    "title": Queryable("title", "string", "Tittel"),
    "body": Queryable("body", "string", "Beskrivelse"),
    "name": Queryable("display_name", "string", "Visningsnavn"),
    "category": Queryable("category__slug", "string", "Kategori (slug)"),
    "status": Queryable("status", "string", "Status", enum=tuple(Proposal.Status.values)),
    "channel": Queryable("channel", "string", "Kanal", enum=tuple(Proposal.Channel.values)),
    "campaign": Queryable("campaign_id", "integer", "Kampanje (id)"),
    "support_count": Queryable("support_count", "integer", "Antall støtter"),
    "created_at": Queryable("created_at", "date-time", "Opprettet"),
    "area": Queryable("", "string", "Område (kode, av alle inndelinger)"),
    "tag": Queryable("", "string", "Stikkord (slug)"),
    "visibility": Queryable(
        "visibility",
        "string",
        "Synlighet",
        planner_only=True,
        enum=tuple(Proposal.Visibility.values),
    ),
}
LITERAL_TYPES = {
    "string": (str,),
    "integer": (int,),
    "date-time": (datetime, date),
}
# The integer queryables are PostgreSQL integers (and ids within them): a literal beyond is no
# number any proposal has, and the ORM cannot compare with it.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
COMPARISONS = {"=": "exact", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}


def queryables(user) -> dict[str, Queryable]:
    """The queryables `user` may filter on: the public cannot ask about visibility."""
    planner = selectors.can_use_workspace(user)
    return {name: q for name, q in QUERYABLES.items() if planner or not q.planner_only}


def _like_regex(pattern: str) -> str:
    """A CQL2 LIKE pattern (% any text, _ one character, \\ escapes) as an anchored regex."""
    parts, escaped = ["^"], False
    for char in pattern:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return "".join([*parts, "$"])


def _no_nul(text: str) -> None:
    if "\x00" in text:
        raise BadRequest("filter: text may not hold NUL characters")


@dataclass(frozen=True)
class _Property:
    name: str
    queryable: Queryable


class _ToQ(Evaluator):
    """A CQL2 syntax tree as a Q over the proposals, or BadRequest saying what is wrong."""

    def __init__(self, user, filter_crs: Crs):
        self.user = user
        self.crs = filter_crs
        self.allowed = queryables(user)

    def adopt(self, node, *sub_args):
        raise BadRequest(f"filter: {type(node).__name__} is not supported here")

    @handle(ast.Not)
    def not_(self, node, sub):
        return ~sub

    @handle(ast.And)
    def and_(self, node, lhs, rhs):
        return lhs & rhs

    @handle(ast.Or)
    def or_(self, node, lhs, rhs):
        return lhs | rhs

    @handle(ast.Attribute)
    def attribute(self, node):
        queryable = self.allowed.get(node.name)
        if queryable is None:
            raise BadRequest(
                f"filter: no queryable {node.name!r}; the queryables are {', '.join(self.allowed)}"
            )
        return _Property(node.name, queryable)

    @handle(*values.LITERALS)
    def literal(self, node):
        if isinstance(node, str):
            _no_nul(node)
        return node

    @handle(values.Geometry)
    def geometry(self, node):
        try:
            geometry = GEOSGeometry(json.dumps(node.geometry))
        except (GEOSException, ValueError, TypeError):
            raise BadRequest("filter: a geometry is not valid GeoJSON or WKT") from None
        if not geometry.valid:
            raise BadRequest(f"filter: the geometry is not valid ({geometry.valid_reason})")
        return self.crs.to_storage(geometry)

    @handle(values.Envelope)
    def envelope(self, node):
        return self.crs.bbox([node.x1, node.y1, node.x2, node.y2])

    @handle(ast.Function)
    def function(self, node, *arguments):
        if node.name.lower() == "bbox" and all(isinstance(a, int | float) for a in arguments):
            return self.crs.bbox(list(arguments))
        raise BadRequest(f"filter: the function {node.name!r} is not supported")

    def _property_and_value(self, lhs, rhs, op: str) -> tuple[_Property, object, str]:
        if isinstance(rhs, _Property) and not isinstance(lhs, _Property):
            lhs, rhs = rhs, lhs
            op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        if not isinstance(lhs, _Property) or isinstance(rhs, _Property):
            raise BadRequest(f"filter: {op} compares one queryable with a value")
        self._check(lhs, rhs)
        return lhs, rhs, op

    def _check(self, prop: _Property, value) -> None:
        kind = prop.queryable.type
        if kind == "geometry":
            raise BadRequest(f"filter: {prop.name} is a geometry; use S_INTERSECTS")
        if isinstance(value, bool) or not isinstance(value, LITERAL_TYPES[kind]):
            wanted = {"date-time": "a TIMESTAMP('…') or DATE('…')"}.get(kind, f"a {kind}")
            raise BadRequest(f"filter: {prop.name} takes {wanted}, not {value!r}")
        if kind == "integer" and not INTEGER_MIN <= value <= INTEGER_MAX:
            raise BadRequest(
                f"filter: {prop.name} takes an integer from {INTEGER_MIN} to {INTEGER_MAX}"
            )
        if prop.queryable.enum and value not in prop.queryable.enum:
            raise BadRequest(
                f"filter: {prop.name} is one of {', '.join(prop.queryable.enum)}, not {value!r}"
            )

    def _linked(self, prop: _Property, codes: list) -> Q:
        """Proposals in any of the areas, or with any of the tags, named."""
        if prop.name == "area":
            return Q(in_areas(Area.objects.filter(code__in=codes)))
        tags = selectors.tag_list_visible(user=self.user).filter(slug__in=codes)
        return Q(with_tags(tags))

    def _lookup(self, prop: _Property, value, lookup: str) -> Q:
        field = prop.queryable.field
        if isinstance(value, date) and not isinstance(value, datetime):
            field += "__date"  # a DATE compares with the day of the time
        return Q(**{f"{field}__{lookup}": value})

    @handle(ast.Comparison, subclasses=True)
    def comparison(self, node, lhs, rhs):
        prop, value, op = self._property_and_value(lhs, rhs, node.op.value)
        if not prop.queryable.field:
            if op not in ("=", "<>"):
                raise BadRequest(f"filter: {prop.name} takes =, <> or IN")
            linked = self._linked(prop, [value])
            return linked if op == "=" else ~linked
        if op == "<>":
            return ~self._lookup(prop, value, "exact")
        return self._lookup(prop, value, COMPARISONS[op])

    @handle(ast.In)
    def in_(self, node, lhs, *options):
        if not isinstance(lhs, _Property):
            raise BadRequest("filter: IN takes a queryable on its left")
        for option in options:
            self._check(lhs, option)
        if lhs.queryable.field:
            found = self._lookup(lhs, list(options), "in")
        else:
            found = self._linked(lhs, list(options))
        return ~found if node.not_ else found

    @handle(ast.Between)
    def between(self, node, lhs, low, high):
        if not isinstance(lhs, _Property) or lhs.queryable.type not in ("integer", "date-time"):
            raise BadRequest("filter: BETWEEN takes a number or time queryable")
        self._check(lhs, low)
        self._check(lhs, high)
        found = self._lookup(lhs, (low, high), "range")
        return ~found if node.not_ else found

    @handle(ast.Like)
    def like(self, node, lhs):
        if not isinstance(lhs, _Property) or lhs.queryable.type != "string":
            raise BadRequest("filter: LIKE takes a text queryable")
        if not isinstance(node.pattern, str):
            raise BadRequest("filter: LIKE takes a text pattern")
        _no_nul(node.pattern)
        if not lhs.queryable.field:
            raise BadRequest(f"filter: {lhs.name} takes =, <> or IN")
        found = Q(**{f"{lhs.queryable.field}__regex": _like_regex(node.pattern)})
        return ~found if node.not_ else found

    @handle(ast.IsNull)
    def null(self, node, lhs):
        if not isinstance(lhs, _Property) or not lhs.queryable.field:
            raise BadRequest("filter: IS NULL takes a queryable")
        return Q(**{f"{lhs.queryable.field}__isnull": not node.not_})

    @handle(ast.GeometryIntersects)
    def intersects(self, node, lhs, rhs):
        if isinstance(rhs, _Property):
            lhs, rhs = rhs, lhs
        if not (isinstance(lhs, _Property) and lhs.queryable.type == "geometry"):
            raise BadRequest("filter: S_INTERSECTS takes the geometry and a geometry value")
        if not isinstance(rhs, GEOSGeometry):
            raise BadRequest("filter: S_INTERSECTS takes a geometry value")
        return footprint_intersects(rhs)

    def adopt_result(self, result):
        if not isinstance(result, Q):
            raise BadRequest("filter: it must be a condition, e.g. category = 'bolig'")
        return result


@lru_cache(maxsize=256)
def _tree(text: str, lang: str) -> ast.Node:
    """The syntax tree of a filter, kept for the next page: a GIS client asks for every page of
    one filter, and parsing it is a millisecond of each request (the tree is immutable)."""
    return parse_text(text) if lang == "cql2-text" else parse_json(text)


def parse(text: str, lang: str | None, *, user, filter_crs: Crs) -> Q:
    """The Q of a `filter` in `filter-lang` (cql2-text, the default, or cql2-json)."""
    if len(text) > MAX_FILTER_LENGTH:
        raise BadRequest(f"filter: longer than {MAX_FILTER_LENGTH} characters")
    lang = lang or "cql2-text"
    if lang not in ("cql2-text", "cql2-json"):
        raise BadRequest(f"filter-lang: {lang!r}; use cql2-text or cql2-json")
    try:
        tree = _tree(text, lang)
    except LarkError as error:
        first_line = str(error).strip().splitlines()[0]
        raise BadRequest(f"filter: not CQL2 text: {first_line}") from None
    except RecursionError:
        raise BadRequest("filter: nested too deeply") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise BadRequest(f"filter: not CQL2 JSON ({type(error).__name__}: {error})") from None
    try:
        return _ToQ(user, filter_crs).evaluate(tree)
    except RecursionError:
        raise BadRequest("filter: nested too deeply") from None
