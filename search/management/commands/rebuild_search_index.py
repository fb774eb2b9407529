"""python manage.py rebuild_search_index [--batch-size N]

Indexes every post, comment, community and person anew: after an upgrade that
changes how text is indexed, or after writing rows in bulk without signals
(generate_corpus, a restore). Safe to run while the site serves: each batch
replaces its own entries in one transaction.
"""

import time

from django.core.management.base import BaseCommand

from search.index import rebuild
from search.models import Entry


class Command(BaseCommand):
    help = (
        "สร้างดัชนีค้นหาใหม่ทั้งหมด (บันทึกที่เผยแพร่ ความเห็นที่อนุมัติ ชุมชน และสมาชิก) ทำเป็นชุด ชุดละหนึ่งทรานแซกชัน เว็บให้บริการต่อได้ระหว่างทำ"
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        started = time.perf_counter()
        counts = rebuild(batch_size=max(1, batch_size))
        seconds = time.perf_counter() - started
        summary = " ".join(f"{Entry.Kind(kind).label} {count:,}" for kind, count in counts.items())
        self.stdout.write(f"ดัชนีค้นหา: {summary} ({seconds:.1f} วินาที)")
