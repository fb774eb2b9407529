"""Site benchmark: kmblog's pages under gunicorn (2 workers) against bare Django baselines.

    .venv/bin/python benchmarks/site.py [--seconds 5] [--rounds 3] [--connections 8]

Builds a scratch PostgreSQL database (kmblog_bench_site) with 10,000 posts with
tags and one post with 200 comments, then runs two gunicorn servers of the
production config with 2 workers each: one with the page cache (Redis at
127.0.0.1:6379, db 14), one without. wrk loads each URL for --seconds, rounds
interleaved so that both servers see the same machine conditions; the figures
are the medians over the rounds. Last, benchmarks/post_page_phases.py shows
where the uncached post page spends its CPU. Needs wrk (apt-get install wrk).
"""

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
WORK = Path("/tmp/kmblog-bench-site")  # noqa: S108 (benchmark only)


def sh(*args, env=None):
    subprocess.run(args, cwd=ROOT, env=env, check=True)  # noqa: S603


def base_env() -> dict:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(WORK),
        "DJANGO_SETTINGS_MODULE": "benchmarks.site_settings",
        "DATABASE_URL": f"{PG}/kmblog_bench_site",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "BENCH_PAGE": str(WORK / "page.html"),
        "BENCH_TEMPLATES": str(WORK / "templates"),
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "ERROR",
    }


def build_site(env: dict) -> int:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS kmblog_bench_site WITH (FORCE)")
        connection.execute("CREATE DATABASE kmblog_bench_site")
    manage = [sys.executable, "manage.py"]
    sh(*manage, "migrate", "-v0", env=env)
    sh(*manage, "collectstatic", "--no-input", "-v0", env=env)
    sh(*manage, "generate_corpus", "10000", env=env)
    code = """
from comments.models import Comment
from django.contrib.auth import get_user_model
from posts.models import Post
post = Post.objects.order_by("-published_at").first()
people = [get_user_model().objects.get_or_create(username=f"reader{n}")[0] for n in range(20)]
for n in range(200):
    Comment.objects.create(post=post, author=people[n % 20] if n % 2 else None, guest_name="" if n % 2 else "ผู้อ่าน",
                           body=f"ความเห็นที่ {n + 1} เรื่องการเรียนรู้ร่วมกันของคุณกิจ", status="approved")
print(post.number)
"""
    number = (
        subprocess.run(  # noqa: S603
            [*manage, "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    sh(*manage, "rebuild_search_index", env=env)
    with psycopg.connect(f"{PG}/kmblog_bench_site", autocommit=True) as connection:
        connection.execute("ANALYZE")  # as autovacuum would have done on a live site after a bulk load
    return int(number)


def start(env: dict, port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "-c", "gunicorn.conf.py", "kmblog.wsgi", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):  # noqa: S310
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"gunicorn on {port} did not start")


def wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    out = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])

    def ms(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors[1]} error responses")
    return rps, ms("50%"), ms("99%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "templates").mkdir(parents=True)
    env = base_env()
    print("building the site (10,000 posts, one with 200 comments)...", flush=True)
    number = build_site(env)
    cached_env = {**env, "CACHE_URL": "redis://127.0.0.1:6379/14", "PAGE_CACHE_SECONDS": "300"}
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    import redis

    redis.Redis(db=14).flushdb()
    servers = {"cached": start(cached_env, 8101), "uncached": start(uncached_env, 8102)}
    try:
        post = f"/posts/{number}/"
        with urlopen(f"http://127.0.0.1:8102{post}") as response:  # noqa: S310
            page = response.read()
        (WORK / "page.html").write_bytes(page)
        (WORK / "templates" / "bench_page.html").write_text("{% verbatim %}" + page.decode() + "{% endverbatim %}")
        targets = {
            "bare Django view": (8102, "/bench/bare/"),
            "bare template page": (8102, "/bench/template/"),
            "template loop, 200 comments": (8102, "/bench/thread/"),
            "post, 200 comments (uncached)": (8102, post),
            "post, 200 comments (cached)": (8101, post),
            "home (uncached)": (8102, "/"),
            "home (cached)": (8101, "/"),
            "tag page (uncached)": (8102, "/tags/คุณอำนวย/"),
            "tag page (cached)": (8101, "/tags/คุณอำนวย/"),
            "search, common word": (8102, "/search/?q=การเรียนรู้"),
        }
        urls = {name: f"http://127.0.0.1:{port}{quote(path, safe='/?=&')}" for name, (port, path) in targets.items()}
        results: dict[str, list] = {name: [] for name in targets}
        for url in urls.values():
            wrk(url, 1, args.connections)  # warm up every worker and cache
        for round_number in range(args.rounds):
            for name, url in urls.items():
                time.sleep(1)  # let the servers finish what the last run left queued
                results[name].append(wrk(url, args.seconds, args.connections))
            print(f"round {round_number + 1} of {args.rounds} done", flush=True)
    finally:
        for process in servers.values():
            process.terminate()
            process.wait(timeout=20)
    setup = f"gunicorn 2 workers x 2 threads; wrk -c{args.connections}, {args.seconds} s x {args.rounds} rounds"
    print(f"\npage size {len(page):,} bytes; {setup}\n")
    print(f"{'':32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    medians = {}
    for name, runs in results.items():
        rps, p50, p99 = (statistics.median(values) for values in zip(*runs, strict=True))
        medians[name] = rps
        print(f"{name:32} {rps:8.0f} {p50:8.1f} {p99:8.1f}")
    bare, template = medians["bare Django view"], medians["bare template page"]
    uncached_post = medians["post, 200 comments (uncached)"]
    print("\ngoals:")
    print(f"  uncached post costs {template / uncached_post:.2f}x the bare template page (goal: at most 2x)")
    loop = medians["template loop, 200 comments"]
    print(f"  (and {loop / uncached_post:.2f}x the same page written by a template loop over 200 dicts, no database)")
    for name in ("post, 200 comments (cached)", "home (cached)", "tag page (cached)"):
        print(f"  {name} runs at {medians[name] / bare:.2f} of the bare view's throughput (goal: at least 0.5)")
    print("\nwhere the uncached post page's time goes (benchmarks/post_page_phases.py):", flush=True)
    script = str(ROOT / "benchmarks" / "post_page_phases.py")
    sh(sys.executable, script, post, env={**uncached_env, "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0"})


if __name__ == "__main__":
    main()
