"""python manage.py flush_read_counts: write the reads counted in the cache to the database.

Run it every minute or so (cron, a systemd timer); requests also flush when the
last flush is older than READ_COUNT_FLUSH_SECONDS, so it is a speed-up, not a must.
"""

from django.core.management.base import BaseCommand

from posts.reads import flush_reads


class Command(BaseCommand):
    help = "บันทึกจำนวนการอ่านที่นับไว้ในแคชลงฐานข้อมูล"

    def handle(self, *args, **options):
        self.stdout.write(f"บันทึกการอ่านลงฐานข้อมูลแล้ว {flush_reads()} ครั้ง")
