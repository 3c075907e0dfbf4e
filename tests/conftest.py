"""Shared fixtures: a test database with Bærum's real areas and campaign loaded once."""

from pathlib import Path

import pytest
from rest_framework.test import APIClient

from geo.importer import import_layers
from geo.models import Area
from mapping.campaign_loader import campaign_load
from mapping.models import Campaign

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BAERUM = FIXTURES / "baerum"


def load_baerum() -> Campaign:
    """Import Bærum's areas and campaign unless they are already in the database."""
    if not Area.objects.filter(kind=Area.Kind.TERRITORIUM, code="3201").exists():
        import_layers(BAERUM / "areas.json")
    return campaign_load(BAERUM / "campaign.json")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Loaded once and committed; tests run in transactions that roll back on top of it.
    with django_db_blocker.unblock():
        load_baerum()


@pytest.fixture
def campaign(db) -> Campaign:
    return load_baerum()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def planner(db):
    from django.contrib.auth.models import User

    from mapping.roles import planner_group_ensure

    user = User.objects.create_user("planlegger", password="planlegger-passord")
    user.groups.add(planner_group_ensure())
    return user


@pytest.fixture
def planner_api(planner) -> APIClient:
    client = APIClient()
    client.force_authenticate(planner)
    return client


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the cache; each test starts with none spent.
    from django.core.cache import cache

    cache.clear()
