"""The README's nginx snippet, as written there, in front of gunicorn: public tiles are cached
for 30 s, a planner's tiles and everything else pass through."""

import getpass
import http.client
import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import load_baerum
from tests.factories import SANDVIKA, feature, make_proposal
from tests.server.gunicorn import Gunicorn, free_port, send

pytestmark = pytest.mark.django_db(transaction=True)

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_snippet() -> str:
    [snippet] = re.findall(r"```nginx\n(.*?)```", README.read_text(), flags=re.S)
    return snippet


@pytest.fixture
def nginx(tmp_path):
    load_baerum()
    # As the README says to run it behind this block: one proxy in front. Few proposals an hour
    # per client, so that a client's limit is quickly seen.
    gunicorn = Gunicorn(
        workers=2, DJANGO_NUM_PROXIES="1", FREMTIDSKART_RATE_PROPOSALS="2/hour"
    ).start()
    gunicorn.empty_shared_cache()
    port = free_port()
    # The README's block with this test's port, upstream and folders, and plain HTTP.
    snippet = (
        readme_snippet()
        .replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
        .replace("http://127.0.0.1:8000", gunicorn.url)
        .replace("/var/cache/nginx/fremtidskart", str(tmp_path / "cache"))
    )
    temp = {name: tmp_path / name for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi")}
    config = tmp_path / "nginx.conf"
    config.write_text(
        # Workers as this user, who owns the folders (nginx ignores it unless started as root).
        f"daemon off;\nuser {getpass.getuser()};\npid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'};\n"
        "events {}\nhttp {\naccess_log off;\n"
        + "".join(f"{name}_temp_path {path};\n" for name, path in temp.items()).replace(
            "client_temp_path", "client_body_temp_path"
        )
        + snippet
        + "}\n"
    )
    process = subprocess.Popen(
        [shutil.which("nginx"), "-c", str(config), "-p", str(tmp_path)],
        stderr=subprocess.DEVNULL,  # its log is error.log
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(50):
        if send(url + "/healthz").status == 200:
            break
        time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)
    gunicorn.stop()


def tile_path() -> str:
    from tests.mapping.test_map_layer import tile_of

    return "/api/v1/proposals/tiles/{}/{}/{}/".format(*tile_of(*SANDVIKA, 12))


def test_public_tiles_are_cached_and_the_rest_passes_through(nginx):
    campaign = load_baerum()
    make_proposal(campaign, at=SANDVIKA)
    path = tile_path()
    first = send(nginx + path)
    assert first.status == 200 and first.headers["X-Cache-Status"] == "MISS"
    again = send(nginx + path)
    assert again.headers["X-Cache-Status"] == "HIT"
    assert again.content == first.content
    assert "Set-Cookie" not in again.headers
    # A new proposal shows once the 30 s are over; until then the cached tile is served.
    make_proposal(campaign, at=SANDVIKA)
    assert send(nginx + path).content == first.content
    # A planner's session goes past the cache, both ways.
    planner = send(nginx + path, headers={"Cookie": "sessionid=abc"})
    assert planner.headers["X-Cache-Status"] == "BYPASS"
    # Everything else is not cached at all.
    for other in ("/api/v1/proposals/", "/api/v1/stats/weeks/", "/healthz"):
        answer = send(nginx + other)
        assert answer.status == 200, other
        assert "X-Cache-Status" not in answer.headers, other


def post_from(url: str, source: str, body: dict) -> int:
    """POST from the loopback address `source` (127.0.0.x), as another client would."""
    parsed = urlsplit(url)
    connection = http.client.HTTPConnection(
        parsed.hostname, parsed.port, timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(
            "POST", parsed.path, json.dumps(body), {"Content-Type": "application/json"}
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_two_clients_behind_the_proxy_get_limits_of_their_own(nginx):
    load_baerum()
    url = nginx + "/api/v1/proposals/"
    # A client without a cookie gets one browser's rate per address (2 an hour here), then 429.
    first = [post_from(url, "127.0.0.2", feature(title=f"Første {n}")) for n in range(3)]
    second = [post_from(url, "127.0.0.3", feature(title=f"Andre {n}")) for n in range(3)]
    assert first == [201, 201, 429]
    assert second == [201, 201, 429]  # not already spent by the first client
