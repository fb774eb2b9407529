"""python manage.py export_site PATH.zip: all content and accounts, to restore with import_site.

The zip holds data.xml and media/ (avatars, covers, uploaded pictures and documents). data.xml is Django's XML
serialiser output: unlike its JSON one it keeps microseconds, and natural keys
for permissions let it load into any fresh database, SQLite or PostgreSQL.
Passwords are exported only as Django's salted hashes. The search index is left
out: import_site rebuilds it.
"""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

MODELS = [
    "auth.group",
    "auth.user",
    "profiles.role",
    "profiles.profile",
    "posts.blog",
    "posts.series",
    "posts.post",
    "tags.tag",
    "tags.taggedpost",
    "comments.blockedword",
    "comments.comment",
    "communities.community",
    "communities.taggedcommunity",
    "communities.membership",
    "communities.joinrequest",
    "communities.invitation",
    "communities.sharedpost",
    "communities.communityblog",
    "network.appreciation",
    "network.bookmark",
    "network.follow",
    "network.preferences",
    "media.mediafile",
    "media.quota",
]


class Command(BaseCommand):
    help = "ส่งออกเนื้อหาและบัญชีทั้งหมดเป็นไฟล์ zip (รหัสผ่านเป็นค่าแฮชเท่านั้น) เพื่อกู้คืนด้วย import_site"

    def add_arguments(self, parser):
        parser.add_argument("path", help="ไฟล์ .zip ที่จะเขียน")

    def handle(self, *args, path: str, **options):
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} มีอยู่แล้ว: เลือกชื่อไฟล์ใหม่ เพื่อไม่ให้เขียนทับข้อมูลสำรองเดิม")
        data = io.StringIO()
        call_command("dumpdata", *MODELS, format="xml", natural_foreign=True, stdout=data)
        media = Path(settings.MEDIA_ROOT)
        files = [p for p in media.rglob("*") if p.is_file()] if media.is_dir() else []
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.xml", data.getvalue())
            for file in files:
                archive.write(file, f"media/{file.relative_to(media).as_posix()}")
        self.stdout.write(f"ส่งออกแล้ว: {target} (ข้อมูล {len(data.getvalue()):,} ไบต์, ไฟล์สื่อ {len(files)} ไฟล์)")
