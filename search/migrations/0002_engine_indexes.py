"""The engines' indexes on search_entry, one set per database.

PostgreSQL
- vector: a generated tsvector of the segmented words ('simple' configuration,
  title A, tags B, lead C, body D) with a GIN index; head: title and tags only,
  small, for the ranking's "in the title or tags" candidates. Statistics 1000
  keep the planner from walking the newest entries for rare words.
- head_text and text: pg_trgm GIN indexes on the unsegmented normalised text,
  queried with LIKE (the text is case-folded already: ILIKE would only add
  rechecks). Needs pg_trgm and a database whose LC_CTYPE is not C.

SQLite
- search_entry_words: FTS5 over the segmented words. The default unicode61
  tokenizer splits Thai at vowel and tone marks; these categories keep them.
- search_entry_heads and search_entry_chars: FTS5 with the trigram tokenizer
  over the unsegmented title and tags, and the rest: a quoted string matches
  anywhere, inside words and across them. Titles get a table of their own so
  that "in the title" never reads the long lists of the body's trigrams.
Both are external content (no second copy of the text) kept by triggers.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_UP = [
    # Substring rechecks read the whole text: lz4 decompresses several times faster than pglz.
    "ALTER TABLE search_entry ALTER COLUMN text SET COMPRESSION lz4",
    """
    ALTER TABLE search_entry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, tags), 'B')
        || setweight(to_tsvector('simple'::regconfig, lead), 'C')
        || setweight(to_tsvector('simple'::regconfig, body), 'D')
    ) STORED
    """,
    # Search page: segmented matches and their ranking.
    "CREATE INDEX search_entry_vector_gin ON search_entry USING gin (vector)",
    "ALTER TABLE search_entry ALTER COLUMN vector SET STATISTICS 1000",
    """
    ALTER TABLE search_entry ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, tags), 'B')
    ) STORED
    """,
    # Search page ranking: entries with the words in their title or tags.
    "CREATE INDEX search_entry_head_gin ON search_entry USING gin (head)",
    # Search page: any substring of the title and tags, and of the text.
    "CREATE INDEX search_entry_head_trgm ON search_entry USING gin (head_text gin_trgm_ops)",
    "CREATE INDEX search_entry_text_trgm ON search_entry USING gin (text gin_trgm_ops)",
    # Bulk indexing: a larger pending list merges into the GIN trees less often.
    "ALTER INDEX search_entry_text_trgm SET (gin_pending_list_limit = 16384)",
    "ALTER INDEX search_entry_vector_gin SET (gin_pending_list_limit = 16384)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_entry_text_trgm",
    "DROP INDEX IF EXISTS search_entry_head_trgm",
    "ALTER TABLE search_entry DROP COLUMN head",
    "ALTER TABLE search_entry DROP COLUMN vector",
]

SQLITE_UP = [
    """
    CREATE VIRTUAL TABLE search_entry_words USING fts5(
        title, tags, lead, body,
        content='search_entry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co Mn'"
    )
    """,
    """
    CREATE VIRTUAL TABLE search_entry_heads USING fts5(
        head_text, content='search_entry', content_rowid='id', tokenize='trigram'
    )
    """,
    """
    CREATE VIRTUAL TABLE search_entry_chars USING fts5(
        text, content='search_entry', content_rowid='id', tokenize='trigram'
    )
    """,
    """
    CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_entry_words(rowid, title, tags, lead, body)
        VALUES (new.id, new.title, new.tags, new.lead, new.body);
        INSERT INTO search_entry_heads(rowid, head_text) VALUES (new.id, new.head_text);
        INSERT INTO search_entry_chars(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_entry_words(search_entry_words, rowid, title, tags, lead, body)
        VALUES ('delete', old.id, old.title, old.tags, old.lead, old.body);
        INSERT INTO search_entry_heads(search_entry_heads, rowid, head_text) VALUES ('delete', old.id, old.head_text);
        INSERT INTO search_entry_chars(search_entry_chars, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_entry_words(search_entry_words, rowid, title, tags, lead, body)
        VALUES ('delete', old.id, old.title, old.tags, old.lead, old.body);
        INSERT INTO search_entry_heads(search_entry_heads, rowid, head_text) VALUES ('delete', old.id, old.head_text);
        INSERT INTO search_entry_chars(search_entry_chars, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO search_entry_words(rowid, title, tags, lead, body)
        VALUES (new.id, new.title, new.tags, new.lead, new.body);
        INSERT INTO search_entry_heads(rowid, head_text) VALUES (new.id, new.head_text);
        INSERT INTO search_entry_chars(rowid, text) VALUES (new.id, new.text);
    END
    """,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_entry_chars",
    "DROP TABLE IF EXISTS search_entry_heads",
    "DROP TABLE IF EXISTS search_entry_words",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def index_what_exists(apps, schema_editor):
    """An upgraded site finds its posts at once (the old index was in posts.SearchEntry).

    Uses today's indexing code rather than historical models: the index is
    derived data, rebuilt whole by rebuild_search_index at any time.
    """
    from posts.models import Post

    if Post.objects.using(schema_editor.connection.alias).exists():
        from search.index import rebuild

        rebuild()


class Migration(migrations.Migration):
    # The indexing code reads these apps as they are today.
    dependencies = [
        ("search", "0001_initial"),
        ("posts", "0010_delete_searchentry"),
        ("comments", "0004_strip_control_characters"),
        ("communities", "0002_alter_community_join_policy"),
        ("profiles", "0004_language"),
    ]
    operations = [
        TrigramExtension(),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        ),
        migrations.RunPython(index_what_exists, migrations.RunPython.noop),
    ]
