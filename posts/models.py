from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from kmblog.urlcache import reverse_cached
from posts.html import sanitize_html


class Blog(models.Model):
    """A notebook (สมุดบันทึก): a member keeps several, each with its own theme."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blogs", verbose_name=_("เจ้าของ")
    )
    title = models.CharField(_("ชื่อสมุดบันทึก"), max_length=200)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    created = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["title"]
        verbose_name = _("สมุดบันทึก")
        verbose_name_plural = _("สมุดบันทึก")
        indexes = [
            # Profile page: a member's blogs.
            models.Index(fields=["owner", "title"], name="blog_owner_title_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:blog", pk=self.pk)

    def can_edit(self, user) -> bool:
        return user.is_authenticated and (user.pk == self.owner_id or user.is_staff)

    @classmethod
    def create_first(cls, owner) -> "Blog":
        """A member's first blog, so they can write at once (sign-up, or the editor if none is left)."""
        return cls.objects.create(
            owner=owner,
            title=_("สมุดบันทึกของ %(name)s") % {"name": owner.profile},
            description=_("บันทึกการเรียนรู้และการแลกเปลี่ยนประสบการณ์"),
        )


class Series(models.Model):
    """Posts that belong together in order ("… ตอนที่1", "… ตอนที่2"), within one blog."""

    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="series", verbose_name=_("สมุดบันทึก"))
    title = models.CharField(_("ชื่อชุดบันทึก"), max_length=300)
    created = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("ชุดบันทึก")
        verbose_name_plural = _("ชุดบันทึก")
        constraints = [models.UniqueConstraint(fields=["blog", "title"], name="series_unique_title_in_blog")]

    def __str__(self) -> str:
        return self.title


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("สงวนสิทธิ์ทุกประการ")
    CC_BY = "cc-by", _("ครีเอทีฟคอมมอนส์ แสดงที่มา (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa", _("ครีเอทีฟคอมมอนส์ แสดงที่มา-อนุญาตแบบเดียวกัน (CC BY-SA 4.0)")
    CC_BY_ND = "cc-by-nd", _("ครีเอทีฟคอมมอนส์ แสดงที่มา-ห้ามดัดแปลง (CC BY-ND 4.0)")
    CC_BY_NC = "cc-by-nc", _("ครีเอทีฟคอมมอนส์ แสดงที่มา-ไม่ใช้เพื่อการค้า (CC BY-NC 4.0)")
    CC_BY_NC_SA = "cc-by-nc-sa", _("ครีเอทีฟคอมมอนส์ แสดงที่มา-ไม่ใช้เพื่อการค้า-อนุญาตแบบเดียวกัน (CC BY-NC-SA 4.0)")
    CC_BY_NC_ND = "cc-by-nc-nd", _("ครีเอทีฟคอมมอนส์ แสดงที่มา-ไม่ใช้เพื่อการค้า-ห้ามดัดแปลง (CC BY-NC-ND 4.0)")

    @classmethod
    def deed_url(cls, value: str) -> str:
        """The Creative Commons deed for a CC licence, "" for all rights reserved."""
        if not value.startswith("cc-"):
            return ""
        return f"https://creativecommons.org/licenses/{value.removeprefix('cc-')}/4.0/deed.th"


class PostQuerySet(models.QuerySet):
    """The publication rules, in one place for every page, feed and sitemap."""

    def published(self) -> "PostQuerySet":
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user) -> "PostQuerySet":
        """What a person may open: published posts, plus their own (staff: all)."""
        if user.is_staff:
            return self.all()
        published = Q(status=Post.Status.PUBLISHED, published_at__lte=timezone.now())
        if user.is_authenticated:
            return self.filter(published | Q(author=user))
        return self.filter(published)

    def drafts(self) -> "PostQuerySet":
        return self.filter(status=Post.Status.DRAFT)

    def scheduled(self) -> "PostQuerySet":
        return self.filter(status=Post.Status.PUBLISHED, published_at__gt=timezone.now())

    def by_discussion(self) -> "PostQuerySet":
        """Posts with an approved comment, the latest comment first ("กำลังคุยกัน"; post_last_comment_idx)."""
        return self.filter(last_comment_at__isnull=False).order_by(F("last_comment_at").desc(), "-pk")

    def for_list(self) -> "PostQuerySet":
        """What a post card shows: blog, author card and tags (Post.tag_list), in a fixed number of queries.

        The tags go to a list: prefetched into the manager's cache, Django builds a taggit
        queryset for every post to hold them (about 0.15 ms each, 3 ms for a page)."""
        return (
            self.select_related("blog", "author__profile")
            .prefetch_related(Prefetch("tags", to_attr="listed_tags"))
            .order_by("-published_at", "-pk")
        )


class Post(models.Model):
    """A post (บันทึก). Its public number is its identity in URLs."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("ฉบับร่าง")
        PUBLISHED = "published", _("เผยแพร่")

    number = models.PositiveIntegerField(
        _("หมายเลขบันทึก"),
        unique=True,
        editable=False,
        help_text=_("ใช้ในลิงก์ /posts/<หมายเลข>/ บันทึกที่นำเข้าจาก GotoKnow ใช้หมายเลขเดิม"),
    )
    blog = models.ForeignKey(Blog, on_delete=models.CASCADE, related_name="posts", verbose_name=_("สมุดบันทึก"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts", verbose_name=_("ผู้เขียน")
    )
    title = models.CharField(_("ชื่อบันทึก"), max_length=300)
    lead = models.TextField(_("ความนำ"), blank=True, help_text=_("ย่อหน้าแรกที่แสดงในรายการบันทึก"))
    body = models.TextField(_("เนื้อหา"), blank=True, help_text=_("HTML ที่ผ่านการกรองแล้ว"))
    status = models.CharField(_("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("เขียนเมื่อ"), null=True, blank=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), default=timezone.now)
    created = models.DateTimeField(_("สร้างเมื่อ"), default=timezone.now, editable=False)
    licence = models.CharField(
        _("สัญญาอนุญาต"), max_length=20, choices=Licence.choices, default=Licence.ALL_RIGHTS_RESERVED
    )
    allow_comments = models.BooleanField(_("เปิดรับความเห็น"), default=True)
    # Positive integer fields carry a CHECK (>= 0) in both SQLite and PostgreSQL.
    read_count = models.PositiveIntegerField(_("จำนวนการอ่าน"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(
        _("จำนวนความเห็น"), default=0, editable=False, help_text=_("นับเฉพาะความเห็นที่อนุมัติแล้ว")
    )
    # When the latest approved comment was written: "กำลังคุยกัน" in a community.
    last_comment_at = models.DateTimeField(_("ความเห็นล่าสุดเมื่อ"), null=True, blank=True, editable=False)
    import_key = models.CharField(
        _("รหัสต้นทาง"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("ที่มาของบันทึกที่นำเข้า เช่น gotoknow:56697 ใช้ให้การนำเข้าซ้ำไม่สร้างบันทึกซ้ำ"),
    )
    tags = TaggableManager(through="tags.TaggedPost", blank=True, verbose_name=_("คำสำคัญ"))
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts", verbose_name=_("ชุดบันทึก")
    )
    series_part = models.PositiveSmallIntegerField(_("ตอนที่"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("บันทึก")
        verbose_name_plural = _("บันทึก")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="post_published_has_date",
            ),
            models.UniqueConstraint(fields=["import_key"], condition=~Q(import_key=""), name="post_unique_import_key"),
            # Also the index of the post page's series list: a series' parts in order.
            models.UniqueConstraint(fields=["series", "series_part"], name="post_unique_series_part"),
        ]
        indexes = [
            # Home page and site feed: newest published posts. Each list orders by
            # (-published_at, -id), and the id ends each index: SQLite then walks
            # it and stops at the page (100k posts: 8 ms), where with the order's
            # last part missing it planned the home page from the blogs' index and
            # sorted every post (375 ms).
            models.Index(fields=["status", "-published_at", "-id"], name="post_status_published_idx"),
            # Blog page: a blog's newest published posts.
            models.Index(fields=["blog", "status", "-published_at", "-id"], name="post_blog_published_idx"),
            # Profile page: an author's newest published posts.
            models.Index(fields=["author", "status", "-published_at", "-id"], name="post_author_published_idx"),
            # A community's "กำลังคุยกัน": posts by their latest approved comment.
            models.Index(
                fields=["-last_comment_at", "-id"],
                name="post_last_comment_idx",
                condition=Q(last_comment_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # Kept by SQL updates only (comment moderation, read flushes): saving a post
    # object loaded a moment earlier must not write its stale copies back.
    COUNTERS = ("read_count", "comment_count", "last_comment_at")

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        if not self._state.adding and "update_fields" not in kwargs:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in self.COUNTERS
            ]
        if self.number is not None:
            super().save(*args, **kwargs)
            return
        # A new post takes the next free number. Two posts saved at once may pick
        # the same one: the unique constraint refuses the second, which retries.
        for _attempt in range(5):
            self.number = (Post.objects.aggregate(top=Max("number"))["top"] or 0) + 1
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                if Post.objects.filter(number=self.number).exclude(pk=self.pk).exists():
                    continue
                raise
        raise IntegrityError("could not find a free post number")

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:detail", number=self.number)

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def tag_list(self) -> list:
        """The post's tags: those for_list() fetched with the page, or one query."""
        try:
            return self.listed_tags
        except AttributeError:
            return list(self.tags.all())

    @property
    def was_edited(self) -> bool:
        """Edited after it was published (a minute's grace for the first save)."""
        if not self.published_at:
            return False
        return (self.updated_at - self.published_at).total_seconds() > 60

    @property
    def licence_url(self) -> str:
        return Licence.deed_url(self.licence)

    def can_edit(self, user) -> bool:
        """The one ownership rule for writes: the author, or staff."""
        return user.is_authenticated and (user.pk == self.author_id or user.is_staff)


class Autosave(models.Model):
    """What a writer typed in the editor and has not saved yet, kept on the server as they type.

    One per writer and post (no post: a new post not yet saved). Opening the
    editor, on any device, offers to restore it when it is newer than the post;
    saving the post in any way removes it. A published post is never changed by
    an autosave: the typing waits here until the writer presses a button.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autosaves", verbose_name=_("ผู้เขียน")
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="autosaves", verbose_name=_("บันทึก")
    )
    data = models.JSONField(_("ข้อความที่พิมพ์ไว้"), default=dict)
    saved_at = models.DateTimeField(_("บันทึกอัตโนมัติเมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("งานที่บันทึกอัตโนมัติ")
        verbose_name_plural = _("งานที่บันทึกอัตโนมัติ")
        constraints = [
            models.UniqueConstraint(fields=["author", "post"], name="autosave_one_per_post"),
            models.UniqueConstraint(
                fields=["author"], condition=Q(post__isnull=True), name="autosave_one_per_new_post"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} · {self.data.get('title', '')[:40]}"

    def form_initial(self) -> dict:
        """The editor's fields as they were typed, for PostForm(initial=...)."""
        initial = {name: value for name, value in self.data.items() if value not in ("", None)}
        initial["allow_comments"] = self.data.get("allow_comments") in ("on", "true", "1", True)
        return initial
