"""Reads from a real PostgreSQL streaming replica: a primary and its replica in scratch
folders, the app under gunicorn with DATABASE_REPLICA_URL. With the replica's replay paused,
what a read shows says where it was read."""

import http.cookiejar
import json
import subprocess
import urllib.request

import pytest

from mapping.proof import proof_solve
from tests.factories import feature
from tests.server.gunicorn import Gunicorn
from tests.server.scratch_cluster import ScratchCluster, app_database

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = "fremtidskart_replica_test"


@pytest.fixture(scope="module")
def pair():
    primary = ScratchCluster.primary()
    replica = None
    try:
        app_database(primary, DATABASE)
        replica = primary.replica()
        yield primary, replica
    finally:
        for cluster in (replica, primary):
            if cluster:
                cluster.destroy()


class Browser:
    """A client with its own cookies, as one person's browser."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> dict:
        with self.opener.open(self.base + path, timeout=30) as response:
            return json.loads(response.read())

    def proven(self) -> "Browser":
        """What a page's script does for a new browser (frontend/lib/proof.js)."""
        challenge = self.get("/api/v1/device/")["challenge"]
        number = proof_solve(challenge)
        self.post("/api/v1/device/", {**challenge, "number": number})
        return self

    def post(self, path: str, body: dict) -> tuple[int, dict]:
        request = urllib.request.Request(  # noqa: S310 - the test's own server
            self.base + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, json.loads(response.read())


def replicated_app(primary, replica, *, workers: int) -> Gunicorn:
    return Gunicorn(
        workers=workers,
        DATABASE_URL=f"{primary.url}/{DATABASE}",
        DATABASE_REPLICA_URL=f"{replica.url}/{DATABASE}",
        DJANGO_SECURE_COOKIES="0",  # plain HTTP on 127.0.0.1: the cookies must come back
    ).start()


def titles(browser: Browser) -> list[str]:
    return [f["properties"]["title"] for f in browser.get("/api/v1/proposals/")["features"]]


def test_reads_go_to_the_replica_writes_to_the_primary_and_authors_see_their_own(pair):
    primary, replica = pair
    app = replicated_app(primary, replica, workers=2)
    try:
        author, neighbour = Browser(app.url).proven(), Browser(app.url)
        assert titles(neighbour) == []
        replica.sql("SELECT pg_wal_replay_pause()")

        # A write goes to the primary (the replica would refuse it) …
        status, created = author.post("/api/v1/proposals/", feature(title="Benk ved elva"))
        assert status == 201
        assert primary.sql("SELECT title FROM mapping_proposal", DATABASE) == "Benk ved elva"
        # … its author reads it back at once, from the primary …
        assert author.get(f"/api/v1/proposals/{created['id']}/")["id"] == created["id"]
        assert titles(author) == ["Benk ved elva"]
        # … while others read the replica, which has not replayed it yet.
        assert titles(neighbour) == []
        assert neighbour.get("/api/v1/stats/areas/?kind=delomrade")["total"] == 0

        replica.sql("SELECT pg_wal_replay_resume()")
        replica.wait_for("SELECT count(*) FROM mapping_proposal", "1", DATABASE)
        assert titles(neighbour) == ["Benk ved elva"]
    finally:
        app.stop()


def test_the_replica_refuses_writes(pair):
    _, replica = pair
    with pytest.raises(subprocess.CalledProcessError) as refused:
        replica.sql("DELETE FROM mapping_proposal", DATABASE)
    assert "read-only transaction" in refused.value.stderr


def test_reads_fall_back_to_the_primary_while_the_replica_is_down(pair):
    primary, replica = pair
    app = replicated_app(primary, replica, workers=1)
    try:
        author, neighbour = Browser(app.url).proven(), Browser(app.url)
        status, _ = author.post("/api/v1/proposals/", feature(title="Lekeplass i parken"))
        assert status == 201
        count = primary.sql("SELECT count(*) FROM mapping_proposal", DATABASE)
        replica.wait_for("SELECT count(*) FROM mapping_proposal", count, DATABASE)
        assert "Lekeplass i parken" in titles(neighbour)  # from the replica
        replica.stop()
        try:
            for _ in range(3):  # each read answers, from the primary
                assert "Lekeplass i parken" in titles(neighbour)
            stats = neighbour.get("/api/v1/stats/areas/?kind=delomrade")
            assert stats["total"] == int(count)
        finally:
            replica.start()
        assert "Lekeplass i parken" in titles(neighbour)
    finally:
        app.stop()
