"""Planners' coding: tags per campaign, put on one proposal or a whole filtered set; a filter in
the workspace and the API and a column in the exports; internal unless marked public."""

import csv
import io

import pytest
from django.test import Client

from mapping.models import Tag
from tests.factories import BEKKESTUA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"


@pytest.fixture
def spread(campaign):
    return {
        "station": [
            make_proposal(campaign, at=SANDVIKA_STATION, title=f"Stasjon {n}") for n in range(3)
        ],
        "bekkestua": make_proposal(campaign, at=BEKKESTUA, title="Bekkestua"),
    }


def create(client, campaign, name, public=False):
    body = {"campaign": campaign.pk, "name": name, "public": public}
    return client.post("/api/v1/tags/", body, content_type="application/json")


def test_a_planner_tags_a_filtered_set_once(planner_client, campaign, spread):
    tag = create(planner_client, campaign, "Skolevei").json()
    assert tag["slug"] == "skolevei" and tag["public"] is False
    url = f"/api/v1/tags/{tag['id']}/proposals/"
    first = planner_client.post(url, {"area": ["320114"]}, content_type="application/json")
    assert first.json() == {"tagged": 3, "count": 3}
    again = planner_client.post(url, {"area": ["320114"]}, content_type="application/json")
    assert again.json() == {"tagged": 0, "count": 3}
    counted = planner_client.get("/api/v1/stats/tags/", {"area": "320114"}).json()
    assert counted == [{"tag": "skolevei", "name": "Skolevei", "count": 3}]
    assert Client().get("/api/v1/stats/tags/").json() == []  # internal
    listed = planner_client.get(URL, {"tag": "skolevei"}).json()["features"]
    assert sorted(f["properties"]["title"] for f in listed) == [
        "Stasjon 0",
        "Stasjon 1",
        "Stasjon 2",
    ]


def test_one_proposal_is_tagged_and_untagged(planner_client, campaign, spread):
    tag = Tag.objects.get(pk=create(planner_client, campaign, "Grøntdrag").json()["id"])
    proposal = spread["bekkestua"]
    path = f"{URL}{proposal.pk}/tags/{tag.pk}/"
    assert planner_client.put(path).status_code == 204
    detail = planner_client.get(f"{URL}{proposal.pk}/").json()["properties"]["tags"]
    assert detail == [{"id": tag.pk, "slug": "grontdrag", "name": "Grøntdrag", "public": False}]
    assert planner_client.delete(path).status_code == 204
    assert not proposal.tags.exists()


def test_tags_are_internal_unless_public(planner_client, campaign, spread):
    internal = create(planner_client, campaign, "Trafikksikkerhet").json()
    public = create(planner_client, campaign, "Turvei", public=True).json()
    proposal = spread["bekkestua"]
    for tag in (internal, public):
        planner_client.put(f"{URL}{proposal.pk}/tags/{tag['id']}/")
    anyone = Client()
    assert [t["name"] for t in anyone.get("/api/v1/tags/").json()] == ["Turvei"]
    names = [t["name"] for t in anyone.get(f"{URL}{proposal.pk}/").json()["properties"]["tags"]]
    assert names == ["Turvei"]
    assert anyone.get(URL, {"tag": "trafikksikkerhet"}).status_code == 400
    assert len(anyone.get(URL, {"tag": "turvei"}).json()["features"]) == 1

    def exported_tags(client):
        response = client.get(f"{URL}export/", {"output": "csv", "tag": "turvei"})
        rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
        return [row["tags"] for row in rows]

    assert exported_tags(anyone) == ["Turvei"]
    assert exported_tags(planner_client) == ["Trafikksikkerhet; Turvei"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "Skolevei", "SKOLEVEI"])
def test_a_broken_or_repeated_tag_is_refused(planner_client, campaign, name):
    create(planner_client, campaign, "Skolevei")
    response = create(planner_client, campaign, name)
    assert response.status_code == 400
    assert "name" in response.json()
    assert Tag.objects.count() == 1


def test_only_planners_tag(campaign, spread):
    assert create(Client(), campaign, "Skolevei").status_code == 403
    assert not Tag.objects.exists()
