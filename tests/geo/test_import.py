"""The area import: Bærum's real layers, parents, idempotency and re-linking of proposals."""

import pytest
from django.core.management import call_command

from geo.importer import import_layers
from geo.models import Area
from mapping.models import Proposal
from tests.conftest import BAERUM, FIXTURES, run_jobs
from tests.factories import SANDVIKA, make_proposal

pytestmark = pytest.mark.django_db


def kind_counts() -> dict[str, int]:
    return {kind: Area.objects.filter(kind=kind).count() for kind in Area.Kind.values}


def test_baerum_loads_as_one_kommune_22_delomrader_448_grunnkretser_18_valgkretser():
    counts = kind_counts()
    assert counts["kommune"] == 1
    assert counts["territorium"] == 1
    assert counts["delomrade"] == 22
    assert counts["grunnkrets"] == 448
    assert counts["valgkrets"] == 18


def test_parents_run_grunnkrets_to_delomrade_to_kommune():
    grunnkrets = Area.objects.get(kind="grunnkrets", code="32011416")
    assert grunnkrets.parent.kind == "delomrade"
    assert grunnkrets.parent.code == "320114"
    assert grunnkrets.parent.parent.kind == "kommune"
    assert grunnkrets.parent.parent.code == "3201"
    assert Area.objects.get(kind="valgkrets", code="11").parent.code == "3201"
    assert not Area.objects.filter(kind="grunnkrets", parent__isnull=True).exists()


def test_reimport_updates_and_never_duplicates():
    ids_before = set(Area.objects.values_list("pk", flat=True))
    Area.objects.filter(kind="delomrade", code="320114").update(name="Changed by hand")

    report = import_layers(BAERUM / "areas.json")

    assert report.created == {}
    assert report.updated["grunnkrets"] == 448
    assert set(Area.objects.values_list("pk", flat=True)) == ids_before
    assert Area.objects.get(kind="delomrade", code="320114").name == "Sandvika-Valler"


def test_import_command_reports_and_rejects_missing_manifest(tmp_path):
    with pytest.raises(Exception, match=r"No file at .*missing\.json"):
        call_command("import_areas", str(tmp_path / "missing.json"))


def test_another_place_loads_with_its_own_kind():
    import_layers(FIXTURES / "nordstrand" / "areas.json")
    nordstrand = Area.objects.get(kind="bydel", code="030114")
    assert nordstrand.name == "Nordstrand"
    assert nordstrand.parent is None  # Oslo kommune itself is not loaded
    assert "Statistisk sentralbyrå" in nordstrand.attribution


def test_reimport_relinks_proposals_to_their_areas(campaign):
    proposal = make_proposal(campaign, at=SANDVIKA)
    proposal.areas.clear()

    import_layers(BAERUM / "areas.json")
    assert Proposal.objects.get(pk=proposal.pk).areas.count() == 0  # a job re-links them
    assert run_jobs() == ["mapping.areas_relink"]

    codes = set(Proposal.objects.get(pk=proposal.pk).areas.values_list("kind", "code"))
    assert ("delomrade", "320115") in codes
    assert ("grunnkrets", "32011515") in codes
