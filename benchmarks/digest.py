"""How long the weekly digests take for a whole membership, on the planet benchmark's database.

    .venv/bin/python benchmarks/digest.py --db sqlite|postgres

Run benchmarks/planet.py first (it builds the database: 10,000 members, 100,000 posts,
200,000 follows, 300 communities). This forgets any digest sent, then runs the hourly
digest job once, in this process, with mail kept in memory (no SMTP: the mail server's
own speed is not ours to measure), and prints how many went out, how many members had
nothing, the time in all and per member; then runs the job again, when nothing is due.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from benchmarks import setup_production_like
    from benchmarks.planet import PG, PG_DB, SQLITE

    setup_production_like(f"{PG}/{PG_DB}" if args.db == "postgres" else f"sqlite:///{SQLITE}")
    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.utils import timezone

    from jobs.models import SentMail
    from network import digest
    from network.models import DigestDelivery

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    DigestDelivery.objects.all().delete()
    SentMail.objects.filter(key__startswith="digest:").delete()
    now = timezone.now()
    started = time.perf_counter()
    sent = digest.send_due(now, "https://kmblog.example")
    elapsed = time.perf_counter() - started
    members = DigestDelivery.objects.count()
    empty = DigestDelivery.objects.filter(empty=True).count()
    sizes = sorted(len(message.body) for message in mail.outbox)
    print(f"{connection.vendor}: {members:,} members due, {sent:,} digests sent, {empty:,} with nothing to say")
    print(f"  {elapsed:.1f} s in all, {elapsed / members * 1000:.1f} ms per member, one worker")
    if sizes:
        print(f"  text part: median {sizes[len(sizes) // 2]:,} characters, largest {sizes[-1]:,}")
    started = time.perf_counter()
    again = digest.send_due(now, "https://kmblog.example")
    print(f"  the next hourly run: {again} sent in {time.perf_counter() - started:.2f} s (nothing due)")


if __name__ == "__main__":
    main()
