"""Benchmark the API against its SQL floor at 10^5 and 10^6 proposals (make bench).

It builds a separate database (fremtidskart_bench) with the project's schema, grows it with
the set-based synthetic loader (fixed seeds), serves the app under gunicorn with production
settings, and drives load from 127.0.0.1 only with wrk, bounded in time, at concurrency 1 and 8
after a warm-up. The floor is the same SQL the endpoint runs (captured from a request), run
directly by pgbench at the same concurrency. Results go to bench/results/ as Markdown, with the
EXPLAIN plans of the main statements.
"""

import argparse
import gzip
import itertools
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = "fremtidskart_bench"
SERVER = "postgresql://postgres@127.0.0.1:5432"
PORT = 8899
BASE = f"http://127.0.0.1:{PORT}"
SANDVIKA = (10.5225, 59.8917)
VIEWPORT_BBOX = "10.45,59.865,10.60,59.96"
WORKERS = 4

WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, '
    .. '"errors": %d, "non2xx": %d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status))
end
"""


def app_env() -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgis://postgres@127.0.0.1:5432/{DATABASE}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-not-a-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        FREMTIDSKART_RATE_PROPOSALS="100000000/hour",
        REDIS_URL="redis://127.0.0.1:6379/9",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on 127.0.0.1
    )
    return env


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args, "-v", "0"], cwd=ROOT, env=app_env(), check=True)


def sql(statement: str, *, database: str = DATABASE):
    with psycopg.connect(f"{SERVER}/{database}", autocommit=True) as connection:
        rows = connection.execute(statement)
        return rows.fetchall() if rows.description else None


# ---- Data ----------------------------------------------------------------------------------


def prepare() -> None:
    sql(f'DROP DATABASE IF EXISTS "{DATABASE}"', database="postgres")
    sql(f'CREATE DATABASE "{DATABASE}"', database="postgres")
    sql("CREATE EXTENSION postgis")
    manage("migrate", "--no-input")
    manage("createcachetable")
    manage("import_areas", "fixtures/baerum/areas.json")
    manage("load_campaign", "fixtures/baerum/campaign.json")


def grow(rows: int, step: int, shapes: float = 0.0) -> float:
    have = sql("SELECT count(*) FROM mapping_proposal")[0][0]
    started = time.monotonic()
    if rows > have:
        manage(
            "load_synthetic",
            "--campaign",
            "baerum-2040",
            "--count",
            str(rows - have),
            "--seed",
            str(0.1 + step / 10),
            "--shapes",
            str(shapes),
        )
    sql("VACUUM ANALYZE")
    return time.monotonic() - started


# ---- Serving and load ----------------------------------------------------------------------


class Server:
    """gunicorn with production settings; samples its workers' memory while it runs."""

    def __init__(self):
        self.process = None
        self.max_rss_mb = 0.0
        self._sampling = False

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(WORKERS),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=app_env(),
        )
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{BASE}/api/v1/categories/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        self._sampling = True
        threading.Thread(target=self._sample, daemon=True).start()
        return self

    def _sample(self):
        while self._sampling:
            for child in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
                for pid in child.read_text().split():
                    status = Path(f"/proc/{pid}/status")
                    if status.exists():
                        match = re.search(r"VmRSS:\s+(\d+)", status.read_text())
                        if match:
                            self.max_rss_mb = max(self.max_rss_mb, int(match[1]) / 1024)
            time.sleep(0.5)

    def __exit__(self, *exc):
        self._sampling = False
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(target: str, *, connections: int, seconds: int, script: str = "") -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + WRK_REPORT)
    threads = 1 if connections == 1 else 2
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            lua.name,
            target,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def pgbench(script: str, *, connections: int, seconds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "floor.sql"
        path.write_text(script)
        output = subprocess.run(
            [
                "pgbench",
                "-n",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-f",
                str(path),
                "-c",
                str(connections),
                "-j",
                str(min(connections, 2)),
                "-T",
                str(seconds),
                "-l",
                "--log-prefix",
                str(Path(folder) / "log"),
                DATABASE,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        latencies = []
        for log in Path(folder).glob("log*"):
            latencies += [int(line.split()[2]) / 1000 for line in log.read_text().splitlines()]
    tps = float(re.search(r"tps = ([\d.]+)", output)[1])
    latencies.sort()
    return {
        "rps": tps,
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
    }


def payload(path: str) -> tuple[int, int]:
    """(raw bytes, gzip bytes) of one response."""
    with urllib.request.urlopen(BASE + path) as response:  # noqa: S310 - 127.0.0.1 only
        body = response.read()
    return len(body), len(gzip.compress(body, 6))


# ---- Scenarios -----------------------------------------------------------------------------


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    x = int((lon + 180) / 360 * 2**z)
    y = int(
        (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi)
        / 2
        * 2**z
    )
    return z, x, y


def _map_and_numbers(campaign: int, category: str) -> list[dict]:
    """(a)–(c), (f)–(j): the resident map, its layer, and the planners' numbers and searches."""
    items = [
        {
            "name": "(a) viewport list, 1,000 features",
            "path": f"/api/v1/proposals/?bbox={VIEWPORT_BBOX}&limit=1000",
        },
    ]
    for z in (11, 13, 15):
        z, x, y = tile_of(*SANDVIKA, z)
        base = f"/api/v1/proposals/tiles/{z}/{x}/{y}/?campaign={campaign}"
        items.append({"name": f"(b) map layer z{z}", "path": base, "gzip": True})
        items.append(
            {
                "name": f"(b) map layer z{z}, one category",
                "path": f"{base}&category={category}",
                "gzip": True,
            }
        )
    items.append(
        {"name": "(c) stats per grunnkrets", "path": "/api/v1/stats/areas/?kind=grunnkrets"}
    )
    # Issue 12: themes and hotspots of one delområde (Sandvika-Valler), as a planner filters.
    area = f"campaign={campaign}&area=320114"
    items.append({"name": "(f) themes of a delområde", "path": f"/api/v1/stats/themes/?{area}"})
    items.append({"name": "(g) hotspots of a delområde", "path": f"/api/v1/hotspots/?{area}"})
    # Issue 12: the numbers tab of a whole campaign answers from the kept counts.
    items.append(
        {
            "name": "(h) numbers per grunnkrets, campaign",
            "path": f"/api/v1/stats/areas/?kind=grunnkrets&campaign={campaign}",
        }
    )
    items.append(
        {"name": "(i) weekly series, campaign", "path": f"/api/v1/stats/weeks/?campaign={campaign}"}
    )
    # Issue 13: free text, 50 newest, for a common word, one in ten rows, and a word no row has.
    for label, word in (
        ("common word", "benk"),
        ("one row in ten", "sykkelvei"),
        ("no match", "sk%C3%B8ytebane"),
    ):
        items.append(
            {
                "name": f"(j) free text, {label}, 50 newest",
                "path": f"/api/v1/proposals/?q={word}&limit=50",
            }
        )
    return items


def _ogc(category: str) -> list[dict]:
    """(k)–(m), issue 14: the OGC API's items page (the tipg/pygeoapi comparison), with a CQL2
    filter, and the map layer as vector tiles."""
    ogc = f"/ogc/collections/proposals/items?bbox={VIEWPORT_BBOX}&limit=1000"
    west, south, east, north = VIEWPORT_BBOX.split(",")
    polygon = (
        f"POLYGON(({west} {south},{east} {south},{east} {north},{west} {north},{west} {south}))"
    )
    cql = urllib.parse.quote(f"category = '{category}' AND S_INTERSECTS(geometry, {polygon})")
    # Issue 24's comparison with tipg and pygeoapi: a category in a small polygon (300 m
    # around Sandvika, some 700 of 10^6), every match on one page and the first page of 10.
    west, south, east, north = (
        SANDVIKA[0] - 0.0027,
        SANDVIKA[1] - 0.00135,
        SANDVIKA[0] + 0.0027,
        SANDVIKA[1] + 0.00135,
    )
    small = f"POLYGON(({west} {south},{east} {south},{east} {north},{west} {north},{west} {south}))"
    small_cql = urllib.parse.quote(f"category = '{category}' AND S_INTERSECTS(geometry, {small})")
    items = [
        {"name": "(k) OGC items, 1,000 in the viewport", "path": ogc, "gzip": True},
        {
            "name": "(l) OGC items, 1,000, CQL2 filter",
            "path": f"/ogc/collections/proposals/items?limit=1000&filter={cql}",
            "gzip": True,
        },
        {
            "name": "(l) OGC items, CQL2 filter, a category in 300 m, all",
            "path": f"/ogc/collections/proposals/items?limit=1000&filter={small_cql}",
            "gzip": True,
        },
        {
            "name": "(l) OGC items, CQL2 filter, a category in 300 m, first 10",
            "path": f"/ogc/collections/proposals/items?filter={small_cql}",
            "gzip": True,
        },
    ]
    for z in (12, 15):
        z, x, y = tile_of(*SANDVIKA, z)
        items.append(
            {
                "name": f"(m) OGC vector tile z{z}",
                "path": f"/ogc/collections/proposals/tiles/WebMercatorQuad/{z}/{y}/{x}",
                "gzip": True,
            }
        )
    return items


def scenarios(campaign: int, category: str) -> list[dict]:
    """Every row of the benchmark, in the order of its table."""
    return [
        *_map_and_numbers(campaign, category),
        *_ogc(category),
        {"name": "(d) detail of a random id", "detail": True},
        {"name": "(e) create", "create": True},
    ]


def detail_script(low: int, high: int) -> str:
    return (
        f"math.randomseed(2040)\nrequest = function()\n  return wrk.format('GET', "
        f"'/api/v1/proposals/' .. math.random({low}, {high}) .. '/')\nend\n"
    )


CREATE_BOX = (10.50, 59.905, 10.58, 59.925)  # land between Sandvika and Bekkestua


def create_script() -> str:
    west, south, east, north = CREATE_BOX
    return f"""
math.randomseed(2040)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local lon = {west} + math.random() * {east - west}
  local lat = {south} + math.random() * {north - south}
  local body = string.format('{{"type": "Feature", "geometry": {{"type": "Point", '
    .. '"coordinates": [%.6f, %.6f]}}, "properties": {{"title": "Benchmark", '
    .. '"body": "Laget av benchmarken.", "category": "annet"}}}}', lon, lat)
  return wrk.format(nil, "/api/v1/proposals/", nil, body)
end
"""


def create_floor(campaign: int, boundary: int, category: int) -> str:
    west, south, east, north = CREATE_BOX
    point = (
        f"ST_SetSRID(ST_MakePoint({west} + :x * {(east - west) / 1e6}, "
        f"{south} + :y * {(north - south) / 1e6}), 4326)"
    )
    return f"""\\set x random(0, 1000000)
\\set y random(0, 1000000)
BEGIN;
SELECT 1 FROM geo_area WHERE id = {boundary} AND ST_Intersects(geom, {point});
INSERT INTO mapping_proposal (campaign_id, category_id, title, body, location, status, visibility,
    answer, display_name, email, is_demo, is_approximate, support_count, created_at, updated_at)
VALUES ({campaign}, {category}, 'Benchmark', 'Laget av benchmarken.', {point}, 'mottatt',
    'published', '', '', '', false, false, 0, now(), now());
INSERT INTO mapping_proposal_areas (proposal_id, area_id)
SELECT DISTINCT ON (kind) currval('mapping_proposal_id_seq'), id FROM geo_area
WHERE ST_Intersects(geom, {point}) ORDER BY kind, code;
COMMIT;
"""


def capture(paths: dict) -> dict:
    output = subprocess.run(
        [PYTHON, "-m", "bench.capture", json.dumps(paths)],
        cwd=ROOT,
        env={**app_env(), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def transaction(statements) -> str:
    """A pgbench script running the statements in one transaction, as the app does."""
    return "BEGIN;\n" + "".join(f"{s};\n" for s in statements) + "COMMIT;\n"


def explain(statements: list[str]) -> tuple[str, list[str]]:
    """The plan of the longest statement, run after the others (SET LOCAL …) as the app does;
    a SET LOCAL sent in the same string is run before the rest of it."""
    longest = max(statements, key=len)
    before = [s for s in statements if s is not longest]
    if longest.startswith("SET LOCAL"):
        setting, longest = longest.split(";", 1)
        before.append(setting)
    with psycopg.connect(f"{SERVER}/{DATABASE}") as connection:
        for statement in before:
            connection.execute(statement)
        rows = connection.execute(f"EXPLAIN (ANALYZE, BUFFERS) {longest}").fetchall()
        connection.rollback()
    plan = "\n".join(row[0] for row in rows)
    indexes = sorted(
        set(
            re.findall(
                r"(?:Index(?: Only)? Scan(?: Backward)? using|"
                r"Bitmap Index Scan on) (\w+)",
                plan,
            )
        )
    )
    return plan, indexes


# The ids a detail is drawn from: the last run without a gap (the create step's rows of a smaller
# size are removed, created_rows_remove, and a random id in their hole would be a 404).
DETAIL_RANGE = """
SELECT coalesce(max(start), min(id)), max(id) FROM (
    SELECT id, CASE WHEN id - lag(id) OVER (ORDER BY id) > 1 THEN id END AS start
    FROM mapping_proposal
) AS ids
"""


def measure(rows: int, seconds: int, report: list, explains: dict, only: str = "") -> None:
    campaign, boundary = sql("SELECT id, boundary_id FROM mapping_campaign LIMIT 1")[0]
    category_id, category = sql("SELECT id, slug FROM mapping_category ORDER BY position LIMIT 1")[
        0
    ]
    low, high = sql(DETAIL_RANGE)[0]
    wanted = only.split("|")  # alternatives, e.g. "OGC|viewport list"
    items = [i for i in scenarios(campaign, category) if any(w in i["name"] for w in wanted)]
    detail_path = f"/api/v1/proposals/{high}/"
    captured = capture(
        {**{i["name"]: i["path"] for i in items if "path" in i}, "detail": detail_path}
    )
    with Server() as server:
        for item in items:
            if item.get("create"):
                script, floor, path = (
                    create_script(),
                    create_floor(campaign, boundary, category_id),
                    None,
                )
            elif item.get("detail"):
                script = detail_script(low, high)
                floor = f"\\set id random({low}, {high})\n" + transaction(
                    re.sub(rf"\b{high}\b", ":id", q) for q in captured["detail"]
                )
                path = detail_path
            else:
                script, path = "", item["path"]
                floor = transaction(captured[item["name"]])
                plan, indexes = explain(captured[item["name"]])
                explains[f"{rows}: {item['name']}"] = plan
                item["indexes"] = indexes
            target = BASE + (path or "/api/v1/proposals/")
            wrk(target, connections=8, seconds=2, script=script)  # warm-up
            raw, zipped = payload(path) if path else (0, 0)
            for connections in (1, 8):
                app = wrk(target, connections=connections, seconds=seconds, script=script)
                sql_floor = pgbench(floor, connections=connections, seconds=seconds)
                report.append(
                    {
                        "rows": rows,
                        "name": item["name"],
                        "c": connections,
                        "app": app,
                        "floor": sql_floor,
                        "raw": raw,
                        "gzip": zipped,
                        "indexes": item.get("indexes", []),
                    }
                )
                print(
                    f"{rows:>9} {item['name']:<38} c={connections} "
                    f"{app['rps']:8.1f} req/s p95 {app['p95']:7.1f} ms | floor "
                    f"{sql_floor['rps']:8.1f} req/s p95 {sql_floor['p95']:7.1f} ms",
                    flush=True,
                )
        report.append({"rows": rows, "rss_mb": server.max_rss_mb})
    created_rows_remove()


# What the create step wrote (create_script's title and body), with the rows that point at it.
CREATED = (
    "SELECT id FROM mapping_proposal WHERE title = 'Benchmark' AND body = 'Laget av benchmarken.'"
)


def created_rows_remove() -> None:
    """Remove the create step's rows, so that they never become the newest page that the next
    size's list and OGC rows measure (short rows read faster than ordinary ones)."""
    for table in ("mapping_proposal_areas", "mapping_moderationaction"):
        sql(f"DELETE FROM {table} WHERE proposal_id IN ({CREATED})")
    sql(f"DELETE FROM mapping_proposal WHERE id IN ({CREATED})")


# Builds the input report of the first REPORT_SIZE proposals as a planner would get it, in the
# app's own process (the job a web worker hands to its thread), and prints the seconds per format.
REPORT_SIZE = 10_000
REPORT_CODE = f"""
import time
from django.contrib.auth.models import User
from django.http import QueryDict
from mapping import services
from mapping.models import Place, Proposal
from mapping.roles import planner_group_ensure
user, _ = User.objects.get_or_create(username="bench-planner")
user.groups.add(planner_group_ensure())
user.places.add(*Place.objects.all())
first = Proposal.objects.order_by("pk").values_list("pk", flat=True)[:{REPORT_SIZE}]
params = QueryDict(mutable=True)
params["id"] = ",".join(map(str, first))
for format in ("docx", "pdf"):
    started = time.monotonic()  # the job's work, run here (the queued job is not)
    report = services.report_request(user=user, params=params, format=format, language="nb")
    services.report_build(report_pk=report.pk)
    report.refresh_from_db()
    print(format, report.state, report.proposal_count, round(time.monotonic() - started, 1))
"""


# Writes the whole campaign as a planner's background export does (services.report_build), one
# format per process so that each peak memory is its own, and prints seconds, size and rows.
EXPORT_CODE = """
import os, resource, time
from django.contrib.auth.models import User
from django.http import QueryDict
from mapping import services
from mapping.models import Campaign, Place
from mapping.roles import planner_group_ensure
user, _ = User.objects.get_or_create(username="bench-planner")
user.groups.add(planner_group_ensure())
user.places.add(*Place.objects.all())
params = QueryDict(mutable=True)
params["campaign"] = str(Campaign.objects.get(slug="baerum-2040").pk)
started = time.monotonic()
output, crs = os.environ["BENCH_EXPORT_FORMAT"], int(os.environ["BENCH_EXPORT_CRS"])
report = services.report_request(user=user, params=params, format=output, crs=crs)
services.report_build(report_pk=report.pk)  # the job's work, run here (the queued job is not)
report.refresh_from_db()
who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
peak = max(resource.getrusage(w).ru_maxrss for w in who)
print("export", report.state, report.proposal_count, round(time.monotonic() - started, 1),
      report.file.size if report.file else 0, peak // 1024)
"""


def shell(code: str, **env: str) -> list[str]:
    """The lines `code` prints, run by the app's manage.py shell."""
    env = {**app_env(), **env}
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.splitlines()


def export_timings(rows: int) -> list[dict]:
    timings = []
    for output, crs in itertools.product(("csv", "geojson", "gpkg"), (25832, 4326)):
        printed = shell(EXPORT_CODE, BENCH_EXPORT_FORMAT=output, BENCH_EXPORT_CRS=str(crs))
        line = next(x for x in printed if x.startswith("export "))
        _, state, count, seconds, size, peak_mb = line.split()
        timings.append(
            {
                "rows": rows,
                "format": output,
                "crs": crs,
                "state": state,
                "n": int(count),
                "s": float(seconds),
                "mb": int(size) / 1e6,
                "peak_mb": int(peak_mb),
            }
        )
        print(
            f"{rows:>9} export {output} EPSG:{crs}: {count} rows, {state}, {seconds} s, "
            f"{int(size) / 1e6:.0f} MB, peak {peak_mb} MB",
            flush=True,
        )
    return timings


def report_timings(rows: int) -> list[dict]:
    timings = []
    for line in shell(REPORT_CODE):
        if not line.startswith(("docx ", "pdf ")):
            continue
        format, state, count, seconds = line.split()
        timings.append(
            {"rows": rows, "format": format, "state": state, "n": int(count), "s": float(seconds)}
        )
        print(f"{rows:>9} report {format}: {count} proposals, {state}, {seconds} s", flush=True)
    return timings


def markdown(report: list, timings: dict, reports: list, exports: list) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {os.cpu_count()} cores; gunicorn {WORKERS} workers, production settings; "
        "wrk and pgbench on the same machine, 127.0.0.1.",
        "",
        "| rows | endpoint | c | req/s | p50 ms | p95 ms | floor req/s | floor p50 | floor p95 "
        "| ratio | raw | gzip | errors |",
        "| ---: | --- | -: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in report:
        if "rss_mb" in row:
            continue
        app, floor = row["app"], row["floor"]
        lines.append(
            f"| {row['rows']:,} | {row['name']} | {row['c']} | {app['rps']:.0f} | {app['p50']:.1f} "
            f"| {app['p95']:.1f} | {floor['rps']:.0f} | {floor['p50']:.1f} | {floor['p95']:.1f} "
            f"| {app['rps'] / floor['rps']:.2f} | {row['raw'] / 1000:.1f} kB "
            f"| {row['gzip'] / 1000:.1f} kB | {app['errors'] + app['non2xx']} |"
        )
    lines += ["", "| rows | load time | max worker RSS |", "| ---: | ---: | ---: |"]
    for row in report:
        if "rss_mb" in row:
            lines.append(
                f"| {row['rows']:,} | {timings[row['rows']]:.0f} s | {row['rss_mb']:.0f} MB |"
            )
    lines += [
        "",
        "| rows | input report | proposals | state | seconds |",
        "| ---: | --- | ---: | --- | ---: |",
    ]
    for row in reports:
        lines.append(
            f"| {row['rows']:,} | {row['format']} | {row['n']:,} | {row['state']} "
            f"| {row['s']:.1f} |"
        )
    lines += [
        "",
        "| rows | whole-campaign export | CRS | rows written | state | seconds | size "
        "| peak memory |",
        "| ---: | --- | --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for row in exports:
        lines.append(
            f"| {row['rows']:,} | {row['format']} | EPSG:{row['crs']} | {row['n']:,} "
            f"| {row['state']} | {row['s']:.0f} | {row['mb']:.0f} MB | {row['peak_mb']} MB |"
        )
    lines += ["", "Indexes in the main statements' plans:", ""]
    for row in report:
        if row.get("indexes") and row.get("c") == 1:
            lines.append(f"- {row['rows']:,} {row['name']}: {', '.join(row['indexes'])}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--seconds", type=int, default=8, help="measuring time per run")
    parser.add_argument(
        "--only", default="", help="run the endpoints whose name contains this (a|b: either)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep the benchmark database of an earlier run"
    )
    parser.add_argument(
        "--shapes",
        type=float,
        default=0.0,
        help="share of lines and areas among the proposals, half each (0.2: 10 %% of each)",
    )
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    exists = sql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'", database="postgres")
    if not (args.reuse and exists):
        prepare()
    report, explains, timings, reports, exports = [], {}, {}, [], []
    for step, rows in enumerate(int(s) for s in args.sizes.split(",")):
        timings[rows] = grow(rows, step, args.shapes)
        print(f"{rows} proposals loaded in {timings[rows]:.0f} s", flush=True)
        measure(rows, args.seconds, report, explains, only=args.only)
        if not args.only or "report" in args.only:
            reports += report_timings(rows)
        if not args.only or "export" in args.only:
            exports += export_timings(rows)
    text = markdown(report, timings, reports, exports)
    (RESULTS / "RESULTS.md").write_text(text)
    (RESULTS / "EXPLAIN.txt").write_text(
        "\n\n".join(f"== {name}\n{plan}" for name, plan in explains.items())
    )
    print(text)


if __name__ == "__main__":
    sys.exit(main())
