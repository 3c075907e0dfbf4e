"""Data safety: a backup restores to the same rows and geometries, and migrations reverse.

Both run the project's own commands as an operator would (scripts/backup.sh and restore.sh,
manage.py migrate) against scratch databases beside the test database.
"""

import subprocess

import psycopg
import pytest
from django.db import connection
from psycopg import sql
from psycopg.conninfo import make_conninfo

from mapping.models import Support
from mapping.services import comment_create, proposal_set_status
from tests.conftest import load_baerum
from tests.factories import BEKKESTUA, KADETTANGEN, LOMMEDALEN, make_proposal
from tests.server.gunicorn import ROOT, production_env

pytestmark = pytest.mark.django_db(transaction=True)


def conninfo(name: str) -> str:
    db = connection.settings_dict
    return make_conninfo(
        host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"], dbname=name
    )


def drop_database(name: str) -> None:
    with psycopg.connect(conninfo("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fingerprint(name: str) -> dict[str, tuple]:
    """Per table: row count and a hash of every row's text (geometries as EWKB hex); per
    sequence: its position, so new rows after a restore get fresh ids."""
    row_hash = sql.SQL(
        "SELECT count(*), md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) "
        "FROM (SELECT t::text AS r FROM {} t) rows"
    )
    with psycopg.connect(conninfo(name)) as db:
        tables = db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'spatial_ref_sys'"
        ).fetchall()
        sequences = db.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
        result = {t: db.execute(row_hash.format(sql.Identifier(t))).fetchone() for (t,) in tables}
        for (sequence,) in sequences:
            last = sql.SQL("SELECT last_value FROM {}").format(sql.Identifier(sequence))
            result[sequence] = db.execute(last).fetchone()
        return result


def run(script: str, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / script), *args], env=env, capture_output=True, text=True
    )


@pytest.fixture
def restored_name():
    name = connection.settings_dict["NAME"] + "_restored"
    drop_database(name)
    yield name
    drop_database(name)


def test_backup_and_restore_give_the_same_rows_and_geometries(tmp_path, planner, restored_name):
    campaign = load_baerum()
    for at in (BEKKESTUA, KADETTANGEN, LOMMEDALEN):
        proposal = make_proposal(campaign, at=at, title="Æøå – «sitat» 🌳", email="a@example.no")
    comment_create(proposal=proposal, body="Enig")
    proposal_set_status(proposal=proposal, status="innarbeidet", answer="Ja", user=planner)
    Support.objects.create(proposal=proposal, supporter="abc")
    media = tmp_path / "media"
    (media / "photos").mkdir(parents=True)
    (media / "photos" / "bilde.jpg").write_bytes(b"\xff\xd8 a photo")
    original = connection.settings_dict["NAME"]
    backup_env = production_env(DJANGO_MEDIA_ROOT=str(media))

    backup = run("backup.sh", str(tmp_path / "backup"), env=backup_env)
    assert backup.returncode == 0, backup.stderr

    restore_env = production_env(
        DATABASE_URL=backup_env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{restored_name}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "restored-media"),
    )
    restore = run("restore.sh", str(tmp_path / "backup"), env=restore_env)
    assert restore.returncode == 0, restore.stderr
    before, after = fingerprint(original), fingerprint(restored_name)
    assert after == before
    assert before["mapping_proposal"][0] == 3
    assert before["geo_area"][0] > 100
    assert (
        tmp_path / "restored-media" / "photos" / "bilde.jpg"
    ).read_bytes() == b"\xff\xd8 a photo"

    # A second restore does not overwrite a database in use unless asked to.
    again = run("restore.sh", str(tmp_path / "backup"), env=restore_env)
    assert again.returncode == 2
    assert "--replace" in again.stderr
    replaced = run("restore.sh", str(tmp_path / "backup"), "--replace", env=restore_env)
    assert replaced.returncode == 0, replaced.stderr
    assert fingerprint(restored_name) == before

    # The restored database is complete as far as the app is concerned.
    check = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=restore_env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture
def scratch_env():
    name = connection.settings_dict["NAME"] + "_migrations"
    drop_database(name)
    with psycopg.connect(conninfo("postgres"), autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(conninfo(name), autocommit=True) as db:
        db.execute("CREATE EXTENSION postgis")
    env = production_env()
    yield {**env, "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"}
    drop_database(name)


def test_every_migration_reverses_with_data_in_the_tables(scratch_env):
    def manage(*args: str) -> None:
        result = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args, "-v", "0"],
            cwd=ROOT,
            env=scratch_env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, (args, result.stdout + result.stderr)

    manage("migrate")
    manage("import_areas", "fixtures/baerum/areas.json")
    manage("load_campaign", "fixtures/baerum/campaign.json")
    manage("load_demo", "fixtures/baerum/demo.json", "--campaign", "baerum-2040", "--count", "20")
    manage("migrate", "mapping", "zero")
    manage("migrate", "geo", "zero")
    manage("migrate")
    manage("migrate", "--check")
    manage("import_areas", "fixtures/baerum/areas.json")
