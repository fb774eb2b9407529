"""A large community against the home page: 10,000 members and 50,000 shared posts.

    .venv/bin/python benchmarks/community.py [--posts 60000] [--members 10000] [--shared 50000] [--runs 30]

Builds a scratch PostgreSQL database (kmblog_bench_community; BENCH_POSTGRES_URL
to change the server) with generate_corpus's Thai posts, one community whose
members are --members accounts with profiles and KM roles, --shared of the posts
shared into it (a fifth of them with a recent approved comment, for
"กำลังคุยกัน"), and 200 smaller communities for the list. Then renders each page
through the whole Django stack (test client, page cache off, as a member would
get it) --runs times, interleaved, and prints the median and 90th percentile
next to the home page's, measured in the same run.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DB = "kmblog_bench_community"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=60_000)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--shared", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    args = parser.parse_args()
    import psycopg

    if not args.reuse:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {DB}")
    sys.path.insert(0, str(ROOT))
    from benchmarks import setup_production_like

    setup_production_like(f"{PG}/{DB}")
    if not args.reuse:
        build(args)
    measure(args)


def build(args) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from communities import services
    from communities.models import Community, Membership, SharedPost
    from posts.models import Post
    from profiles.models import Profile, Role
    from profiles.roles import ensure_km_roles

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("generate_corpus", str(args.posts))
    User = get_user_model()
    ensure_km_roles(Role)
    roles = list(Role.objects.all())
    rng = random.Random(14)  # noqa: S311 (sample data, not a secret)
    provinces = ["นครศรีธรรมราช", "สงขลา", "ตรัง", "พัทลุง", "สุราษฎร์ธานี", "ขอนแก่น", "เชียงใหม่"]
    first = ["สมศรี", "ประสิทธิ์", "วรรณา", "มาลัย", "สมชาย", "อรุณี", "ธนพล", "กาญจนา", "วิไล", "บุญมี"]
    last = ["มีความรู้", "ทำนาดี", "ใฝ่เอื้อ", "ใจงาม", "รักเรียน", "แสงทอง", "ศรีสุข", "บุญเรือง"]
    # bulk_create sends no signals: the profiles are made here too.
    User.objects.bulk_create(User(username=f"member{n}", email=f"member{n}@example.org") for n in range(args.members))
    users = list(User.objects.filter(username__startswith="member").order_by("pk"))
    Profile.objects.bulk_create(
        Profile(
            user=user,
            display_name=f"{rng.choice(first)} {rng.choice(last)}",
            organisation=f"กลุ่มออมทรัพย์บ้าน{rng.choice(['กลาย', 'นาเคียน', 'ท่าศาลา', 'ควนเนียง'])}",
            province=rng.choice(provinces),
        )
        for user in users
    )
    through = Profile.roles.through
    profiles = list(Profile.objects.filter(user__in=users).values_list("pk", flat=True))
    through.objects.bulk_create(
        [through(profile_id=pk, role_id=role.pk) for pk in profiles for role in rng.sample(roles, 2)], batch_size=5000
    )
    owner = users[0]
    big = services.create(
        Community(name="เครือข่ายกลุ่มออมทรัพย์ภาคใต้", description="ชุมชนขนาดใหญ่สำหรับวัดเวลา", join_policy="open"),
        owner,
        tags=["กลุ่มออมทรัพย์", "การเงินชุมชน"],
    )
    Membership.objects.bulk_create(
        [
            Membership(community=big, user=user, role="facilitator" if n < 5 else "member")
            for n, user in enumerate(users[1:])
        ],
        batch_size=5000,
    )
    post_ids = list(Post.objects.published().order_by("?").values_list("pk", flat=True)[: args.shared])
    SharedPost.objects.bulk_create(
        [SharedPost(community=big, post_id=pk, shared_by=owner) for pk in post_ids], batch_size=5000
    )
    now = timezone.now()
    discussed = rng.sample(post_ids, len(post_ids) // 5)
    for start in range(0, len(discussed), 5000):
        chunk = discussed[start : start + 5000]
        Post.objects.filter(pk__in=chunk).update(
            comment_count=3, last_comment_at=now - timedelta(minutes=rng.randint(1, 60 * 24 * 90))
        )
    for n in range(200):
        small = services.create(
            Community(name=f"วงเรียนรู้ตำบลที่ {n + 1}", province=rng.choice(provinces), join_policy="request"),
            users[n + 1],
            tags=[rng.choice(["เกษตรอินทรีย์", "ออมทรัพย์", "การศึกษาผู้ใหญ่"])],
        )
        SharedPost.objects.bulk_create([SharedPost(community=small, post_id=pk) for pk in rng.sample(post_ids, 50)])
        services.refresh_counts(small.pk)
    services.refresh_counts(big.pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    big.refresh_from_db()
    print(f"built in {time.monotonic() - started:.0f} s: {Post.objects.count():,} posts, "
          f"{big.member_count:,} members and {big.post_count:,} published posts in {big.name}")  # fmt: skip


def measure(args) -> None:
    from django.test import Client

    from communities.models import Community

    big = Community.objects.order_by("-member_count").first()
    client = Client()
    client.force_login(big.owner)
    urls = {
        "home /": "/",
        "community (newest)": big.get_absolute_url(),
        "community (กำลังคุยกัน)": big.get_absolute_url() + "?tab=discussed",
        "community, page 40": big.get_absolute_url() + "?page=40",
        "members": big.get_absolute_url() + "members/",
        "members, page 100": big.get_absolute_url() + "members/?page=100",
        "communities list": "/communities/",
        "communities list, Thai name order": "/communities/?sort=name",
        "community feed": big.get_absolute_url() + "feed/",
    }
    times = {name: [] for name in urls}
    for url in urls.values():  # warm up
        assert client.get(url).status_code == 200, url
    for _ in range(args.runs):
        for name, url in urls.items():
            started = time.perf_counter()
            response = client.get(url)
            times[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
    home = statistics.median(times["home /"])
    print(f"{args.runs} runs each, interleaved; a logged-in member, page cache off")
    for name, values in times.items():
        values.sort()
        median = statistics.median(values)
        p90 = values[int(len(values) * 0.9)]
        print(f"  {name:36} median {median:6.1f} ms   p90 {p90:6.1f} ms   {median / home:4.1f}x home")


if __name__ == "__main__":
    main()
