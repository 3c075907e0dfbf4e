"""The retention command: e-mail addresses go some days after a campaign closes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from mapping.models import Campaign, Proposal
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
