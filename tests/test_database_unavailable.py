"""The database's errors are a 503 with Retry-After wherever they are raised: in a view, and while
the response is written (a middleware saving the session), which Django's 500 handler answers."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

UNAVAILABLE = "Tjenesten får ikke kontakt med databasen akkurat nå. Prøv igjen om litt."


@pytest.fixture
def session_save_fails(monkeypatch):
    def process_response(self, request, response):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionMiddleware, "process_response", process_response)


@pytest.mark.parametrize("path", ["/api/v1/proposals/", "/forslag/"])
def test_the_database_lost_while_the_response_is_written_is_a_503(
    campaign, session_save_fails, path
):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    text = response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    assert UNAVAILABLE in text


def test_another_error_while_the_response_is_written_is_still_a_500(campaign, monkeypatch):
    def process_response(self, request, response):
        raise ValueError("a bug")

    monkeypatch.setattr(SessionMiddleware, "process_response", process_response)
    response = Client(raise_request_exception=False).get("/forslag/")
    assert response.status_code == 500
