import re
import unicodedata

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from kmblog.urlcache import reverse_cached

# Characters that cannot stand in one path segment of a URL, or that browsers
# and feed readers treat specially; everything else (Thai marks included) stays.
_UNSAFE = re.compile(r"[/\\?#%&<>\"'`|^{}\[\]\x00-\x1f\x7f]+")
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")

slug_validator = RegexValidator(
    r"^[^/\\?#%\s]+\Z",
    _("ชื่อในลิงก์ต้องไม่มีช่องว่าง หรือเครื่องหมาย / \\ ? # %"),
)


def thai_slugify(name: str) -> str:
    """A URL-safe slug that keeps Thai text intact.

    Django's slugify drops Thai vowel and tone marks (รักเธอ becomes รกเธอ, and
    ป่า collides with ปา). Here only what would break a URL goes: spaces become
    hyphens, URL-special punctuation is removed, Latin letters are lower-cased.
    """
    text = unicodedata.normalize("NFC", name).strip().lstrip("#").strip()
    text = _UNSAFE.sub("", text)
    text = _SPACES.sub("-", text).strip("-")
    return text.lower()


class TagQuerySet(models.QuerySet):
    def popular(self) -> "TagQuerySet":
        """Tags on published posts, with num_posts, most used first."""
        from posts.models import Post

        published = Q(tagged_posts__content_object__in=Post.objects.published())
        return (
            self.annotate(num_posts=Count("tagged_posts", filter=published))
            .filter(num_posts__gt=0)
            .order_by("-num_posts", "name")
        )


class Tag(TagBase):
    """A keyword (คำสำคัญ) on posts; its slug is its URL and keeps Thai text whole."""

    # Replaces taggit's SlugField, whose validator rejects Thai vowel and tone marks.
    slug = models.CharField(_("ชื่อในลิงก์"), max_length=100, unique=True, validators=[slug_validator])

    class Meta:
        verbose_name = _("คำสำคัญ")
        verbose_name_plural = _("คำสำคัญ")
        ordering = ["name"]

    # Keeps taggit's natural keys (fixtures, dumpdata) and adds our queries.
    objects = NaturalKeyManager.from_queryset(TagQuerySet)()

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = thai_slugify(tag) or "tag"
        if i is not None:
            slug += f"-{i}"
        return slug

    def get_absolute_url(self) -> str:
        return reverse_cached("tags:detail", slug=self.slug)


class TaggedPost(TaggedItemBase):
    """The link between a post and a tag (a direct table, not taggit's generic one)."""

    content_object = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="tagged_items")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_posts")

    class Meta:
        verbose_name = _("คำสำคัญของบันทึก")
        verbose_name_plural = _("คำสำคัญของบันทึก")
        constraints = [
            models.UniqueConstraint(fields=["tag", "content_object"], name="taggedpost_unique_tag_post"),
        ]
        # The unique constraint's index (tag, post) serves the tag page, which
        # looks up the posts of one tag; the post FK index serves the post page.
