"""Communities of practice (ชุมชนนักปฏิบัติ): people, and the posts shared with them.

A post lives in its author's blog and is shared into communities (GotoKnow's
way): a SharedPost row links them. Taking a post out of a community keeps the
row, with who did it and why, so the author can read the reason; the post
stays on its blog. A community shows only published posts, through
Post.objects.published(), never a rule of its own.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from tags.models import Tag, slug_validator, thai_slugify


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("เปิด: สมาชิกทุกคนเข้าร่วมได้ทันที")
    REQUEST = "request", _("ขอเข้าร่วม: ผู้ดูแลชุมชนอนุมัติ")
    INVITE = "invite", _("เฉพาะผู้ได้รับเชิญ")


class CommunityQuerySet(models.QuerySet):
    def listed(self) -> "CommunityQuerySet":
        """What readers see: every community editors have not hidden."""
        return self.filter(is_hidden=False)

    def of_member(self, user) -> "CommunityQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Community(models.Model):
    name = models.CharField(_("ชื่อชุมชน"), max_length=200)
    # Like tags: the slug keeps Thai vowel and tone marks (tags.models.thai_slugify).
    slug = models.CharField(_("ชื่อในลิงก์"), max_length=200, unique=True, validators=[slug_validator])
    description = models.TextField(_("เกี่ยวกับชุมชน"), max_length=5000, blank=True)
    tags = TaggableManager(through="communities.TaggedCommunity", blank=True, verbose_name=_("หัวข้อ"))
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    cover = models.ImageField(_("ภาพปก"), upload_to="communities/", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="owned_communities",
        verbose_name=_("ผู้ก่อตั้ง"),
    )
    join_policy = models.CharField(_("การเข้าร่วม"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN)
    is_hidden = models.BooleanField(
        _("ซ่อน"), default=False, help_text=_("บรรณาธิการซ่อนชุมชนจากรายการและหน้าเว็บได้ โดยไม่ลบข้อมูล")
    )
    created = models.DateTimeField(_("ก่อตั้งเมื่อ"), default=timezone.now, editable=False)
    # Kept by communities.services (refresh_counts), never by hand.
    member_count = models.PositiveIntegerField(_("จำนวนสมาชิก"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("จำนวนบันทึก"), default=0, editable=False)
    last_activity_at = models.DateTimeField(_("เคลื่อนไหวล่าสุด"), default=timezone.now, editable=False)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("ชุมชน")
        verbose_name_plural = _("ชุมชน")
        indexes = [
            # /communities/ sorted by recent activity (the default) or by members.
            models.Index(fields=["is_hidden", "-last_activity_at"], name="community_activity_idx"),
            models.Index(fields=["is_hidden", "-member_count"], name="community_members_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", kwargs={"slug": self.slug})

    def make_slug(self) -> str:
        base = thai_slugify(self.name)[:180] or "community"
        slug, n = base, 1
        while Community.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class TaggedCommunity(TaggedItemBase):
    content_object = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="tagged_items")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_communities")

    class Meta:
        verbose_name = _("หัวข้อของชุมชน")
        verbose_name_plural = _("หัวข้อของชุมชน")


class Membership(models.Model):
    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("คุณอำนวย (ผู้ดูแลชุมชน)")
        MEMBER = "member", _("สมาชิก")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("ชุมชน")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_memberships",
        verbose_name=_("สมาชิก"),
    )
    role = models.CharField(_("บทบาทในชุมชน"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("เข้าร่วมเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("สมาชิกชุมชน")
        verbose_name_plural = _("สมาชิกชุมชน")
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="membership_once")]
        indexes = [
            # The community page: facilitators, then members, earliest first.
            models.Index(fields=["community", "role", "joined_at"], name="membership_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.community}"

    @property
    def is_facilitator(self) -> bool:
        return self.role == self.Role.FACILITATOR


class JoinRequest(models.Model):
    """Someone asks to join a community whose joining is by request; facilitators decide."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("ชุมชน")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("ผู้ขอ")
    )
    message = models.CharField(_("ข้อความถึงผู้ดูแล"), max_length=500, blank=True)
    created = models.DateTimeField(_("ขอเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["created"]
        verbose_name = _("คำขอเข้าร่วม")
        verbose_name_plural = _("คำขอเข้าร่วม")
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="join_request_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.community}"


class Invitation(models.Model):
    """A facilitator invites a member by username; the member accepts or declines."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("ชุมชน")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_invitations",
        verbose_name=_("ผู้ได้รับเชิญ"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ผู้เชิญ")
    )
    created = models.DateTimeField(_("เชิญเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["created"]
        verbose_name = _("คำเชิญ")
        verbose_name_plural = _("คำเชิญ")
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="invitation_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.community}"


class SharedPostQuerySet(models.QuerySet):
    def active(self) -> "SharedPostQuerySet":
        return self.filter(removed_at=None)


class SharedPost(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="shares", verbose_name=_("ชุมชน"))
    post = models.ForeignKey(
        "posts.Post", on_delete=models.CASCADE, related_name="community_shares", verbose_name=_("บันทึก")
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ผู้แบ่งปัน")
    )
    shared_at = models.DateTimeField(_("แบ่งปันเมื่อ"), default=timezone.now)
    removed_at = models.DateTimeField(_("นำออกเมื่อ"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ผู้นำออก"),
    )  # fmt: skip
    removed_reason = models.CharField(_("เหตุผลที่นำออก"), max_length=500, blank=True)

    objects = SharedPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("บันทึกในชุมชน")
        verbose_name_plural = _("บันทึกในชุมชน")
        constraints = [models.UniqueConstraint(fields=["community", "post"], name="shared_post_once")]
        indexes = [
            # The post page: the communities a post is shared in.
            models.Index(fields=["post", "removed_at"], name="shared_post_post_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.post} @ {self.community}"


class CommunityBlog(models.Model):
    """A blog joined to a community: every post published in it is shared there."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="joined_blogs", verbose_name=_("ชุมชน")
    )
    blog = models.ForeignKey(
        "posts.Blog", on_delete=models.CASCADE, related_name="community_links", verbose_name=_("สมุดบันทึก")
    )
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ผู้เชื่อม")
    )
    joined_at = models.DateTimeField(_("เชื่อมเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("สมุดบันทึกที่เชื่อมกับชุมชน")
        verbose_name_plural = _("สมุดบันทึกที่เชื่อมกับชุมชน")
        constraints = [models.UniqueConstraint(fields=["community", "blog"], name="community_blog_once")]

    def __str__(self) -> str:
        return f"{self.blog} @ {self.community}"
