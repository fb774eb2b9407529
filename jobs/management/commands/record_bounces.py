"""`manage.py record_bounces FILE... [--address ADDRESS...]`: stop mailing addresses that bounced.

Each FILE is a bounce as the mail server returns it: a delivery status notification
(RFC 3464, multipart/report) saved from the bounce mailbox, for example by a
mail filter or a cron job over a Maildir. Every recipient it reports as failed
is recorded (jobs.models.BouncedAddress) and gets no more mail. A file that
cannot be read, or is no bounce, is reported and the others go on.
"""

import email
import email.policy
from email.message import Message
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from jobs.models import BouncedAddress


def failed_recipients(message: Message) -> list[tuple[str, str]]:
    """(address, reason) for each recipient a delivery status notification reports as failed."""
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        # The per-message block comes first, then one block per recipient.
        for block in part.get_payload()[1:]:
            if str(block.get("Action", "")).strip().lower() != "failed":
                continue
            recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            address = recipient.split(";", 1)[-1].strip().strip("<>")
            reason = str(block.get("Diagnostic-Code") or block.get("Status") or "").strip()
            if address:
                found.append((address, reason))
    return found


class Command(BaseCommand):
    help = "บันทึกอีเมลที่ส่งไม่ถึงจากไฟล์แจ้งการส่งไม่สำเร็จ (bounce) เพื่อหยุดส่งอีเมลไปที่อยู่นั้น"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="ไฟล์อีเมลแจ้งการส่งไม่สำเร็จ (.eml)")
        parser.add_argument("--address", action="append", default=[], help="ที่อยู่อีเมลที่ส่งไม่ถึง (ระบุซ้ำได้)")

    def handle(self, *args, files: list[str], address: list[str], **options):
        if not files and not address:
            raise CommandError("ระบุไฟล์หรือ --address อย่างน้อยหนึ่งรายการ")
        recorded, bad = 0, 0
        for value in address:
            recorded += self._record(value, "recorded by an operator")
        for name in files:
            try:
                with Path(name).open("rb") as handle:
                    message = email.message_from_binary_file(handle, policy=email.policy.compat32)
            except OSError as error:
                self.stderr.write(f"{name}: อ่านไม่ได้ ({error.strerror or error})")
                bad += 1
                continue
            failed = failed_recipients(message)
            if not failed:
                self.stderr.write(f"{name}: ไม่ใช่อีเมลแจ้งการส่งไม่สำเร็จ ข้ามไป")
                bad += 1
                continue
            for value, reason in failed:
                recorded += self._record(value, reason)
        self.stdout.write(f"บันทึกอีเมลที่ส่งไม่ถึง {recorded} ที่อยู่" + (f" มีไฟล์ที่ใช้ไม่ได้ {bad} ไฟล์" if bad else ""))

    def _record(self, value: str, reason: str) -> int:
        try:
            validate_email(value)
        except ValidationError:
            self.stderr.write(f"{value}: ไม่ใช่ที่อยู่อีเมล ข้ามไป")
            return 0
        BouncedAddress.record(value, reason)
        return 1
