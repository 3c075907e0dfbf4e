"""One structured log line per request, JSON in production, with nothing personal in it."""

import json
import logging
import logging.config

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def json_formatter() -> logging.Formatter:
    config = settings.LOGGING["formatters"]["json"]
    factory = logging.config.DictConfigurator({}).configure_custom
    return factory(dict(config))


def test_a_request_is_one_json_line_without_personal_data(client, campaign, caplog):
    caplog.set_level(logging.INFO, logger="fremtidskart.requests")
    response = client.get(
        "/api/v1/proposals/?q=kari.nordmann@example.no",
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 Kari's laptop",
        HTTP_COOKIE="sessionid=abc",
    )
    [record] = [r for r in caplog.records if r.name == "fremtidskart.requests"]
    line = json_formatter().format(record)
    entry = json.loads(line)
    assert entry["logger"] == "fremtidskart.requests"
    assert entry["level"] == "INFO"
    assert entry["timestamp"].endswith("+00:00")
    assert entry["method"] == "GET"
    assert entry["route"].startswith("api/v1/proposals/")
    assert entry["view"] == "proposal-list"
    assert entry["path"] == "/api/v1/proposals/"
    assert entry["status"] == 200
    assert entry["duration_ms"] >= 0
    assert entry["authenticated"] is False
    assert entry["request_id"] == response["X-Request-ID"]
    for personal in ("kari", "203.0.113.9", "Mozilla", "sessionid"):
        assert personal not in line


def test_a_path_no_route_matched_is_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="fremtidskart.requests")
    assert client.get("/kari.nordmann@example.no").status_code == 404
    [record] = [r for r in caplog.records if r.name == "fremtidskart.requests"]
    assert (record.route, record.path, record.status) == (None, None, 404)
    assert "kari" not in json_formatter().format(record)
    assert "kari" not in caplog.text  # nor in Django's own "Not Found" line


def test_a_followers_token_and_an_event_code_never_reach_the_log(client, campaign, caplog):
    caplog.set_level(logging.INFO, logger="fremtidskart.requests")
    token = "hemmelig-token-som-avmelder-en-folger"
    client.get(f"/folg/{token}/")
    client.get("/verksted/HEMMEL/")
    lines = [
        json_formatter().format(r) for r in caplog.records if r.name == "fremtidskart.requests"
    ]
    assert [json.loads(line)["path"] for line in lines] == [
        "/folg/[skjult]/",
        "/verksted/[skjult]/",
    ]
    assert not any(token in line or "HEMMEL" in line for line in lines)


def test_an_error_line_carries_neither_the_query_string_nor_a_token(rf):
    from django.urls import resolve

    from config.request_log import RedactedRequestFilter

    request = rf.get("/folg/hemmelig-token/avmeld/?e=kari@example.no")
    request.resolver_match = resolve(request.path)
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
        (request.path,), None,
    )  # fmt: skip
    record.request = request
    record.status_code = 500
    assert RedactedRequestFilter().filter(record)
    line = json_formatter().format(record)
    assert "Internal Server Error: /folg/[skjult]/avmeld/" in line
    assert "hemmelig" not in line and "kari" not in line
