"""The database's own functions and triggers, each defined once in a file under mapping/sql/
(`functions/<name>.sql`, `triggers/<name>.sql`): the current definition, with a comment saying
why. Migrations load them (database_sql_load), and a test checks that the database holds exactly
these definitions. To change one, edit its file and add a migration that loads them again and
records database_sql_digest() as its SQL_DIGEST (a test fails until it does)."""

import hashlib
from pathlib import Path

SQL = Path(__file__).resolve().parent / "sql"
KINDS = ("functions", "triggers")  # functions first: triggers name them


def database_sql(kind: str) -> dict[str, str]:
    """The definitions of one kind, by name: each file's statement without its comment lines."""
    return {
        path.stem: "\n".join(
            line for line in path.read_text().splitlines() if not line.startswith("--")
        ).strip()
        for path in sorted((SQL / kind).glob("*.sql"))
    }


def database_sql_load(schema_editor) -> None:
    """Create or replace every function, then every trigger (for migrations)."""
    for kind in KINDS:
        for statement in database_sql(kind).values():
            schema_editor.execute(statement)


def database_sql_digest() -> str:
    """What every file says now, in one short digest."""
    digest = hashlib.sha256()
    for kind in KINDS:
        for name, statement in database_sql(kind).items():
            digest.update(f"{kind}/{name}\n{statement}\n".encode())
    return digest.hexdigest()[:16]
