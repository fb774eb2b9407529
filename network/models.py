"""What ties members to posts and to each other: appreciation and reading later (follows and
notifications come next, issue 15)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Appreciation(models.Model):
    """One tap under a post: "ขอบคุณ" or "ได้ประโยชน์", once per member per post."""

    class Kind(models.TextChoices):
        THANKS = "thanks", _("ขอบคุณ")
        USEFUL = "useful", _("ได้ประโยชน์")

    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, related_name="appreciations", verbose_name=_("บันทึก")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appreciations", verbose_name=_("สมาชิก")
    )
    kind = models.CharField(_("แบบ"), max_length=10, choices=Kind.choices, default=Kind.THANKS)
    created = models.DateTimeField(_("เมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("คำขอบคุณ")
        verbose_name_plural = _("คำขอบคุณ")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="appreciation_once")]
        indexes = [
            # The post page: who appreciated it, newest first.
            models.Index(fields=["post", "-created"], name="appreciation_post_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.post}"


class Bookmark(models.Model):
    """A post kept to read later; private to its member."""

    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="bookmarks", verbose_name=_("บันทึก"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks", verbose_name=_("สมาชิก")
    )
    created = models.DateTimeField(_("เก็บเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("อ่านภายหลัง")
        verbose_name_plural = _("อ่านภายหลัง")
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="bookmark_once")]
        indexes = [
            # /me/bookmarks/: a member's list, newest first.
            models.Index(fields=["user", "-created"], name="bookmark_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ⟶ {self.post}"
