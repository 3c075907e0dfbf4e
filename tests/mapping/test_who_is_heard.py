"""Who has not been heard: a place's optional population layer, proposals per 1,000 inhabitants,
and the anonymous background question, counted apart from the proposals, with no group under 5."""

import csv
import json

import pytest
from django.test import Client

from geo.importer import import_layers
from geo.models import Area
from mapping.models import BackgroundCount, Proposal
from tests.conftest import resident
from tests.factories import SANDVIKA_STATION, feature
from tests.trust.test_hostile_inputs import sandvika_form

pytestmark = pytest.mark.django_db

URL = "/api/v1/proposals/"
PLACE = "Bærum kommune (3201)"


def load_population(tmp_path, rows, fields=("code", "population", "year", "source")):
    """A population layer made up for the test (never shipped): written, named in a manifest."""
    with (tmp_path / "population.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    manifest = {"place": PLACE, "layers": [], "population": "population.csv"}
    (tmp_path / "areas.json").write_text(json.dumps(manifest), encoding="utf-8")
    return import_layers(tmp_path / "areas.json")


def test_the_population_layer_loads_per_area_and_shows_in_the_numbers(campaign, tmp_path):
    report = load_population(
        tmp_path,
        [
            {"code": "320114", "population": "8000", "year": "2025", "source": "Testtall"},
            {"code": "320115", "population": "4000", "year": "2025", "source": "Testtall"},
        ],
    )
    assert report.updated["population"] == 2
    area = Area.objects.get(kind="delomrade", code="320114")
    assert (area.population, area.population_year, area.population_source) == (
        8000,
        2025,
        "Testtall",
    )
    resident().post(URL, feature(at=SANDVIKA_STATION), content_type="application/json")
    stats = Client().get("/api/v1/stats/areas/", {"kind": "delomrade"}).json()
    by_code = {f["properties"]["code"]: f["properties"] for f in stats["features"]}
    assert (by_code["320114"]["count"], by_code["320114"]["population"]) == (1, 8000)
    assert by_code["320101"]["population"] is None


def test_a_code_that_names_several_areas_needs_its_kind(campaign, tmp_path):
    row = {"code": "3201", "population": "130000", "year": "2025", "source": "Testtall"}
    with pytest.raises(ValueError, match="3201"):  # the kommune and its sea territory
        load_population(tmp_path, [row])
    fields = ("code", "kind", "population", "year", "source")
    load_population(tmp_path, [{**row, "kind": "kommune"}], fields)
    assert Area.objects.get(kind="kommune", code="3201").population == 130000
    assert Area.objects.get(kind="territorium", code="3201").population is None


def test_background_answers_are_counted_apart_from_the_proposal(campaign):
    for age in ["16_24"] * 6 + ["67_plus"] * 2:
        response = Client().post(
            URL, feature(age_band=age, relation="lives"), content_type="application/json"
        )
        assert response.status_code == 201
    Client().post("/forslag/nytt/", {**sandvika_form(), "age_band": "16_24", "relation": "school"})
    Client().post(URL, feature(), content_type="application/json")  # no answer: nothing counted
    counts = {(r.age_band, r.relation): r.count for r in BackgroundCount.objects.all()}
    assert counts == {("16_24", "lives"): 6, ("67_plus", "lives"): 2, ("16_24", "school"): 1}
    fields = {f.name for f in Proposal._meta.get_fields()}
    assert not {"age_band", "relation", "background"} & fields  # nothing ties them together


@pytest.mark.parametrize("bad", [{"age_band": "12"}, {"relation": "owns"}, {"age_band": ["x"]}])
def test_a_broken_background_answer_is_refused_and_nothing_is_written(campaign, bad):
    response = Client().post(URL, feature(**bad), content_type="application/json")
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    assert not BackgroundCount.objects.exists()


def test_the_background_numbers_are_for_planners_and_hide_groups_under_5(
    campaign, planner, tmp_path
):
    kommune = campaign.boundary
    kommune.population_by_age = {"under_16": 100, "16_24": 50, "25_39": 150, "40_66": 300}
    kommune.population_year = 2025
    kommune.save()
    for age in ["16_24"] * 5 + ["40_66"] * 3:
        Client().post(URL, feature(age_band=age), content_type="application/json")
    assert Client().get("/api/v1/stats/background/").status_code == 403
    client = Client()
    client.force_login(planner)
    data = client.get("/api/v1/stats/background/").json()
    bands = {row["value"]: row for row in data["age_bands"]}
    assert (bands["16_24"]["count"], bands["16_24"]["population"]) == (5, 50)
    assert (bands["40_66"]["count"], bands["40_66"]["fewer_than"]) == (None, 5)
    assert bands["under_16"]["count"] == 0
    assert bands["67_plus"]["population"] is None
    assert data["population_year"] == 2025
    assert client.get("/api/v1/stats/background/", {"campaign": "x"}).status_code == 404


def test_import_areas_takes_a_population_file_and_names_what_is_wrong_in_one_line(
    campaign, tmp_path
):
    from io import StringIO

    from django.core.management import CommandError, call_command

    manifest = tmp_path / "areas.json"
    manifest.write_text(json.dumps({"place": PLACE, "layers": []}), encoding="utf-8")

    def population(text: str):
        path = tmp_path / "folk.csv"
        path.write_text(text, encoding="utf-8")
        call_command("import_areas", str(manifest), "--population", str(path), stdout=StringIO())

    population("code,population,year,source\n320114,8000,2025,SSB\n")
    assert Area.objects.get(kind="delomrade", code="320114").population == 8000
    wrong = {
        "code,population\n320114,8000\n": "folk.csv: missing columns year, source",
        "code,population,year,source\n3201,1,2025,SSB\n": (
            "folk.csv line 2: code '3201' names 2 areas (kommune, territorium); add a kind column"
        ),
        "code,population,year,source\n320114,mange,2025,SSB\n": (
            "folk.csv line 2: population 'mange' is not a whole number"
        ),
        "code,population,year,source\n999999,1,2025,SSB\n": "no area of",
    }
    for text, message in wrong.items():
        with pytest.raises(CommandError, match="Nothing imported: ") as raised:
            population(text)
        assert message in str(raised.value) and "\n" not in str(raised.value)
    assert Area.objects.get(kind="delomrade", code="320114").population == 8000  # untouched
