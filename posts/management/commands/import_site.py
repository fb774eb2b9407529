"""python manage.py import_site PATH.zip: restore an export_site archive into an empty database."""

import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from posts.models import Post


class Command(BaseCommand):
    help = "กู้คืนไฟล์จาก export_site ลงฐานข้อมูลว่าง (หลัง migrate) แล้วสร้างดัชนีค้นหาใหม่"

    def add_arguments(self, parser):
        parser.add_argument("path", help="ไฟล์ .zip จาก export_site")

    def handle(self, *args, path: str, **options):
        source = Path(path)
        if not zipfile.is_zipfile(source):
            raise CommandError(f"{source} ไม่ใช่ไฟล์ zip จาก export_site")
        if get_user_model().objects.exists() or Post.objects.exists():
            raise CommandError("ฐานข้อมูลนี้มีบัญชีหรือบันทึกอยู่แล้ว: กู้คืนได้เฉพาะลงฐานข้อมูลว่างที่เพิ่ง migrate")
        media = Path(settings.MEDIA_ROOT)
        with zipfile.ZipFile(source) as archive, tempfile.TemporaryDirectory() as work:
            if "data.xml" not in archive.namelist():
                raise CommandError(f"{source} ไม่มี data.xml")
            fixture = Path(work) / "data.xml"
            fixture.write_bytes(archive.read("data.xml"))
            with transaction.atomic():
                call_command("loaddata", str(fixture), verbosity=0)
            restored = 0
            for name in archive.namelist():
                inner = PurePosixPath(name)
                if inner.parts[:1] != ("media",) or name.endswith("/") or ".." in inner.parts:
                    continue  # only files under media/, never a path that climbs out
                destination = media.joinpath(*inner.parts[1:])
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.read(name))
                restored += 1
        call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(
            f"กู้คืนแล้ว: บัญชี {get_user_model().objects.count()} บันทึก {Post.objects.count()} ไฟล์สื่อ {restored}"
        )
