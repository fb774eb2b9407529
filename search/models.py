from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Entry(models.Model):
    """One searchable thing as the search engines read it.

    Two forms of the same text: the segmented words (title, tags, lead, body:
    words separated by spaces, for ranking) and the normalised text unsegmented
    (head_text: title and tags; text: the rest), in which any substring is
    found. Each database indexes the table with its own engine, added by
    migration 0002 (PostgreSQL: tsvector + pg_trgm GIN; SQLite: FTS5 tables
    kept in step by triggers). Altering this model on SQLite rebuilds the table
    and drops those triggers: recreate them in the same migration.

    Rows are written only by search.index, which decides what may be found:
    published posts, approved comments, listed communities, active members.
    """

    class Kind(models.TextChoices):
        POST = "post", pgettext_lazy("search result kind", "บันทึก")
        COMMENT = "comment", pgettext_lazy("search result kind", "ความเห็น")
        COMMUNITY = "community", pgettext_lazy("search result kind", "ชุมชน")
        PERSON = "person", pgettext_lazy("search result kind", "สมาชิก")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # The post itself, or the post a comment is on: publication and the post filters go through it.
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # Indexed with kind and date below (search_entry_author_idx), not on its own.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False
    )
    when = models.DateTimeField(null=True, blank=True)
    # The unsegmented text before the segmented words: SQLite reads a row's columns in
    # order, through overflow pages, and a walk through the newest entries reads these.
    head_text = models.TextField(blank=True)
    text = models.TextField(blank=True)
    title = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ดัชนีค้นหา")
        verbose_name_plural = _("ดัชนีค้นหา")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")]
        indexes = [
            # "Newest first" and the walk through recent entries for common words.
            models.Index(fields=["kind", "-when", "-id"], name="search_entry_newest_idx"),
            # Search within a person's posts or comments.
            models.Index(fields=["author", "kind", "-when"], name="search_entry_author_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
