"""Lists, details and stats go out gzipped to clients that accept it; pages with the CSRF token
and exports with authors' addresses do not (BREACH)."""

import gzip
import json

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.factories import SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def proposals(campaign):
    return [make_proposal(campaign, at=SANDVIKA_STATION, title=f"Forslag {n}") for n in range(30)]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/proposals/?limit=1000", "/api/v1/stats/areas/?kind=grunnkrets", "/api/v1/areas/"],
)
def test_data_is_compressed_for_clients_that_accept_it(proposals, path):
    plain = Client().get(path)
    zipped = Client().get(path, **GZIP)
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
    assert len(zipped.content) < len(plain.content) / 3
    assert not plain.has_header("Content-Encoding")


def test_pages_and_exports_with_addresses_are_not_compressed(planner, proposals):
    page = Client().get("/forslag/", **GZIP)
    assert page["Content-Type"].startswith("text/html") and not page.has_header("Content-Encoding")
    public = Client().get("/api/v1/proposals/export/?output=csv", **GZIP)
    assert public["Content-Encoding"] == "gzip"
    planner.user_permissions.add(Permission.objects.get(codename="view_author_email"))
    client = Client()
    client.force_login(planner)
    with_addresses = client.get("/api/v1/proposals/export/?output=csv", **GZIP)
    assert "email" in b"".join(with_addresses.streaming_content).decode().splitlines()[0]
    assert not with_addresses.has_header("Content-Encoding")
