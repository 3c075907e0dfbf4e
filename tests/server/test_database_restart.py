"""PostgreSQL restarts (maintenance, a failover) while residents write: the app under gunicorn
on a cluster of the test's own, restarted in the middle of a stream of creates and supports.

Every request answers either success, with its write stored once, or a 503 in Norwegian with
Retry-After, with nothing half-written; the same workers serve again within seconds; /readyz
shows the outage and the recovery."""

import itertools
import threading
import time

import pytest

from tests.factories import feature
from tests.server.gunicorn import Gunicorn, device_cookie, post_json, send, wait_until
from tests.server.scratch_cluster import ScratchCluster, app_database

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = "fremtidskart_restart_test"
UNAVAILABLE = "Tjenesten får ikke kontakt med databasen akkurat nå. Prøv igjen om litt."


def test_writes_survive_a_database_restart(tmp_path):
    cluster = ScratchCluster.primary()
    app = None
    try:
        url = app_database(cluster, DATABASE)
        app = Gunicorn(
            workers=2,
            DATABASE_URL=url,
            FREMTIDSKART_RATE_PROPOSALS="1000000/hour",
            FREMTIDSKART_RATE_SUPPORTS="1000000/hour",
        ).start()
        pids_before = app.worker_pids()
        author = device_cookie("author")  # a proven browser: its proposal is published
        first = post_json(
            f"{app.url}/api/v1/proposals/", feature(title="Før omstarten"), cookie=author
        )
        assert first.status == 201
        results, readiness, stop = [], [], threading.Event()
        numbers = itertools.count()

        def write():
            while not stop.is_set():
                n = next(numbers)
                if n % 3:
                    body = feature(title=f"Forslag {n}")
                    results.append(("create", n, post_json(f"{app.url}/api/v1/proposals/", body)))
                else:
                    path = f"/api/v1/proposals/{first.body['id']}/support/"
                    cookie = device_cookie(f"supporter-{n}")
                    results.append(("support", n, post_json(app.url + path, cookie=cookie)))

        def watch():
            while not stop.is_set():
                readiness.append(send(f"{app.url}/readyz", timeout=5).status)
                time.sleep(0.1)

        threads = [threading.Thread(target=write) for _ in range(4)]
        threads.append(threading.Thread(target=watch))
        for thread in threads:
            thread.start()
        created = lambda: sum(r.status == 201 for _, _, r in results)  # noqa: E731
        wait_until(lambda: created() >= 30, what="writes stored before the stop")
        cluster.stop()
        # The database is away until the app has said so to a writer and to /readyz.
        wait_until(lambda: any(r.status == 503 for _, _, r in results), what="a 503 to a writer")
        wait_until(lambda: 503 in readiness, what="/readyz saying 503")
        cluster.start()
        restarted = time.monotonic()
        recovered = None
        while recovered is None and time.monotonic() - restarted < 15:
            answer = post_json(f"{app.url}/api/v1/proposals/", feature(title="Etter omstarten"))
            if answer.status == 201:
                recovered = time.monotonic() - restarted
            time.sleep(0.2)
        after = created()
        wait_until(lambda: created() >= after + 20, what="writes stored after the restart")
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        statuses = {result.status for _, _, result in results}
        assert statuses <= {200, 201, 503}, statuses
        refused = [r for _, _, r in results if r.status == 503]
        assert refused, "the restart was not noticed: no request met it"
        assert all(r.body.get("detail") == UNAVAILABLE for r in refused)
        assert all(r.headers.get("Retry-After") == "5" for r in refused)
        assert recovered is not None and recovered < 10, recovered
        assert app.worker_pids() == pids_before  # the same workers, no restart of the app

        # Each accepted create is stored once, and nothing refused was stored.
        stored = cluster.sql("SELECT title FROM mapping_proposal ORDER BY title", DATABASE)
        created = {f"Forslag {n}" for kind, n, r in results if kind == "create" and r.status == 201}
        titles = stored.splitlines()
        assert len(titles) == len(set(titles))
        assert set(titles) - {"Før omstarten", "Etter omstarten"} == created
        supports = cluster.sql("SELECT sum(support_count) FROM mapping_proposal", DATABASE)
        counted = cluster.sql("SELECT count(*) FROM mapping_support", DATABASE)
        assert supports == counted  # the kept count and the rows agree

        # /readyz said when the database was away, and that it came back.
        assert 503 in readiness and readiness[-1] == 200
    finally:
        if app:
            app.stop()
        cluster.destroy()
