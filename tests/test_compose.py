"""docker-compose.yml, read as Compose reads it (no Docker engine here): the services an operator
gets, that each runs the image's own steps, and that the replica file tells the app."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text())


def test_compose_gives_web_worker_and_the_first_planner():
    services = compose("docker-compose.yml")["services"]
    assert set(services) == {"db", "migrate", "web", "worker"}
    assert services["worker"]["command"] == ["scripts/image.sh", "worker"]
    assert "manage.py procrastinate worker" in (ROOT / "scripts/image.sh").read_text()
    # The worker writes the report files that web hands out: one volume for both.
    assert services["worker"]["volumes"] == services["web"]["volumes"] == ["media:/app/media"]
    migrate = services["migrate"]
    assert "create_planner" in migrate["command"]
    assert {"FREMTIDSKART_PLANNER", "FREMTIDSKART_PLANNER_PASSWORD"} <= set(migrate["environment"])
    # The merged environment keeps the app's (a YAML merge key, as Compose resolves it).
    assert migrate["environment"]["DATABASE_URL"] == services["web"]["environment"]["DATABASE_URL"]
    for service in services.values():  # Compose 2.20's depends_on "required" is not needed
        assert all("required" not in dep for dep in service.get("depends_on", {}).values())


def test_the_replica_file_tells_the_app_where_the_replica_is():
    replica = compose("docker-compose.replica.yml")["services"]
    url = replica["web"]["environment"]["DATABASE_REPLICA_URL"]
    assert url.startswith("postgis://") and "@db-replica:5432/" in url
    assert replica["worker"]["environment"]["DATABASE_REPLICA_URL"] == url
    assert replica["web"]["depends_on"]["db-replica"]["condition"] == "service_healthy"
