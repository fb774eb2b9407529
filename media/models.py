"""What members upload for their posts: pictures (re-encoded, with renditions) and documents."""

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def upload_path(instance: "MediaFile", filename: str) -> str:
    """media/<owner>/<random>.<ext>: the name is ours (filename is already random), never the uploader's."""
    return f"uploads/{instance.owner_id}/{filename}"


TYPE_LABELS = {
    "pdf": "PDF", "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel", "ppt": "PowerPoint",
    "pptx": "PowerPoint", "odt": "OpenDocument", "ods": "OpenDocument", "odp": "OpenDocument", "txt": "TXT",
}  # fmt: skip


class MediaFile(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("รูปภาพ")
        DOCUMENT = "document", _("เอกสาร")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="media_files", verbose_name=_("เจ้าของ")
    )
    kind = models.CharField(_("ชนิด"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("ไฟล์"), upload_to=upload_path, max_length=300)
    original_name = models.CharField(_("ชื่อไฟล์เดิม"), max_length=255)
    content_type = models.CharField(_("ประเภทไฟล์"), max_length=100)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"))
    width = models.PositiveIntegerField(_("กว้าง"), null=True, blank=True)
    height = models.PositiveIntegerField(_("สูง"), null=True, blank=True)
    # {"480": {"webp": "uploads/…-480.webp", "jpeg": "uploads/…-480.jpg"}, …}, made by media.tasks.
    renditions = models.JSONField(_("ขนาดย่อ"), default=dict, blank=True)
    created = models.DateTimeField(_("อัปโหลดเมื่อ"), default=timezone.now)
    # Kept by media/signals.py from each post's HTML on save: where the file is used.
    posts = models.ManyToManyField("posts.Post", blank=True, related_name="media_files", verbose_name=_("ใช้ในบันทึก"))

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("ไฟล์ที่อัปโหลด")
        verbose_name_plural = _("ไฟล์ที่อัปโหลด")
        indexes = [
            # /me/media/: a member's uploads, newest first; the quota's sum.
            models.Index(fields=["owner", "-created"], name="media_owner_created_idx"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return self.file.url

    @property
    def type_label(self) -> str:
        """What kind of document, as a reader names it (PDF, Word ...)."""
        extension = self.file.name.rsplit(".", 1)[-1].lower()
        return TYPE_LABELS.get(extension, extension.upper())

    def delete_url(self) -> str:
        return reverse("media:delete", kwargs={"pk": self.pk})


class Quota(models.Model):
    """A member's upload space when an editor raised (or lowered) it; no row: MEDIA_QUOTA_MB."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="media_quota", verbose_name=_("สมาชิก")
    )
    megabytes = models.PositiveIntegerField(_("พื้นที่ (MB)"))

    class Meta:
        verbose_name = _("พื้นที่อัปโหลด")
        verbose_name_plural = _("พื้นที่อัปโหลด")

    def __str__(self) -> str:
        return f"{self.user}: {self.megabytes} MB"

    @staticmethod
    def limit_bytes(user) -> int:
        row = Quota.objects.filter(user=user).values_list("megabytes", flat=True).first()
        return (row if row is not None else settings.MEDIA_QUOTA_MB) * 1024 * 1024

    @staticmethod
    def used_bytes(user) -> int:
        return MediaFile.objects.filter(owner=user).aggregate(total=Sum("size"))["total"] or 0
