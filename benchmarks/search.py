"""Search on a realistic Thai corpus: indexing rate, index sizes, and the whole /search/ request.

    .venv/bin/python benchmarks/search.py --db sqlite|postgres [--posts 100000] [--reuse] [--runs 30]

Builds a scratch database (SQLite /tmp/kmblog_bench_search_<N>.sqlite3, or PostgreSQL
kmblog_bench_search_<N>; BENCH_POSTGRES_URL to change the server) with
generate_corpus: posts drawn from a real vocabulary (search.corpus: the Thai
National Corpus word list, Zipf-spread, ~1,500 characters on average, half a
comment per post). Prints the indexing rate and the index sizes, then picks
queries by what the corpus holds (rare words, words in 1-5% of posts, words
in most posts, words inside longer words, fragments across words, two-character
queries, phrases, Thai digits, typing slips), and requests /search/ through the
whole Django stack (test client, page cache off, rendering and snippets
included) --runs times each, interleaved, for both orders and with each filter.
Prints p50/p95 per category beside the home page measured in the same run.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="measure an existing scratch database")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--copies",
        type=int,
        default=1,
        help="PostgreSQL only: grow a built database to N times its posts by copying them in SQL",
    )
    args = parser.parse_args()
    url = scratch(args.db, args.posts, fresh=not args.reuse and args.copies == 1)
    sys.path.insert(0, str(ROOT))
    from benchmarks import setup_production_like

    setup_production_like(url)
    if not args.reuse and args.copies == 1:
        build(args.posts)
    if args.copies > 1:
        copy(args.copies)
    sizes()
    if not args.build_only:
        measure(args.runs)


def scratch(db: str, posts: int, *, fresh: bool) -> str:
    if db == "sqlite":
        path = Path(tempfile.gettempdir()) / f"kmblog_bench_search_{posts}.sqlite3"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    name = f"kmblog_bench_search_{posts}"
    if fresh:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
    return f"{PG}/{name}"


def build(posts: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("generate_corpus", posts, "--no-index")
    print(f"generated {posts:,} posts in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    call_command("rebuild_search_index")
    seconds = time.perf_counter() - started
    print(
        f"rebuild_search_index: {seconds:.0f} s = {posts / seconds:,.0f} posts/s (their comments included)", flush=True
    )
    with connection.cursor() as cursor:
        # PostgreSQL as autovacuum keeps it: GIN pending lists merged, visibility map set
        # (index-only scans). Measured without it, every query first read the pending list.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def copy(copies: int) -> None:
    """Grow to `copies` times the posts by copying posts and their entries, in SQL.

    Generating and indexing a million posts through Python takes hours here; copies
    keep the real vocabulary and each word's share of posts (a word in 1% of posts
    stays in 1%), with posting lists `copies` times as long. What they do not keep:
    a rare word's posts come in identical groups of `copies`. Copies are dated
    before the originals, so "newest first" still begins with generated posts.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(id), max(number), min(published_at) FROM posts_post")
        have, top_id, top_number, oldest = cursor.fetchone()
        cursor.execute("SELECT coalesce(max(id), 0) FROM search_entry")
        top_entry = cursor.fetchone()[0]
        for n in range(1, copies):
            started = time.perf_counter()
            shift = n * (top_id + 1)
            cursor.execute(
                """INSERT INTO posts_post (id, number, title, lead, body, status, published_at, updated_at, created,
                       licence, allow_comments, read_count, comment_count, import_key, author_id, blog_id)
                   SELECT id + %s, number + %s, title, lead, body, status,
                       published_at - make_interval(days => 3650 * %s), updated_at, created, licence,
                       allow_comments, read_count, 0, '', author_id, blog_id
                   FROM posts_post WHERE id <= %s""",
                [shift, n * top_number, n, top_id],
            )
            cursor.execute(
                """INSERT INTO search_entry (id, kind, object_id, post_id, author_id, "when", head_text, text,
                       title, tags, lead, body)
                   SELECT id + %s, kind, object_id + %s, post_id + %s, author_id,
                       "when" - make_interval(days => 3650 * %s), head_text, text, title, tags, lead, body
                   FROM search_entry WHERE kind = 'post' AND id <= %s""",
                [n * (top_entry + 1), shift, shift, n, top_entry],
            )
            print(f"copy {n}: {have:,} more posts in {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_entry', 'id'), max(id)) FROM search_entry")
        cursor.execute("SELECT setval(pg_get_serial_sequence('posts_post', 'id'), max(id)) FROM posts_post")
        cursor.execute("VACUUM ANALYZE search_entry")
        cursor.execute("VACUUM ANALYZE posts_post")


def sizes() -> None:
    from django.db import connection

    from search.models import Entry

    print(
        f"entries: {Entry.objects.filter(kind='post').count():,} posts, "
        f"{Entry.objects.filter(kind='comment').count():,} comments"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("""SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c
                              WHERE c.relname LIKE 'search%%' ORDER BY 2 DESC""")
            rows = cursor.fetchall()
            cursor.execute("SELECT pg_total_relation_size('search_entry')")
            total = cursor.fetchone()[0]
        else:
            cursor.execute("""SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'search%%'
                              GROUP BY name ORDER BY 2 DESC""")
            rows = cursor.fetchall()
            total = sum(size for _, size in rows)
    for name, size in rows:
        if size > 1_000_000:
            print(f"  {name:<40} {size / 1e6:8.1f} MB")
    print(f"  {'search index and table, in all':<40} {total / 1e6:8.1f} MB", flush=True)


def pick_queries() -> dict[str, list[str]]:
    """Queries by what the corpus holds, sampled from the posts themselves."""
    from search.corpus import KM_TERMS, vocabulary
    from search.engines import backend
    from search.models import Entry
    from search.text import normalize

    rng = random.Random(7)  # noqa: S311
    # The same 1,000 posts on every run over the same database: runs compare.
    ids = sorted(Entry.objects.filter(kind="post").values_list("id", flat=True))
    chosen = rng.sample(ids, min(1000, len(ids)))
    texts = list(Entry.objects.filter(id__in=chosen).order_by("id").values_list("text", flat=True))
    # The text as written: PostgreSQL stores Thai tone marks as capital letters (backends/postgres.py).
    marks = "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e"
    written = str.maketrans(backend().stored(marks), marks)
    texts = [text.translate(written) for text in texts]

    def share(string: str) -> float:
        return sum(string in text for text in texts) / len(texts)

    words = vocabulary().words
    by_share: dict[str, list[str]] = {"rare": [], "1-5%": [], "most": [], "inside": [], "two-char": []}
    for word in rng.sample(words[:20000], 4000):
        s = share(word)
        if 0 < s <= 0.002 and len(word) >= 4 and len(by_share["rare"]) < 8:
            by_share["rare"].append(word)
        elif 0.01 <= s <= 0.05 and len(by_share["1-5%"]) < 8:
            by_share["1-5%"].append(word)
        elif s >= 0.5 and len(by_share["most"]) < 8:
            by_share["most"].append(word)
        if len(word) == 2 and s > 0 and len(by_share["two-char"]) < 8:
            by_share["two-char"].append(word)
    by_share["inside"] = ["ครือ", "เกษตร", "เรียนรู้", "มาตร", "ข่าย", "บริหารส่วน", "ปัญญา", "วิสาหกิจ"]
    fragments = []
    for text in texts[:40]:
        start = rng.randrange(max(1, len(text) - 12))
        piece = text[start : start + rng.randint(4, 9)].strip()
        if " " not in piece and "\n" not in piece and len(piece) >= 4:
            fragments.append(piece)
    by_share["fragment"] = fragments[:8]
    by_share["phrase"] = [f'"{t}"' for t in KM_TERMS[:4]] + ["คุณอำนวย ชุมชน", "ถอดบทเรียน เครือข่าย"]
    by_share["Thai digits"] = ["๒๕๖๗", "๒๕๕๐", "๑๒๐", "๓๐"]
    by_share["typing slip"] = ["เเม่", "เเละ", "เเต่", "เเผน"]
    assert all(normalize(q) for q in by_share["typing slip"])
    return {kind: queries for kind, queries in by_share.items() if queries}


def measure(runs: int) -> None:
    from django.test import Client

    from communities.models import Community
    from posts.models import Blog
    from tags.models import Tag

    client = Client()
    queries = pick_queries()
    for kind, picked in queries.items():
        print(f"  {kind}: {' '.join(picked)}")
    blog = Blog.objects.order_by("pk").first()
    tag = Tag.objects.filter(name="คุณอำนวย").first() or Tag.objects.first()
    community = Community.objects.first()
    variants = {
        "relevance": {},
        "newest first": {"order": "newest"},
        "tag filter": {"tag": tag.slug},
        "author filter": {"author": blog.owner.username},
        "blog filter": {"blog": blog.pk},
        "year filter": {"year": "2568"},
    }
    if community:
        variants["community filter"] = {"community": community.slug}
    timings: dict[tuple[str, str], list[float]] = {}
    home: list[float] = []
    # The same query for each run and cell on every database and version: runs compare.
    chooser = random.Random(2549)  # noqa: S311
    for picked in queries.values():
        for q in picked:
            for params in variants.values():
                client.get("/search/", {"q": q, **params})  # warm: dictionary, plans
    for _ in range(runs):
        started = time.perf_counter()
        assert client.get("/").status_code == 200
        home.append(time.perf_counter() - started)
        for kind, picked in queries.items():
            for variant, params in variants.items():
                q = chooser.choice(picked)
                started = time.perf_counter()
                response = client.get("/search/", {"q": q, **params})
                timings.setdefault((kind, variant), []).append(time.perf_counter() - started)
                assert response.status_code == 200, (q, params, response.status_code)

    def ms(values, share):
        ordered = sorted(values)
        return 1000 * ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    print(f"\nhome page: p50 {ms(home, 0.5):.1f} ms, p95 {ms(home, 0.95):.1f} ms")
    print(f"{'query kind':<14} " + " ".join(f"{v[:14]:>16}" for v in variants))
    worst = 0.0
    for kind in queries:
        cells = []
        for variant in variants:
            values = timings[(kind, variant)]
            cells.append(f"{ms(values, 0.5):6.1f}/{ms(values, 0.95):6.1f}")
            worst = max(worst, ms(values, 0.95))
        print(f"{kind:<14} " + " ".join(f"{c:>16}" for c in cells))
    print(f"(p50/p95 ms of the whole /search/ request; worst p95 {worst:.1f} ms; {runs} runs a cell)")
    print(f"all requests: p50 {statistics.median(v for vs in timings.values() for v in vs) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
