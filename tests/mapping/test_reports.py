"""The input report: asked for from the workspace's filters, built in the background, opened
here with the libraries that read DOCX and PDF and checked against the filtered set."""

import io
import os
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.utils import timezone
from docx import Document
from PIL import Image
from pypdf import PdfReader

from mapping import services
from mapping.models import Report
from mapping.retention import reports_delete
from tests.conftest import run_jobs
from tests.factories import BEKKESTUA, SANDVIKA_STATION, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(campaign, planner):
    """Proposals at the station (one merged, one answered and linked to a plan), one elsewhere."""
    station = [
        make_proposal(
            campaign,
            at=SANDVIKA_STATION,
            title=f"Sykkelparkering {n}",
            body=f"Tak over sykkelstativet nr. {n}.",
            email=f"forfatter{n}@example.no",
        )
        for n in range(3)
    ]
    elsewhere = make_proposal(campaign, at=BEKKESTUA, title="Park på Bekkestua")
    services.proposals_merge(primary=station[0], duplicates=[station[1].pk], user=planner)
    services.proposal_set_status(
        proposal=station[0], status="innarbeidet", answer="Tas med i planen.", user=planner
    )
    outcome = services.outcome_create(
        campaign=campaign, name="kommuneplanens arealdel 2026–2040", case_number="26/1234"
    )
    services.proposals_link_outcome(
        outcome=outcome, proposals=campaign.proposals.filter(pk=station[0].pk)
    )
    return {"station": station, "elsewhere": elsewhere}


def ask(client, **body):
    return client.post("/api/v1/reports/", body, content_type="application/json")


def fetch(client, report) -> bytes:
    answer = client.get(report["url"])
    assert answer.status_code == 200
    return b"".join(answer.streaming_content)


def test_the_docx_holds_the_filtered_set_and_its_decisions(planner_client, decided):
    asked = ask(planner_client, filters={"area": ["320114"]}, format="docx", language="nb")
    run_jobs()
    assert asked.status_code == 202
    report = planner_client.get(f"/api/v1/reports/{asked.json()['id']}/").json()
    # The workspace's count of the same filter: the merged duplicate too, listed in its
    # primary's row.
    assert report["state"] == "done" and report["proposal_count"] == 3

    document = Document(io.BytesIO(fetch(planner_client, report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith(f"Innspillsrapport: {decided['station'][0].campaign.title}")
    assert "3 forslag i utvalget. 1 av dem er slått sammen med et annet forslag" in text
    filters = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows[1:]}
    assert filters == {"Område": "Sandvika-Valler"}
    table = document.tables[-1]
    header = [cell.text for cell in table.rows[0].cells]
    assert "E-post" not in header  # the planner lacks the e-mail permission
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows[1:]}
    primary, merged = decided["station"][0], decided["station"][1]
    assert sorted(rows) == sorted(str(p.pk) for p in (primary, decided["station"][2]))
    row = dict(zip(header, rows[str(primary.pk)], strict=True))
    assert row["Tittel"] == primary.title and row["Status"] == "Innarbeidet"
    assert row["Kommunens svar"] == "Tas med i planen."
    assert row["Utfall"] == "kommuneplanens arealdel 2026–2040 (sak 26/1234)"
    assert row["Sammenslått"] == f"{merged.pk}: {merged.title}"
    assert "@" not in "\n".join(cell.text for r in table.rows for cell in r.cells)
    picture = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(document.part.related_parts[picture].blob))
    assert image.size == (1200, 900)


def test_the_pdf_in_nynorsk_with_addresses_for_a_planner_allowed_to_see_them(
    planner, planner_client, decided
):
    planner.user_permissions.add(Permission.objects.get(codename="view_author_email"))
    asked = ask(planner_client, filters={"area": ["320114"]}, format="pdf", language="nn")
    run_jobs()
    report = planner_client.get(f"/api/v1/reports/{asked.json()['id']}/").json()
    reader = PdfReader(io.BytesIO(fetch(planner_client, report)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Innspelsrapport" in text  # nynorsk
    assert "forfatter0@example.no" in text.replace("\n", "")  # words wrap in the cells
    assert "Tas med i planen." in text and "26/1234" in text
    assert decided["elsewhere"].title not in text
    assert any(page.images for page in reader.pages)  # the map


def test_reports_are_the_planners_own_and_bad_filters_are_refused(planner_client, decided):
    assert ask(Client(), filters={}, format="pdf", language="nb").status_code == 403
    assert (
        ask(planner_client, filters={"area": ["nowhere"]}, format="pdf", language="nb").status_code
        == 400
    )
    assert ask(planner_client, filters={}, format="odt", language="nb").status_code == 400
    mine = ask(planner_client, filters={}, format="pdf", language="nb").json()
    run_jobs()
    other = Client()
    other.force_login(User.objects.create_superuser("annen", password="x"))
    assert other.get(f"/api/v1/reports/{mine['id']}/file/").status_code == 404


def test_a_report_is_a_job_the_request_only_queues(planner_client, campaign):
    make_proposal(campaign, at=SANDVIKA_STATION)
    asked = ask(planner_client, filters={}, format="docx", language="nb").json()
    assert asked["state"] == "queued" and asked["url"] is None
    assert run_jobs() == ["mapping.report_build"]  # a worker's work (tests/server/test_jobs.py)
    report = planner_client.get(f"/api/v1/reports/{asked['id']}/").json()
    assert report["state"] == "done" and report["progress"] == 100
    assert Report.objects.get().file.size > 10_000


def test_old_reports_are_deleted_with_their_files(planner_client, decided):
    ask(planner_client, filters={}, format="pdf", language="nb")
    run_jobs()
    report = Report.objects.get()
    path = report.file.path
    assert reports_delete(dry_run=False) == 0
    Report.objects.update(created_at=timezone.now() - timedelta(days=31))
    assert reports_delete(dry_run=False) == 1
    assert not Report.objects.exists()
    assert not os.path.exists(path)


def test_no_table_of_the_report_shows_a_group_under_five_nor_what_is_not_a_filter(
    decided, planner, campaign
):
    from django.http import QueryDict
    from django.utils import translation

    from mapping.reports import report_content

    params = QueryDict(f"campaign={campaign.pk}&ordering=-created&limit=50")
    with translation.override("nb"):
        content = report_content(params, user=planner, with_emails=False)
    shown = [n for _heading, rows in content.counts for _what, n in rows]
    shown += [n for _theme, n in content.themes]
    assert shown and all(n == "færre enn 5" or int(n.replace("\xa0", "")) >= 5 for n in shown)
    assert [what for what, _which in content.filters] == ["Kampanje"]


def test_the_report_writes_numbers_as_its_language_does(planner):
    from django.utils import timezone, translation

    from mapping.reports import ReportContent

    content = ReportContent(
        title="", question="", created_at=timezone.now(), filters=[], total=10262, merged=1200,
        counts=[], themes=[], hotspots=[], map_png=b"", attribution=[], with_emails=False,
        proposals=None, groups=None,
    )  # fmt: skip
    with translation.override("nb"):
        assert "10\xa0262 forslag" in content.made() and "1\xa0200 av dem" in content.made()
    with translation.override("en"):
        assert "10,262 proposals" in content.made()


def test_the_table_is_grouped_by_theme_or_tag_as_planners_write_it(
    planner, planner_client, campaign
):
    """A row per theme (or tag): how many, which proposals, their statuses and the answers
    given; the proposals in no group last. Automatic above 1,000 proposals."""
    benches = [
        make_proposal(campaign, at=SANDVIKA_STATION, title=f"Flere benker {n}", body="Benker.")
        for n in range(6)
    ]
    others = [make_proposal(campaign, at=BEKKESTUA, title=f"Sykkelvei {n}") for n in range(2)]
    services.proposal_set_status(
        proposal=benches[0], status="innarbeidet", answer="Vi setter opp benker.", user=planner
    )
    tag = services.tag_create(campaign=campaign, name="Møblering")
    services.proposals_tag(tag=tag, proposals=campaign.proposals.filter(pk__in=[benches[1].pk]))

    def last_table(table: str) -> list[list[str]]:
        asked = ask(planner_client, filters={}, format="docx", language="nb", table=table)
        run_jobs()
        report = planner_client.get(f"/api/v1/reports/{asked.json()['id']}/").json()
        document = Document(io.BytesIO(fetch(planner_client, report)))
        return [[cell.text for cell in row.cells] for row in document.tables[-1].rows]

    by_theme = last_table("themes")
    assert by_theme[0] == ["Tema", "Antall", "Forslag (nr.)", "Status", "Kommunens svar"]
    rows = {row[0]: row for row in by_theme[1:]}
    assert rows["benker"][1] == "6"
    assert rows["benker"][2] == ", ".join(str(p.pk) for p in benches)
    assert rows["benker"][3] == "Mottatt: 5, Innarbeidet: færre enn 5"
    assert rows["benker"][4] == "Vi setter opp benker."
    assert by_theme[-1][0] == "Andre forslag"
    assert by_theme[-1][1] == "færre enn 5"  # no group under five is counted
    assert by_theme[-1][2] == ", ".join(str(p.pk) for p in others)

    by_tag = last_table("tags")
    assert by_tag[0][0] == "Merkelapp"
    assert by_tag[1][:3] == ["Møblering", "færre enn 5", str(benches[1].pk)]
    assert by_tag[-1][0] == "Andre forslag" and by_tag[-1][2].count(",") == 6  # seven
    assert ask(planner_client, filters={}, format="pdf", table="rows").status_code == 400
