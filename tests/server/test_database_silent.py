"""A database that does not answer: a server that accepts connections and then says nothing (a
failover without a reset, a partition). The app answers 503 within seconds, never a worker
hung until gunicorn's timeout."""

import socket
import threading
import time

import pytest

from tests.server.gunicorn import Gunicorn, send

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def silent_database():
    """A TCP port that accepts every connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for sock in [*held, listener]:
        sock.close()


def test_a_database_that_does_not_answer_is_a_503_within_seconds(silent_database):
    app = Gunicorn(
        workers=1,
        DATABASE_URL=f"postgis://postgres@127.0.0.1:{silent_database}/fremtidskart",
        DATABASE_CONNECT_TIMEOUT_S="2",
    ).start()
    try:
        for path in ("/api/v1/proposals/", "/forslag/", "/readyz"):
            started = time.monotonic()
            answer = send(app.url + path, timeout=60)
            took = time.monotonic() - started
            assert answer.status == 503, (path, answer.status)
            assert took < 5, (path, took)  # gunicorn's timeout is 30 s
    finally:
        app.stop()
