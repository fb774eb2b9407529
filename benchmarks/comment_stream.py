"""Cached reads while comments arrive: does one comment empty the page cache?

    .venv/bin/python benchmarks/comment_stream.py [--code DIR] [--posts 2000]
        [--seconds 8] [--rounds 3] [--comments-per-second 2] [--connections 8]

Builds a scratch PostgreSQL database (kmblog_bench_comments) with --posts posts,
serves it with gunicorn (2 workers x 2 threads) and the page cache in Redis
(127.0.0.1:6379, db 13), as in production. wrk reads 300 post pages and the
home page, chosen at random per request, as anonymous readers. Each round
measures the reads alone, then the same reads while a commenter posts
approved comments on random posts of those 300 at a steady rate. Figures are
medians over the rounds.

--code DIR runs the app from another checkout (for example an older commit
checked out with `git worktree add /tmp/kmblog-before <commit>`), with this
checkout's virtualenv, so two versions are compared on one machine in one
session. Needs wrk (apt-get install wrk).
"""

import argparse
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
WORK = Path("/tmp/kmblog-bench-comments")  # noqa: S108 (benchmark only)
PORT = 8111


def environment(code: Path) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(WORK),
        "PYTHONPATH": str(code),
        "DATABASE_URL": f"{PG}/kmblog_bench_comments",
        "CACHE_URL": "redis://127.0.0.1:6379/13",
        "PAGE_CACHE_SECONDS": "300",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "ERROR",
        # The stream is one commenter: no rate limit, no approval queue, so
        # every comment is a visible change, in either version of the code.
        "COMMENT_RATE_LIMIT": "1000000",
        "COMMENT_GUEST_RATE_LIMIT": "1000000",
        "COMMENT_GUESTS_NEED_APPROVAL": "0",
    }


def build(code: Path, env: dict, posts: int) -> list[int]:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS kmblog_bench_comments WITH (FORCE)")
        connection.execute("CREATE DATABASE kmblog_bench_comments")
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["collectstatic", "--no-input", "-v0"], ["generate_corpus", str(posts)]):
        subprocess.run([*manage, *command], cwd=code, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    code_text = "from posts.models import Post; print(*Post.objects.published().order_by('-published_at').values_list('number', flat=True)[:300])"  # noqa: E501
    out = subprocess.run(  # noqa: S603
        [*manage, "shell", "-v", "0", "-c", code_text], cwd=code, env=env, check=True, capture_output=True, text=True
    ).stdout
    with psycopg.connect(f"{PG}/kmblog_bench_comments", autocommit=True) as connection:
        connection.execute("ANALYZE")
    return [int(n) for n in out.split()]


def wrk(script: Path, seconds: int, connections: int) -> float:
    out = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script),
         f"http://127.0.0.1:{PORT}/"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{errors[1]} error responses while reading")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])


class Commenter(threading.Thread):
    """Posts an approved guest comment on a random post, `rate` times a second."""

    def __init__(self, numbers: list[int], rate: float):
        super().__init__(daemon=True)
        self.numbers, self.rate = numbers, rate
        self.stop = threading.Event()
        self.sent = self.failed = 0

    def run(self) -> None:
        rng = random.Random(2569)  # noqa: S311 (benchmark)
        while not self.stop.wait(1 / self.rate):
            number = rng.choice(self.numbers)
            data = urlencode({"guest_name": "ผู้อ่าน", "body": f"ขอบคุณที่แบ่งปันครับ {self.sent}"}).encode()
            request = Request(f"http://127.0.0.1:{PORT}/posts/{number}/comments/", data=data, method="POST")  # noqa: S310
            try:
                with urlopen(request, timeout=10):  # noqa: S310 (our own server)
                    self.sent += 1
            except OSError:
                self.failed += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--comments-per-second", type=float, default=2)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    code = args.code.resolve()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = environment(code)
    print(f"building {args.posts:,} posts with {code} ...", flush=True)
    numbers = build(code, env, args.posts)
    paths = [f"/posts/{n}/" for n in numbers] + ["/"] * 30
    script = WORK / "paths.lua"
    script.write_text(
        "paths = {" + ", ".join(f'"{p}"' for p in paths) + "}\n"
        "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    )
    import redis

    redis.Redis(db=13).flushdb()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "-c", "gunicorn.conf.py", "kmblog.wsgi", "-b", f"127.0.0.1:{PORT}"],
        cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=5):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)
        for path in dict.fromkeys(paths):  # every page into the cache once, then warm the workers
            with urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30):  # noqa: S310
                pass
        wrk(script, 3, args.connections)
        quiet, busy, comments = [], [], []
        for round_number in range(args.rounds):
            time.sleep(1)
            quiet.append(wrk(script, args.seconds, args.connections))
            commenter = Commenter(numbers, args.comments_per_second)
            commenter.start()
            busy.append(wrk(script, args.seconds, args.connections))
            commenter.stop.set()
            commenter.join(timeout=20)
            comments.append((commenter.sent, commenter.failed))
            print(f"round {round_number + 1}: {quiet[-1]:.0f} req/s quiet, {busy[-1]:.0f} with comments", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
    sent = sum(s for s, _ in comments)
    failed = sum(f for _, f in comments)
    print(f"\n{code}")
    setup = f"gunicorn 2x2, wrk -c{args.connections}, {args.seconds} s x {args.rounds} rounds"
    print(f"cached reads of 300 posts and home; {setup}")
    print(f"  reads alone:                 {statistics.median(quiet):7.0f} req/s")
    print(f"  reads while {args.comments_per_second:g} comments/s arrive: {statistics.median(busy):7.0f} req/s")
    print(f"  comments posted: {sent} ({failed} failed)")


if __name__ == "__main__":
    main()
