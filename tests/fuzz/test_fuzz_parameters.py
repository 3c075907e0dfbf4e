"""Property-based fuzzing (Hypothesis) of every page's and every read's query parameters, with
any text at all: NUL, lone surrogates in JSON bodies, huge numbers, odd JSON. Schemathesis
(test_fuzzing.py) sends what the OpenAPI schema describes; this sends what it does not.

Nothing may answer 5xx, for the public or a planner. Bounded by FUZZ_EXAMPLES per page or read.
"""

import json
import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_proposal

pytestmark = pytest.mark.django_db

FUZZ_EXAMPLES = int(os.environ.get("FREMTIDSKART_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PAGES = ["/", "/innebygd/", "/forslag/", "/forslag/nytt/", "/verksted/", "/personvern/"]
PLANNER_PAGES = ["/planlegger/", "/planlegger/verksteder/"]
READS = [
    "/api/v1/proposals/",
    "/api/v1/proposals/count/",
    "/api/v1/proposals/search/",
    "/api/v1/proposals/similar/",
    "/api/v1/proposals/export/",
    "/api/v1/proposals/tiles/12/2170/1190/",
    "/api/v1/areas/",
    "/api/v1/places/",
    "/api/v1/stats/areas/",
    "/api/v1/stats/weeks/",
    "/api/v1/stats/channels/",
    "/api/v1/stats/themes/",
    "/api/v1/hotspots/",
    "/api/v1/duplicates/",
    "/ogc/collections/proposals/items",
    "/ogc/collections/hotspots/items",
    "/ogc/collections/delomrade/items",
]
# Every parameter a page or read knows, and a few it does not.
NAMES = [
    "kampanje", "forslag", "plakat", "area", "category", "status", "visibility", "tag",
    "channel", "campaign", "created_after", "created_before", "id", "outcome", "reported", "q",
    "bbox", "within", "ordering", "limit", "cursor", "kind", "output", "crs", "distance",
    "min_size", "download", "filter", "filter-lang", "filter-crs", "bbox-crs", "datetime", "f",
    "tab", "page", "point", "z", "x", "y", "name", "unknown",
]  # fmt: skip

HOSTILE = st.sampled_from(
    [
        "\x00",
        "a\x00b",
        "320114",
        "bolig",
        "published",
        '{"type": "Polygon", "coordinates": [[[10, 59], [11, 59], [10, 59]]]}',
        "10.4,59.8,10.7,60.0",
        "support_count > 2147483648",
        "-1",
        "1e309",
        "2026-13-45",
    ]
)
VALUES = st.one_of(
    HOSTILE,
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
QUERIES = st.dictionaries(
    st.sampled_from(NAMES), st.lists(VALUES, min_size=1, max_size=3), min_size=1, max_size=10
)


def query_of(params: dict) -> dict:
    return {name: values for name, values in params.items()}


@pytest.fixture
def world(campaign):
    make_proposal(campaign)
    return campaign


@pytest.mark.parametrize("path", PAGES + READS)
@FUZZ
@given(params=QUERIES)
def test_no_parameter_makes_a_public_page_or_read_fail(world, path, params):
    response = Client().get(path, query_of(params))
    assert response.status_code < 500, (path, params, response.content[:300])


@pytest.mark.parametrize("path", PLANNER_PAGES + READS)
@FUZZ
@given(params=QUERIES)
def test_no_parameter_makes_a_planners_page_or_read_fail(world, planner_client, path, params):
    response = planner_client.get(path, query_of(params))
    assert response.status_code < 500, (path, params, response.content[:300])


JSON_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["\\u0000", "\\ud800", "\\udfff", "\\ud800\\udc00"]).map(
        lambda escape: json.loads(f'"{escape}"')
    ),
)
BODIES = st.dictionaries(
    st.sampled_from(NAMES),
    st.one_of(JSON_TEXT, st.lists(JSON_TEXT, max_size=3), st.integers(), st.none()),
)


@FUZZ
@given(body=BODIES)
def test_no_search_body_makes_the_search_fail(world, body):
    # json.dumps escapes a lone surrogate as \\ud800: the text a script can send.
    response = Client().post("/api/v1/proposals/search/", json.dumps(body), "application/json")
    assert response.status_code < 500, (body, response.content[:300])
