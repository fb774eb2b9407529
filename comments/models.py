from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The session keeps the ids of a guest's own pending comments, so they can see them.
OWN_COMMENTS_SESSION_KEY = "own_comments"


class CommentQuerySet(models.QuerySet):
    def approved(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.APPROVED)

    def visible_to(self, post, user, own_ids: list[int]) -> "CommentQuerySet":
        """What one person sees of a post's comments.

        Everyone: approved. The commenter: their own pending ones (members by
        account, guests by the ids kept in their session). The post's author:
        also pending and hidden ones, to moderate. Staff: everything.
        """
        if user.is_staff:
            return self.filter(post=post)
        shown = Q(status=Comment.Status.APPROVED)
        if user.is_authenticated and user.pk == post.author_id:
            shown |= Q(status__in=[Comment.Status.PENDING, Comment.Status.REMOVED])
        if user.is_authenticated:
            shown |= Q(author=user, status=Comment.Status.PENDING)
        if own_ids:
            shown |= Q(pk__in=own_ids, status=Comment.Status.PENDING)
        return self.filter(shown, post=post)


class Comment(models.Model):
    """A comment (ความเห็น) on a post, from a member or a guest."""

    class Status(models.TextChoices):
        PENDING = "pending", _("รออนุมัติ")
        APPROVED = "approved", _("อนุมัติแล้ว")
        SPAM = "spam", _("สแปม")
        REMOVED = "removed", _("ถูกลบ")

    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="comments", verbose_name=_("บันทึก"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("ตอบความเห็น"),
    )
    position = models.PositiveIntegerField(
        _("ลำดับที่"), editable=False, help_text=_("ลำดับของความเห็นในบันทึก (#1, #2, …) ใช้เป็นลิงก์ถาวร")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("สมาชิกผู้เขียน"),
    )
    guest_name = models.CharField(_("ชื่อผู้เยี่ยมชม"), max_length=100, blank=True)
    guest_email = models.EmailField(_("อีเมลผู้เยี่ยมชม"), blank=True, help_text=_("ไม่แสดงต่อสาธารณะ"))
    body = models.TextField(_("ข้อความ"), help_text=_("ข้อความธรรมดา ไม่รับ HTML"))
    status = models.CharField(_("สถานะ"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(
        _("เขียนเมื่อ"),
        default=timezone.now,
        null=True,
        blank=True,
        help_text=_("ว่างไว้สำหรับความเห็นที่นำเข้าซึ่งไม่มีวันที่"),
    )
    ip_address = models.GenericIPAddressField(_("ที่อยู่ IP"), null=True, blank=True)
    user_agent = models.CharField(_("เบราว์เซอร์"), max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["post", "position"]
        verbose_name = _("ความเห็น")
        verbose_name_plural = _("ความเห็น")
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(guest_name=""),
                name="comment_has_author_or_guest_name",
            ),
            # Also the index of the post page: a post's comments in order.
            models.UniqueConstraint(fields=["post", "position"], name="comment_unique_position"),
        ]
        indexes = [
            # Admin moderation list: comments of one status, newest first.
            models.Index(fields=["status", "-created"], name="comment_status_created_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.position} {self.display_name}: {self.body[:40]}"

    def save(self, *args, **kwargs) -> None:
        if self.position is not None:
            super().save(*args, **kwargs)
            return
        # A new comment takes the next number in its post. The post row is locked
        # first, so comments arriving at once get distinct numbers.
        post_model = self._meta.get_field("post").related_model
        with transaction.atomic():
            post_model.objects.select_for_update().filter(pk=self.post_id).values_list("pk").first()
            top = Comment.objects.filter(post_id=self.post_id).aggregate(top=Max("position"))["top"]
            self.position = (top or 0) + 1
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url()}#comment-{self.position}"

    @property
    def display_name(self) -> str:
        if self.author_id:
            return str(self.author.profile)
        return self.guest_name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @staticmethod
    def own_edit_since():
        """Comments written after this moment may still be changed by their authors."""
        return timezone.now() - timedelta(minutes=settings.COMMENT_EDIT_MINUTES)

    def can_change_own(self, user) -> bool:
        """A member may edit or delete their own comment for a while after writing it
        (COMMENT_EDIT_MINUTES), as on Discourse and WordPress; after that, it is part of
        the conversation others have answered."""
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.created is not None
            and self.created >= Comment.own_edit_since()
        )


class BlockedWord(models.Model):
    """A word or phrase that sends a comment to the moderation queue (editable in the admin)."""

    phrase = models.CharField(_("คำหรือวลี"), max_length=100, unique=True)
    created = models.DateTimeField(_("เพิ่มเมื่อ"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("คำต้องห้าม")
        verbose_name_plural = _("คำต้องห้าม")

    def __str__(self) -> str:
        return self.phrase
