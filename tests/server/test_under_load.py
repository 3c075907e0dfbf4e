"""The app under a concurrent burst and an app-server restart, as production runs it: gunicorn
with four workers and production settings on real PostgreSQL.

Every accepted write (201) is stored exactly once, counts match rows, nothing fails or hangs
(a deadlock would show as a 500 or a timeout), and a restart in the middle of a stream of
writes loses none that was accepted. Rate limits hold across processes, even for a burst.

Run alone: .venv/bin/pytest tests/server/test_under_load.py -s (prints the numbers).
"""

import itertools
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.db.models import Sum

from mapping.map_layer import pyramid_levels
from mapping.models import GridCell, Proposal, Support, WriteCount
from tests.conftest import load_baerum
from tests.factories import BEKKESTUA, LOMMEDALEN, SANDVIKA_STATION, feature, make_proposal
from tests.server.gunicorn import (
    Gunicorn,
    burst,
    device_cookie,
    post_json,
    send,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)

CREATES = 200
SUPPORTS = 500
OPEN_LIMITS = {
    "FREMTIDSKART_RATE_PROPOSALS": "1000000/hour",
    "FREMTIDSKART_RATE_SUPPORTS": "1000000/hour",
}


def a_feature(number: int) -> dict:
    """Proposal `number` of a burst: one of three places in Bærum, a few metres apart."""
    lon, lat = random.Random(number).choice([BEKKESTUA, SANDVIKA_STATION, LOMMEDALEN])
    jitter = random.Random(-number)
    at = (lon + jitter.uniform(-0.001, 0.001), lat + jitter.uniform(-0.0005, 0.0005))
    return feature(at, title=f"Forslag nummer {number}")


@pytest.fixture
def server():
    load_baerum()
    gunicorn = Gunicorn(workers=4, **OPEN_LIMITS)
    gunicorn.empty_shared_cache()
    yield gunicorn.start()
    gunicorn.stop()


def test_a_concurrent_burst_of_creates_and_supports_stores_each_write_once(server):
    url = f"{server.url}/api/v1/proposals/"
    started = time.monotonic()
    creates = burst(
        [
            lambda n=n: post_json(url, a_feature(n), cookie=device_cookie(f"author-{n}"))
            for n in range(CREATES)
        ],
        threads=CREATES,
    )
    create_s = time.monotonic() - started
    statuses = {r.status for r in creates}
    assert statuses == {201}, statuses
    ids = [r.body["id"] for r in creates]
    assert len(set(ids)) == CREATES
    assert sorted(Proposal.objects.values_list("pk", flat=True)) == sorted(ids)
    # The map's count pyramid (kept by a trigger) agrees with the rows at every level.
    min_level, max_level = pyramid_levels()
    for level in range(min_level, max_level + 1):
        cells = GridCell.objects.filter(level=level).aggregate(n=Sum("count"))["n"]
        assert cells == CREATES, level
    assert not Proposal.objects.filter(areas=None).exists()

    # 500 supports at once on five proposals: 400 browsers once each, and 50 browsers that
    # press twice at the same moment (the second press must not count).
    targets = ids[:5]
    once = [device_cookie(f"once-{n:03d}") for n in range(SUPPORTS - 100)]
    twice = [device_cookie(f"twice-{n:03d}") for n in range(50)]
    calls = [
        lambda pk=targets[n % 5], cookie=cookie: post_json(f"{url}{pk}/support/", cookie=cookie)
        for n, cookie in enumerate(once)
    ] + [
        lambda pk=targets[n % 5], cookie=cookie: post_json(f"{url}{pk}/support/", cookie=cookie)
        for n, cookie in enumerate(itertools.chain(twice, twice))
    ]
    random.Random(1).shuffle(calls)
    started = time.monotonic()
    supports = burst(calls, threads=SUPPORTS)
    support_s = time.monotonic() - started
    counted = sum(r.status == 201 for r in supports)
    repeated = sum(r.status == 200 for r in supports)
    assert (counted, repeated) == (SUPPORTS - 50, 50), {r.status for r in supports}
    assert Support.objects.count() == counted
    for proposal in Proposal.objects.filter(pk__in=targets):
        assert proposal.support_count == Support.objects.filter(proposal=proposal).count()
    print(
        f"\n{CREATES} concurrent creates in {create_s:.1f} s, {SUPPORTS} concurrent supports in "
        f"{support_s:.1f} s; 4 gunicorn workers; {len(ids)} rows, {counted} supports counted, "
        f"{repeated} repeats refused"
    )


def test_a_restart_in_the_middle_of_a_load_loses_no_accepted_proposal(server):
    url = f"{server.url}/api/v1/proposals/"
    accepted, failed = [], []
    stop = threading.Event()
    numbers = itertools.count()

    def resident():
        while not stop.is_set():
            result = post_json(url, a_feature(next(numbers)), timeout=30)
            (accepted if result.status == 201 else failed).append(result)
            if result.status == 0:
                time.sleep(0.05)  # the server is down: try again shortly, as a browser would

    def accepted_beyond(count: int):
        return lambda: len(accepted) >= count

    writers = [threading.Thread(target=resident) for _ in range(8)]
    for writer in writers:
        writer.start()
    wait_until(accepted_beyond(40), what="writes accepted before the reload")
    old_workers = server.worker_pids()
    server.reload()  # graceful: new workers, old ones finish what they hold
    wait_until(lambda: not server.worker_pids() & old_workers, what="every worker replaced")
    wait_until(accepted_beyond(len(accepted) + 40), what="writes accepted by the new workers")
    server.stop()  # the whole server goes away; writes in flight finish first
    wait_until(lambda: any(r.status == 0 for r in failed), what="a write refused while down")
    server.start()
    wait_until(accepted_beyond(len(accepted) + 40), what="writes accepted after the restart")
    stop.set()
    for writer in writers:
        writer.join()

    ids = {r.body["id"] for r in accepted}
    stored = set(Proposal.objects.values_list("pk", flat=True))
    assert len(ids) == len(accepted) > 100
    assert ids <= stored  # every proposal a resident was told was received is there
    assert {r.status for r in failed} <= {0}  # refused connections while down, nothing else
    print(
        f"\nrestart under load: {len(accepted)} accepted, {len(stored)} stored, "
        f"{len(failed)} connections refused while the server was down"
    )


@pytest.fixture
def two_servers():
    """Two separate gunicorn servers (two workers each) on the same database, where the
    rate-limit counts live (mapping.admission), with a tight limit."""
    load_baerum()
    limits = {"FREMTIDSKART_RATE_SUPPORTS": "6/hour"}
    first, second = Gunicorn(workers=2, **limits), Gunicorn(workers=2, **limits)
    yield first.start(), second.start()
    first.stop()
    second.stop()


def test_rate_limits_are_shared_between_processes(two_servers):
    proposal = make_proposal(load_baerum())
    path = f"/api/v1/proposals/{proposal.pk}/support/"
    results = [
        post_json(server.url + path)  # each from a new browser: only the limit stops them
        for server in itertools.islice(itertools.cycle(two_servers), 12)
    ]
    assert [r.status for r in results] == [201] * 6 + [429] * 6
    assert int(results[-1].headers["Retry-After"]) > 0

    # A burst of 40 at once over both servers' four workers: still exactly the limit. (The
    # counts live in PostgreSQL, mapping.admission; the burst starts from none.)
    WriteCount.objects.all().delete()
    calls = [lambda server=server: post_json(server.url + path) for server in two_servers] * 20
    statuses = [r.status for r in burst(calls, threads=40)]
    assert (statuses.count(201), statuses.count(429)) == (6, 34)


def test_the_site_answers_while_expensive_requests_wait_on_the_database():
    """Six anonymous exports at once, held up in PostgreSQL (here by another session's lock on
    the proposals), must not stop /healthz: two take the expensive slots and wait, four are
    refused at once (503, try again), gunicorn's other threads (config/gunicorn.py) answer, and
    the statement budget ends the two with a 503 long before the worker's timeout."""
    campaign = load_baerum()
    make_proposal(campaign)
    gunicorn = Gunicorn(workers=1)
    gunicorn.empty_shared_cache()
    server = gunicorn.start()
    blocker = connections.create_connection("default")
    try:
        blocker.set_autocommit(False)
        with blocker.cursor() as cursor:
            cursor.execute("LOCK TABLE mapping_proposal IN ACCESS EXCLUSIVE MODE")
        with ThreadPoolExecutor(max_workers=6) as pool:
            exports = [
                pool.submit(send, f"{server.url}/api/v1/proposals/export/?output=csv&n={n}")
                for n in range(6)
            ]
            # Four find the slots taken and are answered at once; two hold them, waiting.
            wait_until(lambda: sum(e.done() for e in exports) == 4, what="four refused at once")
            health = send(f"{server.url}/healthz", timeout=10)
            assert health.status == 200
            waiting = [export for export in exports if not export.done()]
            assert len(waiting) == 2  # answered while the two in the slots wait
            answers = [export.result() for export in exports]
        assert [answer.status for answer in answers] == [503] * 6
        messages = sorted(answer.body["detail"][:20] for answer in answers)
        assert messages == ["Dette tok for lang t"] * 2 + ["Mange tunge forespør"] * 4
    finally:
        blocker.rollback()
        blocker.close()
        gunicorn.stop()
