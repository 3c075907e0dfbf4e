"""Retention, by hand and nightly: what is due goes, nothing else."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from mapping import services
from mapping.models import Campaign, Follower, Proposal, Report, WriteCount
from mapping.queue import MAIL_SEND, RETENTION, later
from tests.conftest import run_jobs
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db


def test_dry_run_reports_and_the_real_run_removes(campaign, capsys):
    make_proposal(campaign, email="a@example.no")
    make_proposal(campaign, email="b@example.no")
    make_proposal(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=timezone.now() - timedelta(days=91))

    call_command("anonymise_emails", "--days", "90", "--dry-run")
    assert "would remove 2" in capsys.readouterr().out
    assert Proposal.objects.exclude(email="").count() == 2

    call_command("anonymise_emails", "--days", "90")
    assert "removed 2" in capsys.readouterr().out
    assert Proposal.objects.exclude(email="").count() == 0


def test_open_and_recently_closed_campaigns_keep_addresses(campaign):
    make_proposal(campaign, email="a@example.no")
    call_command("anonymise_emails", "--days", "90")
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=timezone.now() - timedelta(days=10))
    call_command("anonymise_emails", "--days", "90")
    assert Proposal.objects.get().email == "a@example.no"


def _finished_job(days_ago: int) -> int:
    """A finished e-mail job (it holds an address), its last event `days_ago`."""
    from django.db import connection

    later(MAIL_SEND, subject="s", body="b", to="gammel@example.no", headers={})
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM procrastinate_jobs")
        [job] = cursor.fetchone()
        cursor.execute("UPDATE procrastinate_jobs SET status = 'succeeded' WHERE id = %s", [job])
        cursor.execute(
            "UPDATE procrastinate_events SET at = now() - %s * interval '1 day' WHERE job_id = %s",
            [days_ago, job],
        )
    return job


def test_the_nightly_job_removes_what_is_due_and_nothing_else(campaign, planner):
    from django.db import connection

    now = timezone.now()
    make_proposal(campaign, email="forfatter@example.no")
    proposal = make_proposal(campaign)
    fresh, stale = (
        services.follower_create(proposal=proposal, email=f"{who}@example.no")
        for who in ("fersk", "gammel")
    )
    Follower.objects.filter(pk=stale.pk).update(created_at=now - timedelta(days=8))
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=now - timedelta(days=30))
    old_report, new_report = (
        services.report_request(user=planner, params=QueryDict(), format="csv") for _ in range(2)
    )
    run_jobs()
    Report.objects.filter(pk=old_report.pk).update(created_at=now - timedelta(days=31))
    WriteCount.objects.create(key="gammel", times=[0.0], updated_at=now - timedelta(days=2))
    WriteCount.objects.create(key="fersk", times=[0.0])
    old_job, new_job = _finished_job(days_ago=8), _finished_job(days_ago=6)

    later(RETENTION, timestamp=int(now.timestamp()))  # as the scheduler queues it
    assert run_jobs() == [RETENTION]

    assert list(Follower.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert list(Report.objects.values_list("pk", flat=True)) == [new_report.pk]
    assert list(WriteCount.objects.values_list("key", flat=True)) == ["fersk"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM procrastinate_jobs WHERE id IN (%s, %s)", [old_job, new_job])
        assert cursor.fetchall() == [(new_job,)]
    # The campaign closed 30 days ago: its authors' addresses are kept for 90.
    assert Proposal.objects.exclude(email="").count() == 1
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=now - timedelta(days=91))
    later(RETENTION, timestamp=int(now.timestamp()) + 1)
    run_jobs()
    assert not Proposal.objects.exclude(email="").exists()
