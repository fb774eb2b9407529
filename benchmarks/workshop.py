"""A KM workshop (เวที) behind one NAT address: how many of its members get refused?

    .venv/bin/python benchmarks/workshop.py [--code DIR] [--members 30] [--comments 3]

Thirty members of one office share one public address. Each mistypes their
password once, logs in, and comments three times on the workshop's post;
guests in the room comment too. Everything goes through the site's own views
(Django's test client) with the default settings, on a scratch SQLite file.
--code DIR runs another checkout (an older commit from `git worktree add`)
with this virtualenv, for a before/after figure.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAT = "203.0.113.7"
PASSWORD = "workshop-2569"  # noqa: S105 (scratch accounts in a throwaway database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--comments", type=int, default=3)
    parser.add_argument("--guests", type=int, default=20)
    args = parser.parse_args()
    code = args.code.resolve()
    os.chdir(code)
    sys.path.insert(0, str(code))
    database = Path(tempfile.mkdtemp()) / "workshop.sqlite3"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kmblog.settings",
            "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{database}",
            "LOG_LEVEL": "CRITICAL",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the scenario, not hashing
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from posts.models import Blog, Post

    users = get_user_model()
    host = users.objects.create_user("facilitator", password=PASSWORD)
    blog = Blog.objects.create(owner=host, title="เวทีแลกเปลี่ยนเรียนรู้")
    post = Post.objects.create(
        blog=blog, author=host, title="ถอดบทเรียนเวทีวันนี้", lead="นำ", body="<p>เนื้อหา</p>",
        status=Post.Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    for n in range(args.members):
        users.objects.create_user(f"kit{n}", password=PASSWORD)

    logins_refused = comments_refused = guest_refused = 0
    client = Client(REMOTE_ADDR=NAT)
    for n in range(args.members):
        client.post("/accounts/login/", {"username": f"kit{n}", "password": "typo"})
        client.post("/accounts/login/", {"username": f"kit{n}", "password": PASSWORD})
        if "_auth_user_id" not in client.session:
            logins_refused += 1
            continue
        for c in range(args.comments):
            response = client.post(f"/posts/{post.number}/comments/", {"body": f"ข้อคิดที่ {c + 1}"})
            comments_refused += response.status_code == 429
        client.logout()
    for n in range(args.guests):
        response = Client(REMOTE_ADDR=NAT).post(
            f"/posts/{post.number}/comments/", {"guest_name": f"แขก {n}", "body": "ขอบคุณครับ"}
        )
        guest_refused += response.status_code == 429
    print(f"{code}")
    print(f"  {args.members} members behind one address, one typo each: {logins_refused} could not log in")
    print(f"  their {args.members * args.comments} comments: {comments_refused} refused (429)")
    print(f"  {args.guests} guests in the same room: {guest_refused} refused (429)")
    # members who could not log in never got to comment: their comments count as refused too
    lost = comments_refused + logins_refused * args.comments
    print(f"  member comments that did not get through: {lost} of {args.members * args.comments}")


if __name__ == "__main__":
    main()
