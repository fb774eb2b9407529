"""PostgreSQL: a filter's entries listed from an index alone.

Under a large filter (a tag of 7,000 posts) search first lists the filter's
entries: their ids, by (kind, object_id) (engines.BaseBackend.held). SQLite's
unique index on (kind, object_id) holds each row's id already. PostgreSQL's does
not, so each of the 7,000 rows was read from the table for its id: 49 ms at
100k posts. This index carries the id beside the key (INCLUDE), and the list
comes from the index alone. SQLite needs nothing.
"""

from django.db import migrations

INDEX = "search_entry_object_ids"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON search_entry (kind, object_id) INCLUDE (id)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_short_terms_and_marks")]
    operations = [migrations.RunPython(forwards, backwards)]
