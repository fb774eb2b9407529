"""python manage.py rebuild_search_index [--batch-size N]"""

from django.core.management.base import BaseCommand

from posts.management.progress import ProgressBar
from posts.models import Post, SearchEntry
from posts.search.index import reindex


class Command(BaseCommand):
    help = (
        "สร้างดัชนีค้นหาใหม่ทั้งหมดจากบันทึกที่เผยแพร่ ทำเป็นชุด ชุดละหนึ่งทรานแซกชัน "
        "เว็บให้บริการต่อได้ระหว่างทำ (ผลค้นหาเปลี่ยนทีละชุด ไม่มีช่วงที่ดัชนีว่าง)"
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
        total = len(ids)
        progress = ProgressBar(self.stdout)
        for start in range(0, total, batch_size):
            reindex(ids[start : start + batch_size])
            progress.update(min(start + batch_size, total), total)
        progress.clear()
        stale = SearchEntry.objects.exclude(post__status=Post.Status.PUBLISHED).delete()[0]
        indexed = SearchEntry.objects.count()
        self.stdout.write(f"ดัชนีค้นหา: {indexed} บันทึกที่เผยแพร่ จากทั้งหมด {total} บันทึก (ลบรายการค้าง {stale})")
