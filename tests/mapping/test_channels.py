"""Every proposal records how it came; planners filter and count by it. A channel is never a
device or an address, and a channel with fewer than 5 proposals shows no number."""

import csv
import io

import pytest
from django.test import Client

from mapping.models import Proposal
from tests.conftest import resident
from tests.factories import feature
from tests.trust.test_hostile_inputs import sandvika_form

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


def send(channel=None, client=None):
    properties = {"channel": channel} if channel else {}
    client = client or resident()
    return client.post(URL, feature(**properties), content_type="application/json")


def test_each_way_in_is_recorded(campaign):
    assert send().status_code == 201
    assert send("map").status_code == 201
    assert send("embed").status_code == 201
    assert resident().post("/forslag/nytt/", sandvika_form()).status_code == 302
    channels = list(Proposal.objects.order_by("pk").values_list("channel", flat=True))
    assert channels == ["api", "map", "embed", "form"]


@pytest.mark.parametrize("claimed", ["poster", "event", "unknown", "sms", ""])
def test_a_client_cannot_claim_a_channel_it_is_not(campaign, claimed):
    response = resident().post(URL, feature(channel=claimed), content_type="application/json")
    assert response.status_code == 400
    assert "channel" in response.json()
    assert not Proposal.objects.exists()


def test_planners_filter_count_and_export_by_channel(campaign):
    for _ in range(6):
        send("map")
    for _ in range(2):
        send("embed")
    listed = Client().get(URL, {"channel": "embed"}).json()["features"]
    assert len(listed) == 2
    assert {f["properties"]["channel"] for f in listed} == {"embed"}

    counts = {row["channel"]: row for row in Client().get("/api/v1/stats/channels/").json()}
    assert counts["map"]["count"] == 6
    assert counts["embed"] == {
        "channel": "embed",
        "name": "Innebygd kart",
        "count": None,
        "fewer_than": 5,
    }
    assert counts["poster"]["count"] == 0

    response = Client().get(f"{URL}export/", {"output": "csv", "channel": "map"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["channel"] for row in rows] == ["map"] * 6
