"""Two-character terms from the index on SQLite, whole Thai words in PostgreSQL's trigrams.

SQLite: a vocabulary (fts5vocab) over each trigram table, search_<kind>_heads_terms
and search_<kind>_chars_terms, lists the trigrams that begin with a two-character
term (backends/sqlite.py). It stores nothing of its own.

PostgreSQL: the unsegmented text stays in the row, compressed, rather than in
the TOAST table: a walk that tests each row with strpos reads it twice as fast
(about 5 µs a row rather than 10, measured at 100k posts), for a table four
times as large (the text is there either way, in one place or the other).

Both: the index is written anew, as the unsegmented text is now stored with a
closing line break (so a trigram begins at every pair of characters, even the
last), and on PostgreSQL with Thai tone marks as letters (backends/postgres.py).
"""

from django.db import migrations

TABLES = [f"search_{kind}_{table}" for kind in ("post", "comment") for table in ("heads", "chars")]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"CREATE VIRTUAL TABLE {table}_terms USING fts5vocab({table}, 'row')")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_entry SET (toast_tuple_target = 8160)")
        for column in ("head_text", "text"):
            schema_editor.execute(f"ALTER TABLE search_entry ALTER COLUMN {column} SET STORAGE MAIN")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_terms")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_entry RESET (toast_tuple_target)")
        for column in ("head_text", "text"):
            schema_editor.execute(f"ALTER TABLE search_entry ALTER COLUMN {column} SET STORAGE EXTENDED")


def index_anew(apps, schema_editor):
    """Uses today's indexing code, as migration 0002 does: the index is derived data."""
    from posts.models import Post

    if Post.objects.using(schema_editor.connection.alias).exists():
        from search.index import rebuild

        rebuild()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_indexes")]
    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(index_anew, migrations.RunPython.noop),
    ]
