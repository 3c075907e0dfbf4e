"""The container image's build and start steps (scripts/image.sh, which the Dockerfile runs),
run outside Docker as the image runs them: built in a fresh copy of the tracked files, started as
a user who owns nothing but the photo folder. A nynorsk page is served, a photo is stored, and
the image's job worker sends the e-mail a follow request asks for."""

import io
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import load_baerum
from tests.server.gunicorn import (
    ROOT,
    device_cookie,
    free_port,
    production_env,
    send,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)

APP_USER = "nobody"  # like the image's own system user: no home, no rights in the tree
SYSTEM_PYTHON = "/usr/bin/python3"


def as_app_user(command: list[str]) -> list[str]:
    prefix = ["runuser", "-u", APP_USER, "--"] if os.geteuid() == 0 else ["sudo", "-u", APP_USER]
    return [*prefix, *command]


@pytest.fixture
def image_tree():
    """The tracked files in a fresh folder, as COPY . . puts them into the image."""
    tree = Path(tempfile.mkdtemp(prefix="fremtidskart-image-"))
    tree.chmod(0o755)
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    yield tree
    shutil.rmtree(tree)


def multipart(feature: dict, photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="feature"\r\n\r\n'.encode()
        + json.dumps(feature).encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
        + photo,
    ]
    body = b"\r\n".join(parts) + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_the_image_serves_nynorsk_and_stores_photos_as_its_user(image_tree):
    load_baerum()
    # The image's Python is the system's, readable by every user (a developer's may not be).
    venv = image_tree / "venv"
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True)
    env = {**production_env(), "PYTHON": str(venv / "bin" / "python")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run(["scripts/image.sh", "build"], cwd=image_tree, env=env, check=True)
    # docker-compose's one-shot migrate service (the test database is migrated already).
    manage = [env["PYTHON"], "manage.py", "createcachetable"]
    subprocess.run(manage, cwd=image_tree, env=env, check=True)
    assert list((image_tree / "locale" / "nn" / "LC_MESSAGES").glob("*.mo"))
    shutil.chown(image_tree / "media", user=APP_USER)
    port = free_port()
    start = {
        **env,
        "GUNICORN": str(venv / "bin" / "gunicorn"),
        "BIND": f"127.0.0.1:{port}",
        "WORKERS": "1",
        "HOME": str(image_tree),  # the image's user has /app as its home
    }
    server = subprocess.Popen(
        as_app_user(["env", *(f"{k}={v}" for k, v in start.items()), "scripts/image.sh", "start"]),
        cwd=image_tree,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while send(f"{url}/healthz", timeout=1).status != 200:
            assert time.monotonic() < deadline, "the image's server did not start"
            time.sleep(0.2)
        page = send(f"{url}/", headers={"Cookie": "django_language=nn"})
        assert page.status == 200
        assert "Korleis vil du at Bærum skal sjå ut i 2040?" in page.content.decode()
        jpeg = io.BytesIO()
        Image.new("RGB", (300, 200), (40, 120, 200)).save(jpeg, format="JPEG")
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [10.5225, 59.8917]},
            "properties": {"title": "Benk", "body": "En benk.", "category": "moteplasser"},
        }
        body, content_type = multipart(feature, jpeg.getvalue())
        created = send(
            f"{url}/api/v1/proposals/",
            data=body,
            headers={"Content-Type": content_type, "Cookie": device_cookie("author")},
        )
        assert created.status == 201, created.content
        [photo] = created.body["properties"]["photos"]
        stored = list((image_tree / "media" / "photos").glob("*.jpg"))
        assert len(stored) == 1
        assert stored[0].owner() == APP_USER
        with urllib.request.urlopen(photo["url"]) as served:  # noqa: S310 - our own server
            assert served.read() == stored[0].read_bytes()
        _the_worker_sends_an_email(image_tree, start, url, created.body["id"])
    finally:
        server.terminate()
        server.wait(timeout=30)


def _the_worker_sends_an_email(image_tree: Path, env: dict, url: str, proposal: int) -> None:
    """The image's worker, as its user, runs the job a follow request queues: the e-mail."""
    outbox = image_tree / "sent-emails"
    outbox.mkdir()
    shutil.chown(outbox, user=APP_USER)
    env = {**env, "EMAIL_URL": f"filemail:///{outbox}"}
    worker = subprocess.Popen(
        as_app_user(["env", *(f"{k}={v}" for k, v in env.items()), "scripts/image.sh", "worker"]),
        cwd=image_tree,
    )
    try:
        asked = send(
            f"{url}/api/v1/proposals/{proposal}/follow/",
            data=json.dumps({"email": "kari@example.no"}).encode(),
            headers={"Content-Type": "application/json", "Cookie": device_cookie("kari")},
        )
        assert asked.status == 202, asked.content

        def sent() -> list[str]:
            return [path.read_text() for path in outbox.glob("*.log")]

        # The file appears before its text is written: wait for the message itself.
        wait_until(lambda: any("To: kari@example.no" in text for text in sent()), what="the e-mail")
        assert len(sent()) == 1
    finally:
        worker.terminate()
        worker.wait(timeout=30)
