"""The planet (แพลนเน็ต) at the issue's scale, against the home page in the same run.

    .venv/bin/python benchmarks/planet.py --db sqlite|postgres [--runs 40] [--reuse]

Builds a scratch database (SQLite /tmp/kmblog_bench_planet.sqlite3, or PostgreSQL
kmblog_bench_planet; BENCH_POSTGRES_URL to change the server) shaped like a
network in use:
- 10,000 members with profiles and a blog each (a tenth have a second blog);
- 100,000 published posts over three years, written by few (a Zipf spread: the
  busiest member has hundreds, most have a handful or none); 1–4 tags each from
  2,000 tags, again a Zipf spread; a quarter with a recent approved comment;
- 300 communities (a Zipf spread of members, 30,000 memberships) holding 60,000 shares;
- 200,000 follows: people (70%, the prolific and well known followed most),
  tags (15%), blogs (10%), communities (5%);
- three members to measure: "heavy" follows 2,000 things and is in 20 communities,
  "typical" follows 25, "sparse" follows 3 quiet members.
Then renders each page through the whole Django stack (test client, page cache off,
logged in) --runs times, interleaved, and prints median, p95 and the query count
next to the home page's.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PG_DB = "kmblog_bench_planet"
SQLITE = Path(tempfile.gettempdir()) / "kmblog_bench_planet.sqlite3"

MEMBERS, POSTS, TAGS, COMMUNITIES, FOLLOWS = 10_000, 100_000, 2_000, 300, 200_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    args = parser.parse_args()
    if args.db == "postgres":
        url = f"{PG}/{PG_DB}"
        if not args.reuse:
            import psycopg

            with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
                connection.execute(f"CREATE DATABASE {PG_DB}")
    else:
        url = f"sqlite:///{SQLITE}"
        if not args.reuse:
            SQLITE.unlink(missing_ok=True)
    sys.path.insert(0, str(ROOT))
    from benchmarks import setup_production_like

    setup_production_like(url)
    if not args.reuse:
        build()
    measure(args)


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1 / (rank**s) for rank in range(1, n + 1)]


def words() -> list[str]:
    """Thai words from our demo posts, segmented: titles and leads made of real vocabulary."""
    import re

    from pythainlp.tokenize import word_tokenize

    from posts import demo

    text = " ".join(f"{p['title']} {p['lead']} {re.sub(r'<[^>]+>', ' ', p['body'])}" for p in demo.POSTS)
    return sorted({w for w in word_tokenize(text, engine="nlpo3") if w.strip() and len(w) > 1})


def build() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from communities.models import Community, Membership, SharedPost
    from network.models import Follow
    from posts.models import Blog, Post
    from profiles.models import Profile
    from tags.models import Tag, TaggedPost

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    rng = random.Random(15)  # noqa: S311 (sample data, not a secret)
    vocabulary = words()
    User = get_user_model()
    User.objects.bulk_create(
        (User(username=f"member{n}", email=f"member{n}@example.org") for n in range(MEMBERS)), batch_size=5000
    )
    users = list(User.objects.order_by("pk").values_list("pk", flat=True))
    first = ["สมศรี", "ประสิทธิ์", "วรรณา", "มาลัย", "สมชาย", "อรุณี", "ธนพล", "กาญจนา", "วิไล", "บุญมี"]
    last = ["มีความรู้", "ทำนาดี", "ใฝ่เอื้อ", "ใจงาม", "รักเรียน", "แสงทอง", "ศรีสุข", "บุญเรือง"]
    Profile.objects.bulk_create(
        (Profile(user_id=pk, display_name=f"{rng.choice(first)} {rng.choice(last)}") for pk in users), batch_size=5000
    )
    Blog.objects.bulk_create(
        (Blog(owner_id=pk, title=f"สมุดบันทึก {' '.join(rng.sample(vocabulary, 2))}") for pk in users), batch_size=5000
    )
    Blog.objects.bulk_create(
        (Blog(owner_id=pk, title=f"บันทึกเวที {rng.choice(vocabulary)}") for pk in rng.sample(users, MEMBERS // 10)),
        batch_size=5000,
    )
    blogs_of: dict[int, list[int]] = {}
    for pk, owner in Blog.objects.values_list("pk", "owner_id"):
        blogs_of.setdefault(owner, []).append(pk)
    Tag.objects.bulk_create(
        (Tag(name=f"{rng.choice(vocabulary)}{rng.choice(vocabulary)}{n}", slug=f"tag-{n}") for n in range(TAGS)),
        batch_size=5000,
    )
    tags = list(Tag.objects.order_by("pk").values_list("pk", flat=True))
    writers = users[:]
    rng.shuffle(writers)
    writer_weights = zipf_weights(len(writers), 0.9)
    tag_weights = zipf_weights(len(tags), 1.0)
    now = timezone.now()
    authors = rng.choices(writers, writer_weights, k=POSTS)
    batch = []
    for n, author in enumerate(authors):
        published = now - timedelta(minutes=(POSTS - n) * 15)  # three years, the newest last
        title = " ".join(rng.choices(vocabulary, k=rng.randint(4, 10)))[:200]
        lead = " ".join(rng.choices(vocabulary, k=rng.randint(15, 40)))
        body = "".join(
            f"<p>{' '.join(rng.choices(vocabulary, k=rng.randint(20, 80)))}</p>" for _ in range(rng.randint(2, 8))
        )
        commented = rng.random() < 0.25
        batch.append(
            Post(
                number=n + 1,
                blog_id=rng.choice(blogs_of[author]),
                author_id=author,
                title=title,
                lead=lead,
                body=body,
                status=Post.Status.PUBLISHED,
                published_at=published,
                updated_at=published,
                comment_count=rng.randint(1, 12) if commented else 0,
                last_comment_at=published + timedelta(hours=rng.randint(1, 2000)) if commented else None,
            )
        )
        if len(batch) == 5000:
            Post.objects.bulk_create(batch)
            batch = []
    Post.objects.bulk_create(batch)
    post_ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
    TaggedPost.objects.bulk_create(
        (
            TaggedPost(content_object_id=pk, tag_id=tag)
            for pk in post_ids
            for tag in set(rng.choices(tags, tag_weights, k=rng.randint(1, 4)))
        ),
        batch_size=10000,
    )
    owners = rng.sample(users, COMMUNITIES)
    Community.objects.bulk_create(
        Community(name=f"ชุมชน{rng.choice(vocabulary)} {n}", slug=f"community-{n}", owner_id=owners[n])
        for n in range(COMMUNITIES)
    )
    communities = list(Community.objects.order_by("pk").values_list("pk", flat=True))
    community_weights = zipf_weights(COMMUNITIES, 0.8)
    memberships = set()
    while len(memberships) < 30_000:
        memberships.add((rng.choices(communities, community_weights)[0], rng.choice(users)))
    Membership.objects.bulk_create((Membership(community_id=c, user_id=u) for c, u in memberships), batch_size=10000)
    shares = set()
    while len(shares) < 60_000:
        shares.add((rng.choices(communities, community_weights)[0], rng.choice(post_ids)))
    SharedPost.objects.bulk_create((SharedPost(community_id=c, post_id=p) for c, p in shares), batch_size=10000)

    # Who is followed: prolific writers and big communities most (the same Zipf order).
    blog_ids = [blog for writer in writers for blog in blogs_of[writer]]
    follows = set()
    kinds = ["user"] * 70 + ["tag"] * 15 + ["blog"] * 10 + ["community"] * 5
    pools = {
        "user": (writers, writer_weights),
        "tag": (tags, tag_weights),
        "blog": (blog_ids, zipf_weights(len(blog_ids), 0.9)),
        "community": (communities, community_weights),
    }
    cumulative = {kind: list(_accumulate(weights)) for kind, (_pool, weights) in pools.items()}
    heavy, typical, sparse = users[-1], users[-2], users[-3]
    for kind, count in (("user", 1400), ("tag", 300), ("blog", 200), ("community", 100)):
        pool, _weights = pools[kind]
        for target in rng.sample(pool, count):
            follows.add((heavy, kind, target))
    for kind, count in (("user", 18), ("tag", 4), ("blog", 2), ("community", 1)):
        pool, _weights = pools[kind]
        for target in rng.choices(pool, cum_weights=cumulative[kind], k=count):
            follows.add((typical, kind, target))
    for target in writers[-3:]:  # the quietest writers
        follows.add((sparse, "user", target))
    measured = {heavy, typical, sparse}
    while len(follows) < FOLLOWS:
        follower = rng.choice(users)
        if follower in measured:
            continue
        kind = rng.choice(kinds)
        pool, _weights = pools[kind]
        target = rng.choices(pool, cum_weights=cumulative[kind])[0]
        if kind == "user" and target == follower:
            continue
        follows.add((follower, kind, target))
    Follow.objects.bulk_create(
        (Follow(follower_id=f, **{f"{kind}_id": target}) for f, kind, target in follows), batch_size=10000
    )
    Membership.objects.bulk_create(
        (Membership(community_id=c, user_id=heavy) for c in rng.sample(communities, 20)), ignore_conflicts=True
    )
    with connection.cursor() as cursor:
        # As autovacuum leaves a table in use (visibility map set: index-only scans can skip the heap).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"built in {time.monotonic() - started:.0f} s: {Post.objects.count():,} posts, "
        f"{User.objects.count():,} members, "
        f"{Follow.objects.count():,} follows, {SharedPost.objects.count():,} shares"
    )


def _accumulate(weights):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def measure(args) -> None:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from network.models import Follow

    users = list(get_user_model().objects.order_by("-pk").values_list("pk", flat=True)[:4])
    people = dict(zip(["heavy", "typical", "sparse", "small"], users, strict=True))
    # "small": follows three members who wrote a post or two, and is in no community.
    from django.db.models import Count

    from communities.models import Membership
    from posts.models import Post

    quiet = Post.objects.values("author_id").annotate(n=Count("pk")).filter(n__lte=2).order_by("author_id")[:3]
    Follow.objects.filter(follower_id=people["small"]).delete()
    Membership.objects.filter(user_id=people["small"]).delete()
    Follow.objects.bulk_create(Follow(follower_id=people["small"], user_id=row["author_id"]) for row in quiet)
    clients = {}
    for name, pk in people.items():
        clients[name] = Client()
        clients[name].force_login(get_user_model().objects.get(pk=pk))
        follows = Follow.objects.filter(follower_id=pk).count()
        print(f"  {name}: follows {follows:,}")
    pages = {
        "home /": ("typical", "/"),
        "home, กำลังคุยกัน": ("typical", "/?tab=discussed"),
        "planet, heavy (2,000 follows)": ("heavy", "/me/"),
        "planet, heavy, กำลังคุยกัน": ("heavy", "/me/?tab=discussed"),
        "planet, heavy, page 10": ("heavy", "/me/?page=10"),
        "planet, typical (25 follows)": ("typical", "/me/"),
        "planet, typical, กำลังคุยกัน": ("typical", "/me/?tab=discussed"),
        "planet, heavy, first visit": ("heavy", "/me/"),
        "planet, sparse (3 quiet members)": ("sparse", "/me/"),
        "planet, sparse, first visit": ("sparse", "/me/"),
        "planet, small (3 quiet members only)": ("small", "/me/"),
        "planet, sparse, กำลังคุยกัน": ("sparse", "/me/?tab=discussed"),
    }
    times = {name: [] for name in pages}
    queries = {}
    for name, (who, url) in pages.items():  # warm up, then count the queries of one request
        assert clients[who].get(url).status_code == 200, url
        if "first visit" in name:
            cache.delete(f"planet-large:{people[who]}:0")
        with CaptureQueriesContext(connection) as captured:  # as the timed requests will run
            response = clients[who].get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries[name] = len(captured)
    for _ in range(args.runs):
        for name, (who, url) in pages.items():
            if "first visit" in name:  # forget which way this planet is read: the probe runs again
                cache.delete(f"planet-large:{people[who]}:0")
            started = time.perf_counter()
            response = clients[who].get(url)
            times[name].append((time.perf_counter() - started) * 1000)
    home = sorted(times["home /"])
    home_p95 = home[int(len(home) * 0.95) - 1]
    home_median = statistics.median(home)
    print(f"{connection.vendor}: {args.runs} runs each, interleaved; logged in, page cache off")
    for name, values in times.items():
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1]
        print(
            f"  {name:34} median {statistics.median(values):6.1f} ms   p95 {p95:6.1f} ms   "
            f"{p95 / home_p95:4.2f}x home p95   {statistics.median(values) / home_median:4.2f}x home median   "
            f"{queries[name]:2d} queries"
        )


if __name__ == "__main__":
    main()
