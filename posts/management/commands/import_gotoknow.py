"""python manage.py import_gotoknow PATH [PATH ...] [--author USERNAME]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from posts.gotoknow import ExportError, ImportStats, archive_user, parse_export, save_post
from posts.management.progress import ProgressBar


class Command(BaseCommand):
    help = "นำเข้าบันทึกจากไฟล์ส่งออกของ GotoKnow (ไฟล์ข้อความ หนึ่งบันทึกต่อไฟล์) PATH เป็นไฟล์หรือโฟลเดอร์ก็ได้ นำเข้าซ้ำได้โดยไม่เกิดบันทึกซ้ำ"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="ไฟล์หรือโฟลเดอร์ของไฟล์ส่งออก")
        parser.add_argument("--author", metavar="USERNAME", help="เจ้าของบันทึกที่นำเข้า (ค่าเริ่มต้น: บัญชีคลังบันทึก)")

    def handle(self, *args, paths: list[str], author: str | None, **options):
        if author:
            try:
                owner = get_user_model().objects.get(username=author)
            except get_user_model().DoesNotExist:
                raise CommandError(f"ไม่พบผู้ใช้ '{author}'") from None
        else:
            owner = archive_user()

        files, failures = self._collect(paths)
        stats = ImportStats()
        progress = ProgressBar(self.stdout)
        for index, path in enumerate(files, start=1):
            progress.update(index, len(files), path.name)
            try:
                raw = path.read_bytes().decode("utf-8-sig")
                parsed = parse_export(raw)
                post = save_post(parsed, owner, stats)
            except UnicodeDecodeError:
                failures.append((path, "ไม่ใช่ไฟล์ข้อความ UTF-8"))
                continue
            except (ExportError, OSError) as error:
                failures.append((path, str(error)))
                continue
            for warning in parsed.warnings:
                progress.clear()
                self.stdout.write(self.style.WARNING(f"{path}: {warning} (บันทึก {post.number})"))
        progress.clear()

        for path, reason in failures:
            self.stderr.write(f"{path}: {reason}")
        self.stdout.write(
            f"บันทึก: ใหม่ {stats.posts_created} ปรับปรุง {stats.posts_updated} ไม่เปลี่ยน {stats.posts_unchanged} · "
            f"ความเห็น: ใหม่ {stats.comments_created} ปรับปรุง {stats.comments_updated} · "
            f"คำสำคัญใหม่ {stats.tags_created} · สมุดบันทึกใหม่ {stats.blogs_created} · "
            f"ไฟล์ที่อ่านไม่ได้ {len(failures)} จาก {len(files) + len(failures)}"
        )
        if failures:
            raise CommandError(f"นำเข้าไม่สำเร็จ {len(failures)} ไฟล์")

    def _collect(self, paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
        files: list[Path] = []
        failures: list[tuple[Path, str]] = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files.extend(
                    p
                    for p in sorted(path.rglob("*"))
                    if p.is_file() and not any(part.startswith(".") for part in p.parts[len(path.parts) :])
                )
            elif path.is_file():
                files.append(path)
            else:
                failures.append((path, "ไม่พบไฟล์หรือโฟลเดอร์นี้"))
        return files, failures
