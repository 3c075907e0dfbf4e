"""Measure what a stranger can cost the site (issue 21): a public export at its limit, the peak
memory of a create with three 49-megapixel photos, and /healthz while six expensive anonymous
requests run at once. Writes bench/results/RESULTS-abuse.md.

Run against a database with at least FREMTIDSKART_EXPORT_MAX_ROWS published proposals, e.g.
the development one after `manage.py load_synthetic --campaign baerum-2040 --count 100000`:
    .venv/bin/python -m bench.abuse
The app runs as scripts/serve.sh runs it (gunicorn, config/gunicorn.py, 3 workers, production
settings over plain HTTP on 127.0.0.1); every request goes to 127.0.0.1 only, bounded in count.
"""

import io
import json
import os
import statistics
import subprocess
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "RESULTS-abuse.md"
PORT = 8898
BASE = f"http://127.0.0.1:{PORT}"
SANDVIKA = (10.5225, 59.8917)


def start_server(workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "FREMTIDSKART_RATE_PROPOSALS": "100000/hour",
        # Every published proposal of the 10^5 database in one export: the limit, reached.
        "FREMTIDSKART_EXPORT_MAX_ROWS": "105000",
    }
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=1)  # noqa: S310 - loopback
            return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def get(path: str, timeout: float = 120) -> tuple[int, float, int]:
    """(status, seconds, bytes) of one GET."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(BASE + path, timeout=timeout) as response:  # noqa: S310
            size = len(response.read())
            return response.status, time.perf_counter() - started, size
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter() - started, 0


def export_at_limit() -> list[tuple[str, str]]:
    rows = []
    for output in ("geojson", "csv"):
        status, seconds, size = get(f"/api/v1/proposals/export/?output={output}&crs=25832")
        rows.append(
            (
                f"public export, {output}, at the limit",
                f"{status}, {seconds:.1f} s, {size / 1e6:.0f} MB",
            )
        )
    return rows


def worker_peak_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])


def worker_pid(master: int) -> int:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().split(") ")[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            return int(stat.parent.name)
    raise RuntimeError("no worker")


def photo(image_format: str, side: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (side, side), (40, 120, 60)).save(buffer, format=image_format)
    return buffer.getvalue()


def multipart(feature: dict, photos: list[bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="feature"\r\n\r\n'.encode()
        + json.dumps(feature).encode()
        + b"\r\n"
    ]
    for number, photo in enumerate(photos):
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; '
            f'filename="stor{number}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + photo + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def photo_create_peak(master: int, image_format: str, side: int) -> tuple[str, str]:
    pid = worker_pid(master)
    before = worker_peak_kb(pid)
    image = photo(image_format, side)
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": list(SANDVIKA)},
        "properties": {"title": "Stort bilde", "body": "Tre store bilder.", "category": "bolig"},
    }
    body, boundary = multipart(feature, [image] * 3)
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{BASE}/api/v1/proposals/",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    seconds = time.perf_counter() - started
    peak = worker_peak_kb(pid)
    return (
        f"create with three {side * side / 1e6:.0f}-megapixel {image_format}s "
        f"({len(image) // 1000} kB each)",
        f"{status}, {seconds:.1f} s; worker peak {peak / 1024:.0f} MB "
        f"(before the create {before / 1024:.0f} MB)",
    )


def healthz_under_load() -> tuple[str, str]:
    expensive = [
        "/api/v1/proposals/export/?output=geojson",
        "/api/v1/proposals/export/?output=csv",
        "/api/v1/hotspots/?distance=500&min_size=5",
        "/ogc/collections/hotspots/items?distance=500&f=json",
        "/api/v1/proposals/export/?output=csv&crs=25832",
        "/api/v1/hotspots/?distance=499&min_size=6",
    ]
    with ThreadPoolExecutor(max_workers=len(expensive) + 1) as pool:
        heavy = [pool.submit(get, path) for path in expensive]
        time.sleep(0.5)  # they are running
        samples = []
        while not all(future.done() for future in heavy) and len(samples) < 200:
            samples.append(get("/healthz", timeout=30)[1])
            time.sleep(0.1)
        answers = [future.result()[0] for future in heavy]
    return (
        "/healthz while six expensive anonymous requests run",
        f"median {statistics.median(samples) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms "
        f"over {len(samples)} probes; the six answered {sorted(answers)}",
    )


def main() -> None:
    server = start_server(workers=3)
    try:
        rows = export_at_limit()
        rows.append(healthz_under_load())
    finally:
        server.terminate()
        server.wait()
    # 49 megapixels, and the largest PNG that is decoded (25 megapixels, 100 MB as a bitmap).
    for image_format, side in (("JPEG", 7000), ("PNG", 7000), ("PNG", 5000)):
        server = start_server(workers=1)  # a fresh worker, so its peak is this create's
        try:
            rows.append(photo_create_peak(server.pid, image_format, side))
        finally:
            server.terminate()
            server.wait()
    table = "\n".join(f"| {what} | {result} |" for what, result in rows)
    RESULTS.write_text(
        "# What a stranger can cost (bench/abuse.py)\n\n| case | result |\n| --- | --- |\n"
        + table
        + "\n"
    )
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
