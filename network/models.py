"""What ties members to posts and to each other: appreciation, reading later, follows,
notifications and the digest's bookkeeping."""

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


FOLLOW_TARGETS = ("user", "blog", "tag", "community")


class Follow(models.Model):
    """A member follows a person, a blog, a tag or a community: exactly one of the four.

    Following is public (profiles list followers and following). Their new
    posts reach the follower's planet (แพลนเน็ต) and, if they wish, a notification.
    """

    TARGETS = FOLLOW_TARGETS

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following", verbose_name=_("ผู้ติดตาม")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("สมาชิก"),
    )
    blog = models.ForeignKey(
        "posts.Blog",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("สมุดบันทึก"),
    )
    tag = models.ForeignKey(
        "tags.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="followers", verbose_name=_("คำสำคัญ")
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("ชุมชน"),
    )
    created = models.DateTimeField(_("ติดตามเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("การติดตาม")
        verbose_name_plural = _("การติดตาม")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, blog=None, tag=None, community=None)
                    | models.Q(user=None, blog__isnull=False, tag=None, community=None)
                    | models.Q(user=None, blog=None, tag__isnull=False, community=None)
                    | models.Q(user=None, blog=None, tag=None, community__isnull=False)
                ),
                name="follow_one_target",
            ),
            models.CheckConstraint(condition=~models.Q(follower=models.F("user")), name="follow_not_self"),
            # Each also serves "what does this member follow" (the planet's subqueries,
            # the follow button): the follower comes first.
            *(
                models.UniqueConstraint(
                    fields=["follower", target],
                    condition=models.Q(**{f"{target}__isnull": False}),
                    name=f"follow_{target}_once",
                )
                for target in FOLLOW_TARGETS
            ),
        ]
        # The target columns have Django's foreign-key indexes: "who follows X" (followers lists, new-post notices).

    def __str__(self) -> str:
        return f"{self.follower} → {self.target}"

    @property
    def target(self):
        return self.user or self.blog or self.tag or self.community

    @classmethod
    def target_field(cls, target) -> str:
        """Which of the four columns holds `target` (a User, Blog, Tag or Community)."""
        label = target._meta.label_lower
        fields = {settings.AUTH_USER_MODEL.lower(): "user", "posts.blog": "blog", "tags.tag": "tag"}
        return fields.get(label) or {"communities.community": "community"}[label]


class NotificationQuerySet(models.QuerySet):
    def shown(self) -> "NotificationQuerySet":
        """What the bell counts and /me/notifications/ lists: on-site notices whose post is still
        published and whose comment was not taken down. (Deleted posts and comments take their
        notices with them; a post turned back into a draft hides them until it is published again.)"""
        from comments.models import Comment
        from posts.models import Post

        return self.filter(on_site=True).filter(
            models.Q(post=None) | models.Q(post__status=Post.Status.PUBLISHED, post__published_at__lte=timezone.now()),
            ~models.Q(comment__status__in=[Comment.Status.SPAM, Comment.Status.REMOVED]),
        )

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at=None)


class Notification(models.Model):
    """Something a member should know about. One row per recipient and purpose (`key`), so
    work that runs twice notifies once. Rows are kept for mail-only choices too: they are
    the record that the mail was meant, and what the mail task reads."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("ความเห็นในบันทึกของฉัน")
        REPLY = "reply", _("การตอบความเห็นของฉัน")
        MENTION = "mention", _("มีผู้กล่าวถึงฉัน (@ชื่อผู้ใช้)")
        FOLLOWER = "follower", _("ผู้ติดตามใหม่")
        NEW_POST = "new_post", _("บันทึกใหม่จากสิ่งที่ฉันติดตาม")
        COMMUNITY = "community", _("คำขอเข้าร่วมและคำตอบในชุมชน")
        POST_REMOVED = "post_removed", _("บันทึกของฉันถูกนำออกจากชุมชน")
        APPRECIATION = "appreciation", _("คำขอบคุณบันทึกของฉัน")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("ผู้รับ")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้กระทำ"),
    )
    kind = models.CharField(_("เรื่อง"), max_length=20, choices=Kind.choices)
    # A variant within the kind: "pending" for a comment awaiting approval; "request",
    # "approved", "refused" for a community; the appreciation's kind.
    detail = models.CharField(_("รายละเอียด"), max_length=20, blank=True)
    key = models.CharField(_("รหัสเรื่อง"), max_length=120)
    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("บันทึก")
    )
    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("ความเห็น")
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ชุมชน"),
    )
    on_site = models.BooleanField(_("แสดงบนเว็บ"), default=True)
    created = models.DateTimeField(_("เมื่อ"), default=timezone.now)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")]
        indexes = [
            # /me/notifications/: a member's notices, newest first.
            models.Index(fields=["recipient", "-created"], name="notification_list_idx"),
            # The bell: a member's unread on-site notices (small, so the count is cheap).
            models.Index(
                fields=["recipient"],
                name="notification_unread_idx",
                condition=models.Q(read_at=None, on_site=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("network:open_notification", kwargs={"pk": self.pk})


class Channel(models.TextChoices):
    """Where a member wants one kind of notification."""

    BOTH = "both", _("บนเว็บและอีเมล")
    SITE = "site", _("บนเว็บ")
    MAIL = "mail", _("อีเมล")
    NONE = "none", _("ไม่รับ")


class Digest(models.TextChoices):
    WEEKLY = "weekly", _("ทุกสัปดาห์")
    DAILY = "daily", _("ทุกวัน")
    NONE = "none", _("ไม่รับ")


# What a member gets until they choose: what concerns them directly comes by mail too;
# what is only news stays on the site (the digest gathers it).
DEFAULT_CHANNELS = {
    Notification.Kind.COMMENT: Channel.BOTH,
    Notification.Kind.REPLY: Channel.BOTH,
    Notification.Kind.MENTION: Channel.BOTH,
    Notification.Kind.FOLLOWER: Channel.SITE,
    Notification.Kind.NEW_POST: Channel.SITE,
    Notification.Kind.COMMUNITY: Channel.BOTH,
    Notification.Kind.POST_REMOVED: Channel.BOTH,
    Notification.Kind.APPRECIATION: Channel.SITE,
}


class Preferences(models.Model):
    """A member's choices for notifications, the digest and their planet. No row: the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_preferences", verbose_name=_("สมาชิก")
    )
    channels = models.JSONField(_("ช่องทางการแจ้งเตือน"), default=dict, blank=True)
    digest = models.CharField(_("อีเมลสรุป"), max_length=10, choices=Digest.choices, default=Digest.WEEKLY)
    planet_public = models.BooleanField(
        _("เปิดแพลนเน็ตให้ทุกคนดู"), default=False, help_text=_("แสดงแพลนเน็ตของฉันที่ /people/<ชื่อผู้ใช้>/planet/ พร้อมฟีด")
    )

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def of(cls, user) -> "Preferences":
        """The member's preferences, unsaved defaults if they never chose."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    def channel(self, kind: str) -> str:
        chosen = self.channels.get(kind)
        return chosen if chosen in Channel.values else DEFAULT_CHANNELS[kind]


class DigestDelivery(models.Model):
    """One member's digest for one period. The row is claimed before the mail is made, so
    several workers share the work; a claim older than the lease is taken over (the worker
    died), and `sent_at` is set once the mail is out, so nobody gets two copies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("สมาชิก")
    )
    period = models.CharField(_("รอบ"), max_length=30)  # "weekly:2026-11-16"
    claimed_at = models.DateTimeField(_("เริ่มทำเมื่อ"), null=True, blank=True)
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    empty = models.BooleanField(_("ไม่มีเรื่องให้ส่ง"), default=False)

    class Meta:
        verbose_name = _("อีเมลสรุป")
        verbose_name_plural = _("อีเมลสรุป")
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="digest_once_per_period")]

    def __str__(self) -> str:
        return f"{self.user} · {self.period}"
