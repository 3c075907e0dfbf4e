"""The database holds exactly the functions and triggers defined in mapping/sql/, one file each."""

import importlib
from pathlib import Path

import pytest
from django.db import connection

import mapping.migrations
from mapping.database_sql import database_sql, database_sql_digest

pytestmark = pytest.mark.django_db


def rows(sql: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {name: definition.strip() for name, definition in cursor.fetchall()}


def test_every_function_is_its_file():
    in_database = rows(
        "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc AS p"
        " JOIN pg_namespace AS n ON n.oid = p.pronamespace"
        " WHERE n.nspname = 'public' AND p.proname LIKE 'mapping%%'"
    )
    in_files = {
        name: text.removesuffix(";").strip() for name, text in database_sql("functions").items()
    }
    assert in_database == in_files


def test_every_trigger_is_its_file():
    in_database = rows(
        "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"
        " AND tgname LIKE 'mapping%%'"
    )
    in_files = {
        name: text.removesuffix(";").replace("CREATE OR REPLACE TRIGGER", "CREATE TRIGGER", 1)
        for name, text in database_sql("triggers").items()
    }
    assert in_database == in_files


def test_the_files_as_they_are_were_loaded_by_a_migration():
    """An edited file needs a migration that loads it (a fresh test database would load the
    edit anyway and hide it): the newest loading migration names the files' digest."""
    loaders = sorted(
        path.stem
        for path in (Path(mapping.migrations.__file__).parent).glob("0*.py")
        if "SQL_DIGEST" in path.read_text()
    )
    newest = importlib.import_module(f"mapping.migrations.{loaders[-1]}")
    assert database_sql_digest() == newest.SQL_DIGEST
