"""The app as it runs in production, for tests that need real processes: gunicorn with several
workers and production settings, on the test database, plus a small concurrent HTTP client."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def device_cookie(name: str) -> str:
    """A Cookie header for a proven browser `name`, signed as the server signs it (the servers
    here share the test run's secret key)."""
    from django.core import signing

    from mapping.device import DEVICE_COOKIE, DEVICE_SALT

    signed = signing.get_cookie_signer(salt=DEVICE_COOKIE + DEVICE_SALT).sign(name)
    return f"{DEVICE_COOKIE}={signed}"


def wait_until(condition, *, timeout_s: float = 60, what: str = "the state") -> None:
    """Wait for a state (a count reached, a worker replaced), never a fixed time; fail at the
    timeout with what was awaited."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"never reached: {what}"
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**overrides: str) -> dict[str, str]:
    """Production settings over plain HTTP on 127.0.0.1, on this test run's database."""
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV_FILE": "/dev/null",
        "DATABASE_URL": f"postgis://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "FREMTIDSKART_TILE_URL": "",
        "REDIS_URL": "",  # rate-limit counters in the database cache, the default
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.update(overrides)
    return env


class Gunicorn:
    """gunicorn config.wsgi on a free port; start, stop and restart like an operator would."""

    def __init__(self, workers: int = 4, port: int | None = None, **env: str):
        self.workers = workers
        self.port = port or free_port()
        self.env = production_env(**env)
        self.process = None
        self.url = f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str) -> None:
        python = str(ROOT / ".venv" / "bin" / "python")
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def empty_shared_cache(self) -> None:
        """The shared cache without earlier counters: Redis if configured, else the database
        cache's table (created if missing)."""
        if self.env["REDIS_URL"]:
            redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()
            return
        self.manage("createcachetable")
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM cache_table")

    def start(self) -> "Gunicorn":
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "--config=config/gunicorn.py",
                "config.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not come up in 30 s")

    def stop(self) -> None:
        """SIGTERM: gunicorn finishes the requests in flight, then exits."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)

    def worker_pids(self) -> set[int]:
        """The master's child processes (its workers), read from /proc."""
        children = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            if int(fields[1]) == self.process.pid:
                children.add(int(stat.parent.name))
        return children

    def reload(self) -> None:
        """SIGHUP: new workers start, old ones finish their requests and exit."""
        self.process.send_signal(signal.SIGHUP)


@dataclass
class Result:
    status: int  # 0 when the connection failed: refused, reset or timed out
    content: bytes = b""
    headers: dict = field(default_factory=dict)

    @property
    def body(self) -> dict:
        return json.loads(self.content) if self.content.startswith(b"{") else {}


def send(url: str, *, data: bytes | None = None, headers: dict | None = None, timeout=60):
    """One HTTP request (POST when there is data); never raises for HTTP or network errors."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return Result(response.status, response.read(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Result(error.code, error.read(), dict(error.headers))
    except OSError:
        return Result(0)


def post_json(url: str, body: dict | None = None, cookie: str = "", timeout: float = 60) -> Result:
    headers = {"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})}
    return send(url, data=json.dumps(body or {}).encode(), headers=headers, timeout=timeout)


def burst(calls, threads: int) -> list[Result]:
    """Run the calls (zero-argument functions) with `threads` in flight at once."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(lambda call: call(), calls))


class JobWorker:
    """A queue worker (`manage.py procrastinate worker`) on this test run's database and media
    folder, with production settings; heartbeats every second, so a dead one is found in a few."""

    def __init__(self, **env: str):
        from django.conf import settings

        self.env = production_env(
            DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
            FREMTIDSKART_JOB_HEARTBEAT_S="1",
            FREMTIDSKART_JOB_STALLED_S="3",
            FREMTIDSKART_JOB_STALLED_CHECK="* * * * * */2",
            **env,
        )
        self.process = None

    def start(self) -> "JobWorker":
        python = str(ROOT / ".venv" / "bin" / "python")
        self.process = subprocess.Popen(
            [python, "manage.py", "procrastinate", "worker"], cwd=ROOT, env=self.env
        )
        return self

    def kill(self) -> None:
        """SIGKILL, as the out-of-memory killer or a lost machine would: no clean-up at all."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)
