"""The full-text index of posts_searchentry, one per database engine.

PostgreSQL: a generated tsvector ('simple' configuration on the segmented text,
weighted title A, tags B, lead C, body D) with a GIN index, and a second small
one of title and tags only. Statistics 1000 on the column keep the planner
from walking the primary key for rare words.

SQLite: an FTS5 table over the same columns (external content, no copy of the
text), kept in step by triggers. The default unicode61 tokenizer splits Thai at
vowel and tone marks; these categories keep them inside words.
"""

from django.db import migrations

POSTGRES_UP = [
    """
    ALTER TABLE posts_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, tags), 'B')
        || setweight(to_tsvector('simple'::regconfig, lead), 'C')
        || setweight(to_tsvector('simple'::regconfig, body), 'D')
    ) STORED
    """,
    # Search page: every query matches against this index.
    "CREATE INDEX searchentry_vector_gin ON posts_searchentry USING gin (vector)",
    "ALTER TABLE posts_searchentry ALTER COLUMN vector SET STATISTICS 1000",
    # Title and tags alone: small enough to stay inline, so the ranking's second
    # source of candidates (title/tag matches) is a plain GIN lookup. Weighted
    # queries on the full vector cannot use its index and unpack every row.
    """
    ALTER TABLE posts_searchentry ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, tags), 'B')
    ) STORED
    """,
    # Search page ranking: posts with the words in their title or tags.
    "CREATE INDEX searchentry_head_gin ON posts_searchentry USING gin (head)",
]
POSTGRES_DOWN = ["ALTER TABLE posts_searchentry DROP COLUMN head", "ALTER TABLE posts_searchentry DROP COLUMN vector"]

SQLITE_UP = [
    """
    CREATE VIRTUAL TABLE posts_searchentry_fts USING fts5(
        title, tags, lead, body,
        content='posts_searchentry', content_rowid='post_id',
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co Mn'"
    )
    """,
    """
    CREATE TRIGGER posts_searchentry_ai AFTER INSERT ON posts_searchentry BEGIN
        INSERT INTO posts_searchentry_fts(rowid, title, tags, lead, body)
        VALUES (new.post_id, new.title, new.tags, new.lead, new.body);
    END
    """,
    """
    CREATE TRIGGER posts_searchentry_ad AFTER DELETE ON posts_searchentry BEGIN
        INSERT INTO posts_searchentry_fts(posts_searchentry_fts, rowid, title, tags, lead, body)
        VALUES ('delete', old.post_id, old.title, old.tags, old.lead, old.body);
    END
    """,
    """
    CREATE TRIGGER posts_searchentry_au AFTER UPDATE ON posts_searchentry BEGIN
        INSERT INTO posts_searchentry_fts(posts_searchentry_fts, rowid, title, tags, lead, body)
        VALUES ('delete', old.post_id, old.title, old.tags, old.lead, old.body);
        INSERT INTO posts_searchentry_fts(rowid, title, tags, lead, body)
        VALUES (new.post_id, new.title, new.tags, new.lead, new.body);
    END
    """,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS posts_searchentry_au",
    "DROP TRIGGER IF EXISTS posts_searchentry_ad",
    "DROP TRIGGER IF EXISTS posts_searchentry_ai",
    "DROP TABLE IF EXISTS posts_searchentry_fts",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("posts", "0003_search_entry")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
