"""Shared fixtures: a test database with Bærum's real areas and campaign loaded once."""

from pathlib import Path

import pytest
from django.db import connection
from rest_framework.test import APIClient

from geo.importer import import_layers
from geo.models import Area
from mapping.campaign_loader import campaign_load
from mapping.models import Campaign

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BAERUM = FIXTURES / "baerum"


# Bærum's imported areas and places, kept as plain copies beside the tables: a test with
# transaction=True flushes every table afterwards, and copying the rows back takes a few
# milliseconds where re-importing the GeoJSON (and simplifying 490 boundaries) takes seconds.
SNAPSHOT_TABLES = ["geo_area", "geo_place"]


def _snapshot_exists(cursor) -> bool:
    cursor.execute("SELECT to_regclass('test_snapshot_geo_area') IS NOT NULL")
    return cursor.fetchone()[0]


def _areas_from_snapshot_or_import() -> None:
    with connection.cursor() as cursor:
        if not _snapshot_exists(cursor):
            import_layers(BAERUM / "areas.json")
            for table in SNAPSHOT_TABLES:
                cursor.execute(f"CREATE TABLE test_snapshot_{table} AS TABLE {table}")
            return
        for table in SNAPSHOT_TABLES:  # fixed names, no input: SQL because it copies tables
            cursor.execute(f"INSERT INTO {table} SELECT * FROM test_snapshot_{table}")  # noqa: S608
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"  # noqa: S608
            )


def load_baerum() -> Campaign:
    """Bærum's areas and campaign, unless they are already in the database."""
    if not Area.objects.filter(kind=Area.Kind.TERRITORIUM, code="3201").exists():
        _areas_from_snapshot_or_import()
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
    client.force_login(planner)  # a session, as the workspace signs in
    return client


@pytest.fixture
def planner_client(planner):
    """A browser session of a logged-in planner, for the planners' pages."""
    from django.test import Client

    client = Client()
    client.force_login(planner)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Cached answers are keyed by a version a rolled-back test may hand out again.
    from django.core.cache import cache

    cache.clear()
