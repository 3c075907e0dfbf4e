"""Shared fixtures: a test database with Bærum's real areas and campaign loaded once."""

import json
from pathlib import Path

import pytest
from django.db import connection
from procrastinate.contrib.django import app as queue_app
from procrastinate.jobs import Job
from procrastinate.sql import queries
from rest_framework.test import APIClient

from geo.importer import import_layers
from geo.models import Area
from mapping.campaign_loader import campaign_load
from mapping.models import Campaign

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS.parent / "fixtures"
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


def run_jobs() -> list[str]:
    """Play the worker inside the test's transaction: run every queued job that is due, and the
    jobs they queue, with the queue's own statements (fetch, finish) on the test's connection;
    returns the jobs' names in the order run. A job that raises fails the test with its error.
    The work runs without the worker's fresh connection (mapping.tasks._job), and synchronously
    (a browser test's thread runs an event loop). tests/server/test_jobs.py runs real workers."""
    db = queue_app.connector.get_sync_connector()
    worker = db.execute_query_one(query=queries["register_worker"])["worker_id"]
    ran = []
    try:
        while (
            row := db.execute_query_one(query=queries["fetch_job"], queues=None, worker_id=worker)
        )["id"]:
            job = Job.from_row(row)
            work = queue_app.tasks[job.task_name].func
            kwargs = job.task_kwargs  # Django's connection reads JSONB as text
            getattr(work, "__wrapped__", work)(
                **json.loads(kwargs) if isinstance(kwargs, str) else kwargs
            )
            db.execute_query(
                query=queries["finish_job"], job_id=job.id, status="succeeded", delete_job=True
            )
            ran.append(job.task_name)
    finally:
        db.execute_query(query=queries["unregister_worker"], worker_id=worker)
    return ran


QUEUE_TABLES = "procrastinate_jobs, procrastinate_periodic_defers, procrastinate_workers"


@pytest.fixture(autouse=True)
def _queue_emptied_after_committing_tests(request, django_db_blocker):
    """A test that commits leaves its queued jobs behind (the queue's tables are not Django's, so
    the flush after it leaves them): they are removed, or the next test would run them."""
    yield
    marker = request.node.get_closest_marker("django_db")
    committing = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if committing:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {QUEUE_TABLES} CASCADE")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Loaded once and committed; tests run in transactions that roll back on top of it.
    with django_db_blocker.unblock():
        load_baerum()
        run_jobs()  # the import's re-linking


@pytest.fixture
def campaign(db) -> Campaign:
    return load_baerum()


def prove(client):
    """What a page's script does for a new browser (frontend/static/frontend/lib/proof.js):
    take a challenge and send its solution; the client's device cookie is then proven."""
    from mapping.proof import proof_solve

    state = client.get("/api/v1/device/").json()
    if state["proven"]:
        return client
    challenge = state["challenge"]
    solution = {
        "salt": challenge["salt"],
        "signature": challenge["signature"],
        "number": proof_solve(challenge),
    }
    answer = client.post("/api/v1/device/", solution, content_type="application/json")
    assert answer.json()["proven"] is True, answer.content
    return client


def resident(client_class=None, **defaults):
    """A new resident's browser (a Django test Client unless `client_class` says otherwise),
    proven as the pages' script proves it; `defaults` go with every request (REMOTE_ADDR)."""
    from django.test import Client

    return prove((client_class or Client)(**defaults))


# Addresses for tests only (TEST-NET-1..3, RFC 5737): three networks no real client has.
NETWORKS = ["192.0.2.10", "198.51.100.10", "203.0.113.10"]


def residents_apart(count: int, client_class=None) -> list:
    """`count` proven browsers, each on its own network (as far as NETWORKS reach, then
    sharing the last)."""
    return [
        resident(client_class, REMOTE_ADDR=NETWORKS[min(n, len(NETWORKS) - 1)])
        for n in range(count)
    ]


@pytest.fixture
def api(db) -> APIClient:
    """A resident's browser as the pages make one: it holds a device token it has proved."""
    return resident(APIClient)


@pytest.fixture
def client(db):
    """pytest-django's client, as a resident's proven browser (see `api`)."""
    return resident()


def planner_of(campaign: Campaign, username: str = "planlegger"):
    """A planner of the campaign's place."""
    from django.contrib.auth.models import User

    from mapping.roles import planner_group_ensure

    user = User.objects.create_user(username, password="planlegger-passord")
    user.groups.add(planner_group_ensure())
    user.places.add(campaign.place)
    return user


@pytest.fixture
def planner(campaign):
    return planner_of(campaign)


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


# The folder says what kind of test a file holds; the fast loop leaves these marks out.
MARK_OF_FOLDER = {"e2e": "e2e", "server": "server", "fuzz": "fuzz"}


def pytest_collection_modifyitems(items):
    for item in items:
        folder = Path(item.fspath).relative_to(TESTS).parts[0]
        if folder in MARK_OF_FOLDER:
            item.add_marker(MARK_OF_FOLDER[folder])
