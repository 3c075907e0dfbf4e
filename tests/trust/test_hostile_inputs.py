"""The hostile-input catalogue: what a careless client or an attacker sends to each write and
filter endpoint, and what the service must answer.

The rule for every refused input: 400 (bad input), 404 (no such thing), 413 (body too large),
415 (a content type the endpoint does not read) or 429 (rate limit), with a message a person
can read, never a 5xx, and nothing written. 415 is HTTP's own answer for a wrong content type;
it carries the same readable message. A form posted without its CSRF token (from another site,
or a page left open too long) gets 403 and a page saying what to do.

Some inputs are not hostile at all, only unusual: æøå, emoji, right-to-left text, combining
marks, and HTML or script typed as text. Those are accepted and stored exactly as sent; that
they are shown as text and never run is tested in tests/e2e/test_xss.py.

The catalogue, by section:

  A. Bodies, for every JSON write endpoint: malformed and truncated JSON, JSON that is not an
     object, 100,000 nested brackets, invalid UTF-8, wrong content types, a 3 MB body.
  B. A proposal's point: NaN, Infinity, 1e999 and exponent coordinates, out-of-range latitude
     and longitude, swapped lat/lon (lands outside Bærum), a `crs` member, 3D coordinates,
     empty and wrong-typed geometries.
  B2. A proposal's line or area (issue 25): a bow tie, a million vertices, one past the vertex
     limit, NaN, an unclosed ring, too few corners, a one-point line, a hole outside its shell,
     overlapping parts, a polygon across the antimeridian, an empty GeometryCollection, other
     geometry types. A ring in the "wrong" order is not hostile: RFC 7946 tells a reader not to
     refuse it, and the area is the same (tests/mapping/test_shapes.py).
  C. A search area (`within`, in the query string and in a search body): empty, unclosed,
     self-intersecting (a bow tie), 100,000 vertices, `crs`, 3D, NaN, other geometry types.
  D. Filters, on every filter endpoint: a bbox with min > max, too few or too many values or
     NaN; unknown category, area, status and campaign; SQL-looking strings; NUL bytes.
  E. Pages: negative, zero, huge and non-numeric limits and page numbers, forged cursors, ids
     too large for the database, map tiles outside the world.
  F. Text fields: NUL bytes and over-long text are refused; the unusual-but-fine texts above are
     accepted and stored exactly.
  G. HTML forms (the pages that work without JavaScript): the same broken values.
  H. Floods: every repeatable write, by API and by form, and login, past its limit: 429 with
     Retry-After and a message saying when to try again.
  I. The OGC API (issue 14): broken bbox, bbox-crs, crs, datetime, limit, cursor and CQL2
     filters (text and JSON, SQL-looking, NUL bytes, too long, too deep) on the items and the
     vector tiles: 400 with an OGC exception saying what is wrong.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from geo.models import Area
from mapping.models import (
    Comment,
    Flag,
    ModerationAction,
    Photo,
    Proposal,
    StatusChange,
    Support,
)
from tests.factories import BEKKESTUA, SANDVIKA, feature, make_proposal

pytestmark = pytest.mark.django_db

REFUSED = {400, 404, 413, 415, 429}
WRITTEN_MODELS = [Proposal, Comment, Support, Flag, StatusChange, ModerationAction, Photo]


@pytest.fixture
def target(campaign):
    """A published proposal with a published comment: something for every endpoint to act on."""
    proposal = make_proposal(campaign, at=SANDVIKA)
    comment = Comment.objects.create(proposal=proposal, body="Enig!", visibility="published")
    return {"pk": proposal.pk, "comment": comment.pk}


def rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN_MODELS}


def assert_refused(response, before: dict[str, int]):
    """A refused request: an expected status, a readable message, and nothing written."""
    assert response.status_code in REFUSED, (response.status_code, response.content[:300])
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        assert body and isinstance(body, dict), body
        assert any(str(text).strip() for text in _messages(body)), body
    else:
        assert response.content.strip(), "an empty error page"
    assert rows() == before


def _messages(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _messages(item)
    elif isinstance(value, list):
        for item in value:
            yield from _messages(item)
    else:
        yield value


# ---- A. Bodies ------------------------------------------------------------------------------

# Every JSON write endpoint, with a body it would accept; `{pk}` and `{comment}` are filled in.
JSON_WRITES = {
    "create": ("/api/v1/proposals/", feature()),
    "search": ("/api/v1/proposals/search/", {"category": ["bolig"]}),
    "comment": ("/api/v1/proposals/{pk}/comments/", {"body": "Godt forslag"}),
    "flag": ("/api/v1/proposals/{pk}/flags/", {"reason": "Upassende"}),
    "comment-flag": ("/api/v1/comments/{comment}/flags/", {"reason": "Upassende"}),
    "status": ("/api/v1/proposals/{pk}/status/", {"status": "under_review", "answer": "Ok"}),
    "moderation": ("/api/v1/proposals/{pk}/moderation/", {"action": "hide", "reason": "Spam"}),
    "comment-moderation": ("/api/v1/comments/{comment}/moderation/", {"action": "hide"}),
}


def valid_json(name: str) -> str:
    return json.dumps(JSON_WRITES[name][1])


BODIES = {
    "malformed": ('{"title": "x", ', "application/json"),
    "truncated": (None, "application/json"),  # the valid body cut in half
    "not-an-object-list": ("[1, 2, 3]", "application/json"),
    "not-an-object-string": ('"hei"', "application/json"),
    "not-an-object-null": ("null", "application/json"),
    "empty": ("", "application/json"),
    "nested-100000-deep": ("[" * 100_000 + "]" * 100_000, "application/json"),
    "invalid-utf8": (b'{"title": "\xff\xfe\xfa"}', "application/json"),
    "nan-literal": ('{"x": NaN}', "application/json"),
    "text-plain": (None, "text/plain"),  # the valid body, labelled as something else
    "form-encoded": ("title=x&body=y", "application/x-www-form-urlencoded"),
    "xml": ("<proposal><title>x</title></proposal>", "application/xml"),
    "huge-3mb": ('{"title": "' + "x" * 3_000_000 + '"}', "application/json"),
}


@pytest.mark.parametrize("endpoint", JSON_WRITES)
@pytest.mark.parametrize("case", BODIES)
def test_broken_bodies_are_refused_on_every_write(api, planner, target, endpoint, case):
    api.force_login(planner)  # planner endpoints too: past the permission check
    url = JSON_WRITES[endpoint][0].format(**target)
    body, content_type = BODIES[case]
    if body is None:
        body = valid_json(endpoint)
        if case == "truncated":
            body = body[: len(body) // 2]
    before = rows()
    response = api.generic("POST", url, body, content_type=content_type)
    assert_refused(response, before)


def test_a_huge_body_gets_413_with_a_message(api, target):
    response = api.generic("POST", "/api/v1/proposals/", BODIES["huge-3mb"][0], "application/json")
    assert response.status_code == 413
    assert "stor" in response.json()["detail"]


def test_a_wrong_content_type_gets_415_with_a_message(api, target):
    response = api.generic("POST", "/api/v1/proposals/", valid_json("create"), "text/plain")
    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


# ---- B. A proposal's point ------------------------------------------------------------------

LON, LAT = BEKKESTUA
POINTS = {
    "nan": '{"type": "Point", "coordinates": [NaN, 59.9]}',
    "infinity": '{"type": "Point", "coordinates": [Infinity, 59.9]}',
    "minus-infinity": '{"type": "Point", "coordinates": [10.5, -Infinity]}',
    "overflowing-exponent": '{"type": "Point", "coordinates": [1e999, 59.9]}',
    "exponent-outside": '{"type": "Point", "coordinates": [1.0587e1, 5.99185e2]}',
    "tiny-exponent": '{"type": "Point", "coordinates": [1e-320, 5e-324]}',
    "lon-181": '{"type": "Point", "coordinates": [181, 59.9]}',
    "lat-91": '{"type": "Point", "coordinates": [10.5, 91]}',
    "lat-minus-91": '{"type": "Point", "coordinates": [10.5, -91]}',
    "swapped-lat-lon": json.dumps({"type": "Point", "coordinates": [LAT, LON]}),
    "utm-metres": '{"type": "Point", "coordinates": [586000, 6643000]}',
    "crs-member": json.dumps(
        {
            "type": "Point",
            "coordinates": [LON, LAT],
            "crs": {"type": "name", "properties": {"name": "EPSG:25832"}},
        }
    ),
    "3d": json.dumps({"type": "Point", "coordinates": [LON, LAT, 80]}),
    "one-coordinate": '{"type": "Point", "coordinates": [10.5]}',
    "empty-coordinates": '{"type": "Point", "coordinates": []}',
    "empty-point": '{"type": "Point"}',
    "null-coordinates": '{"type": "Point", "coordinates": [null, null]}',
    "booleans": '{"type": "Point", "coordinates": [true, false]}',
    "strings": '{"type": "Point", "coordinates": ["10.58", "59.91"]}',
    "nested": '{"type": "Point", "coordinates": [[10.58, 59.91]]}',
    "multipoint": json.dumps({"type": "MultiPoint", "coordinates": [[LON, LAT]]}),
    "polygon": json.dumps(
        {"type": "Polygon", "coordinates": [[[LON, LAT], [LON, 60], [11, 60], [LON, LAT]]]}
    ),
    "feature-as-geometry": json.dumps(feature()),
    "wkt-string": '"POINT(10.58 59.91)"',
    "empty-object": "{}",
    "null": "null",
}


@pytest.mark.parametrize("case", POINTS)
def test_broken_points_are_refused(api, campaign, case):
    body = json.dumps(feature()).replace(
        json.dumps(feature()["geometry"]), POINTS[case].replace("\n", "")
    )
    assert POINTS[case] in body
    before = rows()
    response = api.generic("POST", "/api/v1/proposals/", body, "application/json")
    assert_refused(response, before)
    assert response.status_code == 400
    errors = response.json()
    assert "geometry" in errors or "detail" in errors, errors


# ---- B2. A proposal's line or area -----------------------------------------------------------

NEAR = [[LON, LAT], [LON + 0.002, LAT], [LON + 0.002, LAT + 0.001], [LON, LAT + 0.001]]
SHAPES = {
    "bow-tie": {
        "type": "Polygon",
        "coordinates": [[NEAR[0], NEAR[2], NEAR[1], NEAR[3], NEAR[0]]],
    },
    "a-million-vertices": {
        "type": "LineString",
        "coordinates": [[LON + i * 1e-9, LAT] for i in range(1_000_000)],
    },
    "one-past-the-vertex-limit": {
        "type": "LineString",
        "coordinates": [[LON + i * 1e-6, LAT] for i in range(1001)],
    },
    "nan-in-a-line": '{"type": "LineString", "coordinates": [[10.58, 59.91], [NaN, 59.92]]}',
    "infinity-in-a-ring": (
        '{"type": "Polygon", "coordinates": [[[10.58, 59.91], [10.59, 59.91], '
        "[Infinity, 59.92], [10.58, 59.91]]]}"
    ),
    "unclosed-ring": {"type": "Polygon", "coordinates": [NEAR]},
    "two-corners": {"type": "Polygon", "coordinates": [[NEAR[0], NEAR[1], NEAR[0], NEAR[0]]]},
    "empty-polygon": {"type": "Polygon", "coordinates": []},
    "empty-ring": {"type": "Polygon", "coordinates": [[]]},
    "one-point-line": {"type": "LineString", "coordinates": [[LON, LAT]]},
    "a-line-standing-still": {"type": "LineString", "coordinates": [[LON, LAT], [LON, LAT]]},
    "hole-outside-its-shell": {
        "type": "Polygon",
        "coordinates": [
            [*NEAR, NEAR[0]],
            [[LON + 0.01, LAT], [LON + 0.011, LAT], [LON + 0.011, LAT + 0.001], [LON + 0.01, LAT]],
        ],
    },
    "overlapping-parts": {
        "type": "MultiPolygon",
        "coordinates": [[[*NEAR, NEAR[0]]], [[*NEAR, NEAR[0]]]],
    },
    "across-the-antimeridian": {
        "type": "Polygon",
        "coordinates": [[[179.5, 59.9], [-179.5, 59.9], [-179.5, 60], [179.5, 60], [179.5, 59.9]]],
    },
    "empty-geometry-collection": {"type": "GeometryCollection", "geometries": []},
    "geometry-collection": {
        "type": "GeometryCollection",
        "geometries": [{"type": "Point", "coordinates": [LON, LAT]}],
    },
    "multilinestring": {"type": "MultiLineString", "coordinates": [[[LON, LAT], [LON, 60]]]},
    "3d-line": {"type": "LineString", "coordinates": [[LON, LAT, 80], [LON + 0.001, LAT, 80]]},
    "string-positions": {"type": "LineString", "coordinates": ["10.58,59.91", "10.59,59.91"]},
    "deep-nesting": {"type": "Polygon", "coordinates": [[[[[LON, LAT]]]]]},
}


@pytest.mark.parametrize("case", SHAPES)
def test_broken_lines_and_areas_are_refused(api, campaign, case):
    shape = SHAPES[case]
    geometry = shape if isinstance(shape, str) else json.dumps(shape)
    body = json.dumps(feature()).replace(json.dumps(feature()["geometry"]), geometry)
    before = rows()
    response = api.generic("POST", "/api/v1/proposals/", body, "application/json")
    assert_refused(response, before)
    if response.status_code == 400:
        errors = response.json()
        assert "geometry" in errors or "detail" in errors, errors


# ---- C. A search area -----------------------------------------------------------------------


def ring(n: int) -> list[list[float]]:
    """A closed ring of n distinct points on a small circle around Sandvika."""
    import math

    points = [
        [
            SANDVIKA[0] + 0.01 * math.cos(2 * math.pi * i / n),
            SANDVIKA[1] + 0.005 * math.sin(2 * math.pi * i / n),
        ]
        for i in range(n)
    ]
    return [*points, points[0]]


SQUARE = [[10.5, 59.88], [10.55, 59.88], [10.55, 59.9], [10.5, 59.9], [10.5, 59.88]]
AREAS = {
    "not-json": "{Polygon",
    "empty-polygon": {"type": "Polygon", "coordinates": []},
    "empty-ring": {"type": "Polygon", "coordinates": [[]]},
    "empty-multipolygon": {"type": "MultiPolygon", "coordinates": []},
    "unclosed": {"type": "Polygon", "coordinates": [SQUARE[:-1]]},
    "too-few-points": {"type": "Polygon", "coordinates": [[SQUARE[0], SQUARE[1], SQUARE[0]]]},
    "bow-tie": {
        "type": "Polygon",
        "coordinates": [
            [[10.5, 59.88], [10.55, 59.9], [10.55, 59.88], [10.5, 59.9], [10.5, 59.88]]
        ],
    },
    "100000-vertices": {"type": "Polygon", "coordinates": [ring(100_000)]},
    "crs-member": {"type": "Polygon", "coordinates": [SQUARE], "crs": {"type": "name"}},
    "3d": {"type": "Polygon", "coordinates": [[[*p, 10] for p in SQUARE]]},
    "nan": (
        '{"type": "Polygon", "coordinates": '
        "[[[NaN, 59.88], [10.55, 59.88], [10.5, 59.9], [NaN, 59.88]]]}"
    ),
    "out-of-range": {"type": "Polygon", "coordinates": [[[p[0] + 200, p[1]] for p in SQUARE]]},
    "point": {"type": "Point", "coordinates": list(SANDVIKA)},
    "feature": {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [SQUARE]}},
    "array": [SQUARE],
    "sql": "'; DROP TABLE mapping_proposal; --",
}


def as_text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


@pytest.mark.parametrize("case", AREAS)
def test_broken_search_areas_are_refused_in_the_query_string(api, target, case):
    before = rows()
    response = api.get("/api/v1/proposals/", {"within": as_text(AREAS[case])})
    assert_refused(response, before)
    assert "within" in response.json()


@pytest.mark.parametrize("case", AREAS)
def test_broken_search_areas_are_refused_in_a_search_body(api, target, case):
    value = AREAS[case]
    body = f'{{"within": {value}}}' if case == "nan" else json.dumps({"within": value})
    before = rows()
    response = api.generic("POST", "/api/v1/proposals/search/", body, "application/json")
    assert_refused(response, before)


# ---- D. Filters on every filter endpoint ----------------------------------------------------

FILTER_ENDPOINTS = [
    "/api/v1/proposals/",
    "/api/v1/proposals/count/",
    "/api/v1/proposals/export/",
    "/api/v1/proposals/tiles/13/4336/2373/",
    "/api/v1/stats/areas/",
    "/api/v1/stats/weeks/",
    "/forslag/",
]
FILTERS = {
    "bbox-min-over-max": {"bbox": "10.6,59.9,10.5,59.8"},
    "bbox-three-values": {"bbox": "10.5,59.8,10.6"},
    "bbox-five-values": {"bbox": "10.5,59.8,10.6,59.9,1"},
    "bbox-nan": {"bbox": "nan,59.8,10.6,59.9"},
    "bbox-infinity": {"bbox": "-inf,59.8,inf,59.9"},
    "bbox-out-of-range": {"bbox": "10.5,-95,10.6,59.9"},
    "bbox-words": {"bbox": "vest,sør,øst,nord"},
    "bbox-empty-parts": {"bbox": ",,,"},
    "unknown-category": {"category": "finnes-ikke"},
    "unknown-status": {"status": "deleted"},
    "unknown-area": {"area": "999999"},
    "unknown-campaign": {"campaign": "424242"},
    "campaign-not-a-number": {"campaign": "første"},
    "negative-campaign": {"campaign": "-1"},
    "huge-campaign": {"campaign": "9" * 30},
    "sql-in-category": {"category": "bolig' OR '1'='1"},
    "sql-in-area": {"area": "1; DROP TABLE geo_area; --"},
    "sql-in-status": {"status": "new' UNION SELECT email FROM mapping_proposal --"},
    "nul-in-category": {"category": "bolig\x00"},
    "nul-in-text": {"q": "sykkel\x00vei"},
    "text-too-long": {"q": "x" * 201},
    "bad-date": {"created_after": "2026-13-45"},
    "sql-in-date": {"created_before": "2026-01-01' OR 1=1 --"},
    "visibility-unknown": {"visibility": "everything"},
    "within-self-intersecting": {"within": as_text(AREAS["bow-tie"])},
}


@pytest.mark.parametrize("url", FILTER_ENDPOINTS)
@pytest.mark.parametrize("case", FILTERS)
def test_broken_filters_are_refused_on_every_filter_endpoint(api, target, url, case):
    before = rows()
    response = api.get(url, FILTERS[case])
    assert_refused(response, before)
    assert response.status_code == 400


# Text search takes anything a person types: these find nothing (or something) but never fail.
ODD_SEARCHES = ["' OR 1=1 --", "sykkel & | ! ( ) : *", '"""', "-", "æøå ÆØÅ", "🚲", "שלום"]


@pytest.mark.parametrize("text", ODD_SEARCHES)
def test_odd_search_text_is_just_text(api, target, text):
    response = api.get("/api/v1/proposals/", {"q": text})
    assert response.status_code == 200
    assert response.json()["features"] == []


def test_sql_looking_filters_leave_the_tables_alone(api, target):
    for case in ("sql-in-category", "sql-in-area", "sql-in-status", "sql-in-date"):
        api.get("/api/v1/proposals/", FILTERS[case])
    assert Proposal.objects.filter(pk=target["pk"]).exists()
    assert api.get("/api/v1/proposals/").json()["features"]


# ---- E. Pages, ids and tiles ----------------------------------------------------------------

PAGES = {
    "limit-negative": ("/api/v1/proposals/", {"limit": "-1"}),
    "limit-zero": ("/api/v1/proposals/", {"limit": "0"}),
    "limit-huge": ("/api/v1/proposals/", {"limit": "9" * 40}),
    "limit-float": ("/api/v1/proposals/", {"limit": "1.5"}),
    "limit-exponent": ("/api/v1/proposals/", {"limit": "1e3"}),
    "cursor-garbage": ("/api/v1/proposals/", {"cursor": "%%%"}),
    "cursor-forged": ("/api/v1/proposals/", {"cursor": "eyJpZCI6ICInOyAtLSJ9"}),
    "list-page-negative": ("/forslag/", {"side": "-1"}),
    "list-page-zero": ("/forslag/", {"side": "0"}),
    "list-page-huge": ("/forslag/", {"side": "9" * 40}),
    "list-page-words": ("/forslag/", {"side": "siste"}),
    "id-huge": ("/api/v1/proposals/" + "9" * 30 + "/", {}),
    "id-negative": ("/api/v1/proposals/-1/", {}),
    "id-words": ("/api/v1/proposals/abc/", {}),
    "id-huge-comments": ("/api/v1/proposals/" + "9" * 30 + "/comments/", {}),
    "id-huge-page": ("/forslag/" + "9" * 30 + "/", {}),
    "campaign-huge": ("/api/v1/campaigns/" + "9" * 30 + "/", {}),
    "tile-z-huge": ("/api/v1/proposals/tiles/99/0/0/", {}),
    "tile-x-outside": ("/api/v1/proposals/tiles/2/4/0/", {}),
    "tile-numbers-huge": ("/api/v1/proposals/tiles/3/" + "9" * 30 + "/1/", {}),
    "similar-no-point": ("/api/v1/proposals/similar/", {}),
    "similar-nan": ("/api/v1/proposals/similar/", {"point": "nan,nan", "text": "x"}),
    "similar-radius-huge": (
        "/api/v1/proposals/similar/",
        {"point": "10.52,59.89", "text": "x", "radius_m": "9" * 30},
    ),
    "places-too-long": ("/api/v1/places/", {"q": "x" * 500}),
    "places-nul": ("/api/v1/places/", {"q": "Sand\x00vika"}),
    "places-no-query": ("/api/v1/places/", {}),
    "similar-nul": ("/api/v1/proposals/similar/", {"point": "10.52,59.89", "text": "a\x00b"}),
    "areas-nul": ("/api/v1/areas/", {"code": "3201\x00"}),
    "areas-unknown-kind": ("/api/v1/areas/", {"kind": "planet"}),
}


@pytest.mark.parametrize("case", PAGES)
def test_bad_pages_ids_and_tiles_are_refused(api, target, case):
    url, params = PAGES[case]
    before = rows()
    assert_refused(api.get(url, params), before)


@pytest.mark.parametrize("action", ["support", "flags", "comments"])
def test_writes_to_an_id_too_large_for_the_database_get_404(api, target, action):
    before = rows()
    url = f"/api/v1/proposals/{'9' * 30}/{action}/"
    response = api.post(url, {"reason": "x", "body": "x"}, format="json")
    assert response.status_code == 404
    assert_refused(response, before)


# ---- F. Text fields -------------------------------------------------------------------------

UNUSUAL_BUT_FINE = {
    "norwegian": "Æøå ÆØÅ – «sykkelvei» på Høvik",
    "emoji": "Mer grønt 🌳🚲👍🏽 og 👨‍👩‍👧 lekeplass",
    "rtl": "مرحبا بكم في بærum שלום",
    "combining-marks": "Bae\u0300rum Z\u0351\u0352\u0353a\u0336\u0337lgo",
    "html": '<b>fet</b> <img src=x onerror="alert(1)"> <script>alert(2)</script>',
    "template-syntax": "{{ 7*7 }} {% now 'Y' %} ${7*7}",
    "zero-width": "Sykkel\u200bvei\u200d",
}


@pytest.mark.parametrize("case", UNUSUAL_BUT_FINE)
def test_unusual_text_is_accepted_and_stored_exactly(api, campaign, case):
    text = UNUSUAL_BUT_FINE[case]
    response = api.post(
        "/api/v1/proposals/", feature(title=text[:120], body=text, name=text[:80]), format="json"
    )
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get()
    assert (proposal.title, proposal.body, proposal.display_name) == (text[:120], text, text[:80])
    assert response.json()["properties"]["body"] == text


@pytest.mark.parametrize("case", UNUSUAL_BUT_FINE)
def test_unusual_text_in_a_comment_is_stored_exactly(api, target, case):
    text = UNUSUAL_BUT_FINE[case]
    url = f"/api/v1/proposals/{target['pk']}/comments/"
    response = api.post(url, {"body": text, "name": text[:80]}, format="json")
    assert response.status_code == 201, response.content
    assert Comment.objects.get(pk=response.json()["id"]).body == text


TEXT_FIELDS = {
    "create-title": ("/api/v1/proposals/", lambda text: feature(title=text)),
    "create-body": ("/api/v1/proposals/", lambda text: feature(body=text)),
    "create-name": ("/api/v1/proposals/", lambda text: feature(name=text)),
    "create-email": ("/api/v1/proposals/", lambda text: feature(email=text)),
    "comment-body": ("/api/v1/proposals/{pk}/comments/", lambda text: {"body": text}),
    "comment-name": ("/api/v1/proposals/{pk}/comments/", lambda text: {"body": "x", "name": text}),
    "flag-reason": ("/api/v1/proposals/{pk}/flags/", lambda text: {"reason": text}),
}
BAD_TEXT = {
    "nul-byte": "Sykkel\x00vei",
    "very-long": "x" * 100_000,
    "lone-surrogate": "\ud800",
}
# Names and e-mail are optional, so blank is fine there; the rest must say something.
REQUIRED_TEXT_FIELDS = ["create-title", "create-body", "comment-body", "flag-reason"]
TEXT_CASES = [
    *((field, case) for field in TEXT_FIELDS for case in BAD_TEXT),
    *((field, "only-spaces") for field in REQUIRED_TEXT_FIELDS),
]


@pytest.mark.parametrize(("field", "case"), TEXT_CASES)
def test_bad_text_is_refused_in_every_text_field(api, target, field, case):
    url, build = TEXT_FIELDS[field]
    text = {**BAD_TEXT, "only-spaces": "   \t\n "}[case]
    body = json.dumps(build(text), ensure_ascii=True)  # a lone surrogate survives only escaped
    before = rows()
    response = api.generic("POST", url.format(**target), body, "application/json")
    assert_refused(response, before)
    assert response.status_code == 400


# ---- G. HTML forms --------------------------------------------------------------------------


def test_the_form_base_case_is_accepted(client, campaign):
    """The form cases below each break one value of this post, which is accepted."""
    assert client.post("/forslag/nytt/", sandvika_form()).status_code == 302
    assert Proposal.objects.count() == 1


def sandvika_form() -> dict:
    sandvika = Area.objects.get(kind=Area.Kind.DELOMRADE, code="320114")
    return {**FORM_BASE, "location": f"area:{sandvika.pk}"}


FORM_BASE = {"category": "bolig", "title": "Benker", "body": "Flere benker.", "consent": "on"}
FORM_CASES = {
    "nul-in-title": {"title": "Sykkel\x00vei"},
    "too-long-body": {"body": "x" * 5000},
    "unknown-category": {"category": "finnes-ikke"},
    "unknown-location": {"location": "area:999999"},
    "sql-location": {"location": "place:1 OR 1=1"},
    "bad-email": {"email": "ikke en adresse"},
    "honeypot": {"website": "http://spam.example"},
    "no-consent": {"consent": ""},
    "unknown-shape": {"shape": "circle"},
    "a-place-as-a-whole-area": {"shape": "area", "location": "place:1"},
    "a-line-to-nowhere": {"shape": "line"},
    "a-line-to-itself": {"shape": "line", "line_to": "same"},
}


@pytest.mark.parametrize("case", FORM_CASES)
def test_the_form_without_a_map_refuses_broken_values(client, campaign, case):
    data = {**sandvika_form(), **FORM_CASES[case]}
    if data.get("line_to") == "same":
        data["line_to"] = data["location"]
    before = rows()
    response = client.post("/forslag/nytt/", data)
    assert_refused(response, before)
    assert response.status_code == 400


@pytest.mark.parametrize("text", ["Sykkel\x00vei", "x" * 5000])
def test_the_comment_form_refuses_broken_text(client, target, text):
    before = rows()
    response = client.post(f"/forslag/{target['pk']}/kommenter/", {"body": text})
    assert_refused(response, before)


# ---- H. Floods ------------------------------------------------------------------------------

# Every write a client can repeat, with a body it would accept; limits are set to 2 per hour.
FLOODS = {
    "api-create": ("proposals", "/api/v1/proposals/", lambda t: feature(), "json"),
    "api-support": ("supports", "/api/v1/proposals/{pk}/support/", lambda t: {}, "json"),
    "api-comment": (
        "comments",
        "/api/v1/proposals/{pk}/comments/",
        lambda t: {"body": "Ja"},
        "json",
    ),
    "api-flag": (
        "flags",
        "/api/v1/comments/{comment}/flags/",
        lambda t: {"reason": "Spam"},
        "json",
    ),
    "form-create": ("proposals", "/forslag/nytt/", lambda t: sandvika_form(), "form"),
    "form-support": ("supports", "/forslag/{pk}/stott/", lambda t: {}, "form"),
    "form-comment": ("comments", "/forslag/{pk}/kommenter/", lambda t: {"body": "Ja"}, "form"),
    "form-flag": ("flags", "/forslag/{pk}/rapporter/", lambda t: {"reason": "Spam"}, "form"),
}


@pytest.mark.parametrize("case", FLOODS)
def test_repeated_writes_get_429_with_retry_after(client, target, settings, monkeypatch, case):
    from rest_framework.throttling import ScopedRateThrottle

    scope, url, body, kind = FLOODS[case]
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {scope: "2/hour"})
    settings.FREMTIDSKART_FLAG_THRESHOLD = 100
    url = url.format(**target)

    def send():
        client.cookies.clear()  # a script that drops its cookies: only the limit stops it
        if kind == "json":
            return client.post(url, body(target), content_type="application/json")
        return client.post(url, body(target))

    assert [send().status_code < 400 for _ in range(2)] == [True, True]
    before = rows()
    flooded = send()
    assert_refused(flooded, before)
    assert flooded.status_code == 429
    assert int(flooded["Retry-After"]) > 0
    assert "Prøv igjen" in flooded.content.decode() or "prøv igjen" in flooded.content.decode()


def test_repeated_failed_logins_get_429_with_retry_after(client, planner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/logg-inn/", {"username": "planlegger", "password": "feil"})
    locked = client.post("/logg-inn/", {"username": "planlegger", "password": "feil"})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0


def test_a_form_too_large_gets_the_sites_own_400_page(client, target):
    before = rows()
    response = client.post(f"/forslag/{target['pk']}/kommenter/", {"body": "x" * 3_000_000})
    assert_refused(response, before)
    assert response.status_code == 400
    assert "Forespørselen kunne ikke behandles" in response.content.decode()
    assert '<html lang="nb">' in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/proposals/", "/forslag/nytt/"])
def test_a_body_larger_than_any_real_request_is_refused_unread(client, campaign, url):
    before = rows()
    response = client.generic(
        "POST",
        url,
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="40000000",  # declared: 40 MB of photos on their way
    )
    assert_refused(response, before)
    assert response.status_code == 413


def test_a_form_posted_from_elsewhere_gets_the_sites_own_403_page(target):
    from django.test import Client

    forged = Client(enforce_csrf_checks=True)  # no token: a form on another site, or stale
    before = rows()
    response = forged.post(f"/forslag/{target['pk']}/kommenter/", {"body": "Hei"})
    assert response.status_code == 403
    assert "Skjemaet er utløpt" in response.content.decode()
    assert '<html lang="nb">' in response.content.decode()
    assert rows() == before


OGC_ITEMS = "/ogc/collections/proposals/items"
OGC_CASES = [
    {"bbox": "10.6,59.9,10.5,59.8"},
    {"bbox": "nan,59,11,60"},
    {"bbox": "1e999,59,11,60"},
    {"bbox": "10,59"},
    {"bbox": "10,59,11,60", "bbox-crs": "EPSG:4326'; DROP TABLE mapping_proposal; --"},
    {"bbox": "-1e12,-1e12,-1e11,-1e11", "bbox-crs": "http://www.opengis.net/def/crs/EPSG/0/25832"},
    {"crs": "http://www.opengis.net/def/crs/EPSG/0/99999"},
    {"crs": "\x00"},
    {"datetime": "2026-13-45T99:00:00Z"},
    {"datetime": "2026-01-01T00:00:00Z/2025-01-01T00:00:00Z"},
    {"limit": "-1"},
    {"limit": "1e3"},
    {"limit": "0"},
    {"cursor": "eyJub3QiOiAiYSBjdXJzb3IifQ"},
    {"filter": "title = 'x'' OR 1=1 --"},
    {"filter": "title = 'x'; DROP TABLE mapping_proposal; --'"},
    {"filter": "title = 'a\x00b'"},
    {"filter": "title LIKE 'a\x00%'"},
    {
        "filter": '{"op": "=", "args": [{"property": "title"}, "a\\u0000b"]}',
        "filter-lang": "cql2-json",
    },
    {"filter": "S_INTERSECTS(geometry, POLYGON((1e999 0, 1 1, 1 0, 1e999 0)))"},
    {"filter": "S_INTERSECTS(geometry, POLYGON((0 0, 1 1)))"},
    {"filter": "category = 'bolig' AND " * 2000 + "status = 'mottatt'"},
    {"filter": "support_count BETWEEN 'a' AND 'z'"},
    {"filter": '{"op": "=", "args": [1]}', "filter-lang": "cql2-json"},
    {
        "filter": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "filter-lang": "cql2-json",
    },
    {"filter": "category = 'bolig'", "filter-crs": "EPSG:25832"},
]


@pytest.mark.parametrize("case", OGC_CASES)
def test_broken_ogc_parameters_are_refused_with_a_message(api, target, case):
    before = Proposal.objects.count()
    response = api.get(OGC_ITEMS, case)
    assert response.status_code == 400, (case, response.content[:300])
    body = response.json()
    assert body["code"] == "InvalidParameterValue" and body["description"]
    assert Proposal.objects.count() == before


@pytest.mark.parametrize(
    "case", [{"category": "finnes-ikke"}, {"area": "\x00"}, {"status": "' OR 1=1"}, {"q": "x"}]
)
def test_broken_vector_tile_filters_are_refused_with_a_message(api, target, case):
    response = api.get("/ogc/collections/proposals/tiles/WebMercatorQuad/10/300/540", case)
    assert response.status_code == 400 and response.json()["description"]


# ---- Text no column can store, numbers no column can hold, images in unusual modes -----------

URL = "/api/v1/proposals/"

NUL_URLS = [
    "/?kampanje=%00",
    "/forslag/?kampanje=%00",
    "/forslag/nytt/?kampanje=%00",
    "/innebygd/?kampanje=%00",
    "/folg/%00/",
    "/folg/%00/avmeld/",
    "/api/v1/proposals/?q=%00",
    "/ogc/collections/proposals/items?category=%00",
]


@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_anywhere_in_a_url_is_a_400_with_a_message(target, url):
    response = Client().get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("field", ["q", "category", "area", "within", "status"])
@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\u0000"])
def test_lone_surrogates_and_nul_in_a_json_body_are_a_400(api, target, field, escape):
    before = rows()
    body = '{"%s": "x%sy"}' % (field, escape)  # noqa: UP031 - the JSON text as a script writes it
    response = api.post(f"{URL}search/", body, content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    created = api.post(
        URL,
        '{"type": "Feature", "properties": {"title": "%s"}}' % escape,  # noqa: UP031
        content_type="application/json",
    )
    assert_refused(created, before)


@pytest.mark.parametrize(
    "cql",
    [
        "support_count > 2147483648",
        "support_count = 2147483648",
        "support_count >= 2147483648",
        "support_count < -2147483649",
        "support_count BETWEEN 0 AND 99999999999",
        "campaign IN (1, 9223372036854775808)",
    ],
)
def test_integers_beyond_the_columns_are_a_400_in_cql2(target, cql):
    response = Client().get("/ogc/collections/proposals/items", {"filter": cql, "f": "json"})
    assert response.status_code == 400
    assert "integer from" in response.json()["description"]


def image_bytes(mode: str, size: tuple[int, int], image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 3000 if mode.startswith("I") else 7).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("mode", "size"),
    [("I;16", (2400, 1200)), ("I;16", (5000, 300)), ("P", (3400, 1700)), ("1", (4000, 100)),
     ("LA", (1700, 1700)), ("CMYK", (1800, 900))],
)  # fmt: skip
def test_photos_in_any_mode_are_converted_not_a_500(api, campaign, mode, size):
    image_format = "JPEG" if mode == "CMYK" else "PNG"
    photo = SimpleUploadedFile("bilde", image_bytes(mode, size, image_format), "image/png")
    response = api.post(URL, {"feature": json.dumps(feature()), "photos": [photo]}, "multipart")
    assert response.status_code == 201, response.content
    [stored] = response.json()["properties"]["photos"]
    assert max(stored["width"], stored["height"]) == 1600


def test_a_huge_png_is_refused_before_it_is_decoded_and_a_huge_jpeg_is_taken(api, campaign):
    png = SimpleUploadedFile("stor.png", image_bytes("RGB", (7000, 7000)), "image/png")
    refused = api.post(URL, {"feature": json.dumps(feature()), "photos": [png]}, "multipart")
    assert refused.status_code == 400
    assert "Send det som JPEG" in refused.json()["photos"][0]
    jpeg = SimpleUploadedFile("stor.jpg", image_bytes("RGB", (7000, 7000), "JPEG"), "image/jpeg")
    taken = api.post(URL, {"feature": json.dumps(feature()), "photos": [jpeg]}, "multipart")
    assert taken.status_code == 201
    assert taken.json()["properties"]["photos"][0]["width"] == 1600
