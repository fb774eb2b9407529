"""The engines' indexes on search_entry, one set per database.

PostgreSQL
- vector: a generated tsvector of the segmented words ('simple' configuration,
  title A, tags B, lead C, body D) with a GIN index. Statistics 1000 keep the
  planner from walking the newest entries for rare words.
- head_text and text: pg_trgm GIN indexes on the unsegmented normalised text,
  queried with LIKE (the text is case-folded already: ILIKE would only add
  rechecks). Needs pg_trgm and a database whose LC_CTYPE is not C.

SQLite (each for posts and for comments: search_post_words, search_comment_words, ...)
- search_<kind>_words: FTS5 over the segmented words. The default unicode61
  tokenizer splits Thai at vowel and tone marks; these categories keep them.
- search_<kind>_heads and search_<kind>_chars: FTS5 with the trigram tokenizer
  over the unsegmented title and tags, and the rest: a quoted string matches
  anywhere, inside words and across them. Titles get a table of their own so
  that "in the title" never reads the long lists of the body's trigrams.
Both are external content (no second copy of the text) kept by triggers.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Posts and comments are the kinds with many entries: each has its own indexes, so a
# search of comments never reads the posts' long lists (nor the reverse). Communities
# and people are few: they are tested row by row.
INDEXED_KINDS = ["post", "comment"]

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
    "ALTER TABLE search_entry ALTER COLUMN vector SET STATISTICS 1000",
]
for _kind in INDEXED_KINDS:
    POSTGRES_UP += [
        # Search page: segmented matches and their ranking.
        f"CREATE INDEX search_{_kind}_vector_gin ON search_entry USING gin (vector) WHERE kind = '{_kind}'",
        # Search page: any substring of the title and tags, and of the text.
        f"CREATE INDEX search_{_kind}_head_trgm ON search_entry USING gin (head_text gin_trgm_ops) WHERE kind = '{_kind}'",
        f"CREATE INDEX search_{_kind}_text_trgm ON search_entry USING gin (text gin_trgm_ops) WHERE kind = '{_kind}'",
        # Bulk indexing: a larger pending list merges into the GIN trees less often.
        f"ALTER INDEX search_{_kind}_text_trgm SET (gin_pending_list_limit = 16384)",
        f"ALTER INDEX search_{_kind}_vector_gin SET (gin_pending_list_limit = 16384)",
    ]
POSTGRES_DOWN = [
    *(f"DROP INDEX IF EXISTS search_{k}_{i}" for k in INDEXED_KINDS for i in ("vector_gin", "head_trgm", "text_trgm")),
    "ALTER TABLE search_entry DROP COLUMN vector",
]

SQLITE_UP, SQLITE_DOWN = [], []
for _kind in INDEXED_KINDS:
    words, heads, chars = f"search_{_kind}_words", f"search_{_kind}_heads", f"search_{_kind}_chars"
    SQLITE_UP += [
        f"""
        CREATE VIRTUAL TABLE {words} USING fts5(
            title, tags, lead, body, content='search_entry', content_rowid='id',
            tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co Mn'"
        )
        """,
        f"CREATE VIRTUAL TABLE {heads} USING fts5(head_text, content='search_entry', content_rowid='id', tokenize='trigram')",
        f"CREATE VIRTUAL TABLE {chars} USING fts5(text, content='search_entry', content_rowid='id', tokenize='trigram')",
        f"""
        CREATE TRIGGER search_{_kind}_ai AFTER INSERT ON search_entry WHEN new.kind = '{_kind}' BEGIN
            INSERT INTO {words}(rowid, title, tags, lead, body) VALUES (new.id, new.title, new.tags, new.lead, new.body);
            INSERT INTO {heads}(rowid, head_text) VALUES (new.id, new.head_text);
            INSERT INTO {chars}(rowid, text) VALUES (new.id, new.text);
        END
        """,
        f"""
        CREATE TRIGGER search_{_kind}_ad AFTER DELETE ON search_entry WHEN old.kind = '{_kind}' BEGIN
            INSERT INTO {words}({words}, rowid, title, tags, lead, body)
            VALUES ('delete', old.id, old.title, old.tags, old.lead, old.body);
            INSERT INTO {heads}({heads}, rowid, head_text) VALUES ('delete', old.id, old.head_text);
            INSERT INTO {chars}({chars}, rowid, text) VALUES ('delete', old.id, old.text);
        END
        """,
        # Entries are replaced, never updated (search.index); an update would have to
        # delete from one kind's tables and insert into another's.
        f"""
        CREATE TRIGGER search_{_kind}_au BEFORE UPDATE ON search_entry WHEN old.kind = '{_kind}' OR new.kind = '{_kind}'
        BEGIN
            SELECT RAISE(ABORT, 'search entries are replaced, not updated');
        END
        """,
    ]
    SQLITE_DOWN += [
        f"DROP TRIGGER IF EXISTS search_{_kind}_au",
        f"DROP TRIGGER IF EXISTS search_{_kind}_ad",
        f"DROP TRIGGER IF EXISTS search_{_kind}_ai",
        f"DROP TABLE IF EXISTS {chars}",
        f"DROP TABLE IF EXISTS {heads}",
        f"DROP TABLE IF EXISTS {words}",
    ]


class TrigramOnPostgres(TrigramExtension):
    """pg_trgm on PostgreSQL; nothing elsewhere, in either direction (Django's operation
    asks pg_extension when reversed, whatever the database)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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
        TrigramOnPostgres(),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        ),
        migrations.RunPython(index_what_exists, migrations.RunPython.noop),
    ]
