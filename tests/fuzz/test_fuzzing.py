"""Schemathesis fuzzes every operation of the API's own OpenAPI schema, in-process (WSGI).

Checks: no 5xx, and every response with a documented status matches its documented schema and
content type. Bounded by FUZZ_EXAMPLES per operation (about a minute in all); set it higher
(FREMTIDSKART_FUZZ_EXAMPLES=500) for a longer hunt. Rate limits are raised so that generated
writes reach the code behind them instead of stopping at 429.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from rest_framework.throttling import ScopedRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application
from tests.factories import make_proposal

FUZZ_EXAMPLES = int(os.environ.get("FREMTIDSKART_FUZZ_EXAMPLES", "25"))
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# The OGC API (issue 14) has its own OpenAPI document.
ogc_schema = schemathesis.openapi.from_wsgi("/ogc/api", application)


@pytest.fixture
def world(campaign, monkeypatch):
    """Bærum's campaign with one proposal, open rate limits, and the test's database connection
    kept open across requests (Django closes it when a request ends, as a real server should;
    the test client suspends that in the same way)."""
    make_proposal(campaign)
    monkeypatch.setattr(
        ScopedRateThrottle,
        "THROTTLE_RATES",
        {scope: "100000/hour" for scope in ScopedRateThrottle.THROTTLE_RATES},
    )
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


CSRF_SECRET = "f" * 32  # a cookie and header pair that Django's CSRF check accepts


@pytest.fixture
def planner_cookies(world, planner):
    """A logged-in planner's session, so the planner-only operations are fuzzed past 403."""
    client = Client()  # no request is made: those would reconnect the signals `world` holds off
    client.force_login(planner)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_SECRET}


FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    # The same examples on every run, so CI is reproducible; a longer hunt (the variable set)
    # draws new ones each time.
    derandomize="FREMTIDSKART_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# The in-process transport does not unzip; gzip itself is tested in tests/mapping.
HEADERS = {"Accept-Encoding": "identity"}
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_the_api_never_fails_and_keeps_to_its_schema(case, world):
    case.call_and_validate(headers=HEADERS, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_the_api_never_fails_for_a_planner_either(case, planner_cookies):
    case.call_and_validate(
        headers={**HEADERS, "X-CSRFToken": CSRF_SECRET}, cookies=planner_cookies, checks=CHECKS
    )


@pytest.mark.django_db
@ogc_schema.parametrize()
@FUZZ
def test_the_ogc_api_never_fails_and_keeps_to_its_schema(case, world):
    case.call_and_validate(headers=HEADERS, checks=CHECKS)


@pytest.fixture
def planner_key(world, planner):
    """A planner's API key, so the OGC API's planner-only answers are fuzzed too."""
    from mapping import services

    return services.api_token_create(user=planner, name="fuzz")[1]


@pytest.mark.django_db
@ogc_schema.parametrize()
@FUZZ
def test_the_ogc_api_never_fails_for_a_planner_s_key_either(case, planner_key):
    case.call_and_validate(
        headers={**HEADERS, "Authorization": f"Bearer {planner_key}"}, checks=CHECKS
    )


SECRET = "hemmelig@example.no"


@pytest.fixture
def stranger_cookies(world, campaign):
    """A planner of Nordstrand, allowed to see authors' addresses, beside a hidden Bærum proposal
    with an author's address: the planner-only operations, fuzzed as another place's planner."""
    from django.contrib.auth.models import Permission

    from mapping.models import Proposal
    from tests.conftest import planner_of
    from tests.frontend.test_places_apart import load_nordstrand

    hidden = make_proposal(campaign, title="Skjult forslag", email=SECRET)
    Proposal.objects.filter(pk=hidden.pk).update(visibility=Proposal.Visibility.HIDDEN)
    stranger = planner_of(load_nordstrand(), "nordstrand-planlegger")
    stranger.user_permissions.add(Permission.objects.get(codename="view_author_email"))
    client = Client()
    client.force_login(stranger)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_SECRET}


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_a_planner_of_another_place_never_gets_this_one(case, stranger_cookies):
    response = case.call_and_validate(
        headers={**HEADERS, "X-CSRFToken": CSRF_SECRET}, cookies=stranger_cookies, checks=CHECKS
    )
    assert SECRET not in response.text and "Skjult forslag" not in response.text
