"""Every database function and trigger from its file under mapping/sql/ (mapping.database_sql):
the same definitions the earlier migrations made, now kept in one place each."""

from django.db import migrations

from mapping.database_sql import database_sql_load

# database_sql_digest() of the files this migration was written for (tests/mapping/test_database_sql.py).
SQL_DIGEST = "21ce00dbf17cdc2c"


def load(apps, schema_editor):
    database_sql_load(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("mapping", "0026_integrity")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
