"""Capture the SQL each benchmarked request runs, for the floor (run inside Django's setup)."""

import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# Statements of the framework, not of the endpoint's work.
SKIP = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "BEGIN", "COMMIT")


def capture(path: str) -> list[str]:
    client = Client(HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(SKIP)]


if __name__ == "__main__":
    paths = json.loads(sys.argv[1])
    print(json.dumps({name: capture(path) for name, path in paths.items()}))
