"""python manage.py flush_read_counts: write the reads counted in the cache to the database.

The task worker does this every READ_COUNT_FLUSH_SECONDS (posts.tasks.flush_read_counts);
the command is for an operator who wants the counts written now.
"""

from django.core.management.base import BaseCommand

from posts.reads import flush_reads


class Command(BaseCommand):
    help = "บันทึกจำนวนการอ่านที่นับไว้ในแคชลงฐานข้อมูล"

    def handle(self, *args, **options):
        self.stdout.write(f"บันทึกการอ่านลงฐานข้อมูลแล้ว {flush_reads()} ครั้ง")
