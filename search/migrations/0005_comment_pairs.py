"""PostgreSQL: two-character terms in comments, from an index.

pg_trgm indexes trigrams, so a term of two characters (ไผ, พน) had none: counting
it in comments tested every comment's text, 42-70 ms at 42,000 comments, on every
search page (the comments tab's count). Written with each character doubled
(ไผ่ → ไไผผ่่), a text's trigrams are exactly its pairs of characters: a trigram
starting at the first of a doubled pair is (x, x, y), at the second (x, y, y),
where xy stands in the text. So this pg_trgm index over the doubled text is an
index of pairs, and a term of two characters, doubled, is asked with LIKE as any
longer term is: ไผ in 1.7 ms. Every match is found: the doubled text holds the
doubled term exactly where the text holds the term (backends/postgres.py).
Comments only: they are short (31 MB of index at 42,000); posts keep their word
index for short terms. SQLite's trigram tables find two characters already.
"""

from django.db import migrations

INDEX = "search_comment_pairs_trgm"
DOUBLED = r"regexp_replace(text, '(.)', '\1\1', 'g')"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON search_entry USING gin (({DOUBLED}) gin_trgm_ops) WHERE kind = 'comment'"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_entry_ids_from_the_index")]
    operations = [migrations.RunPython(forwards, backwards)]
