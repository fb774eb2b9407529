"""Search benchmark: indexing throughput and query latency at several corpus sizes.

    .venv/bin/python benchmarks/search.py                    # SQLite and PostgreSQL, 10k and 100k posts
    .venv/bin/python benchmarks/search.py --sizes 10000 --engines sqlite --runs 50

Each engine runs in its own process on a scratch database (benchmarks/bench.sqlite3,
or kmblog_bench on the PostgreSQL at BENCH_POSTGRES_URL), grown to each size with
generate_corpus and indexed with the same code as rebuild_search_index. Every
query is run --runs times after warm-up; p50/p95 are of the whole search call:
the count plus one page of 20 results.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
QUERIES = {
    "rare word (ปลานิล)": ("ปลานิล", False),
    "rare phrase (ปลานิลแดง)": ("ปลานิลแดง", False),
    "common word (การเรียนรู้)": ("การเรียนรู้", False),
    "common phrase (การเรียนรู้ร่วมกัน)": ("การเรียนรู้ร่วมกัน", False),
    "two common words (การเรียนรู้ กลุ่ม)": ("การเรียนรู้ กลุ่ม", False),
    "common word, newest first": ("การเรียนรู้", True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--worker", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.sizes, args.runs)
    for engine in args.engines:
        env = {**os.environ, "DATABASE_URL": scratch_database(engine), "SECRET_KEY": "benchmark", "DEBUG": "0"}
        command = [sys.executable, __file__, "--worker", engine, "--runs", str(args.runs), "--sizes"]
        subprocess.run([*command, *map(str, args.sizes)], env=env, check=True, cwd=ROOT)  # noqa: S603 (this script)


def scratch_database(engine: str) -> str:
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{ROOT / 'benchmarks' / 'bench.sqlite3'}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{ROOT / 'benchmarks' / 'bench.sqlite3'}"
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS kmblog_bench")
        connection.execute("CREATE DATABASE kmblog_bench")
    return f"{POSTGRES}/kmblog_bench"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def worker(engine: str, sizes: list[int], runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kmblog.settings")
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from posts.models import Post
    from posts.search import engines
    from posts.search.index import reindex
    from posts.search.query import parse

    call_command("migrate", verbosity=0)
    print(f"\n== {engine} ({connection.vendor}) ==", flush=True)
    for size in sizes:
        have = Post.objects.count()
        started = time.perf_counter()
        call_command("generate_corpus", size - have, stdout=StringIO())
        generated = time.perf_counter() - started
        new_ids = list(Post.objects.filter(search_entry__isnull=True).order_by("pk").values_list("pk", flat=True))
        started = time.perf_counter()
        for start in range(0, len(new_ids), 500):
            reindex(new_ids[start : start + 500])
        indexing = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"{size:>7} posts: generated {size - have} in {generated:.1f} s; "
            f"indexed {len(new_ids)} in {indexing:.1f} s = {len(new_ids) / indexing:,.0f} posts/s",
            flush=True,
        )
        for label, (text, newest) in QUERIES.items():
            query = parse(text)
            times, total = [], 0
            for run in range(runs + 3):
                started = time.perf_counter()
                page = engines.search(query, filters=engines.Filters(), newest_first=newest, offset=0, limit=20)
                if run >= 3:
                    times.append((time.perf_counter() - started) * 1000)
                total = page.total
            print(
                f"    {label:<40} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"
                f"   ({'>' if page.total_is_capped else ''}{total:,} matches, {len(page.ids)} shown)",
                flush=True,
            )


if __name__ == "__main__":
    main()
