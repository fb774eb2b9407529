from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from kmblog.admin import ThaiDatesAdmin
from posts.models import Blog, Post, Series


class PostCountColumn:
    """A sortable "number of posts" column, counted in the list's own query."""

    post_relation = "posts"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_posts=Count(self.post_relation))

    @admin.display(description=_("จำนวนบันทึก"), ordering="num_posts")
    def num_posts(self, obj) -> int:
        return obj.num_posts


@admin.register(Blog)
class BlogAdmin(PostCountColumn, ThaiDatesAdmin):
    list_display = ["title", "owner", "num_posts", "created"]
    list_select_related = ["owner"]
    search_fields = ["title", "description", "owner__username", "owner__profile__display_name"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "created"


@admin.register(Post)
class PostAdmin(ThaiDatesAdmin):
    list_display = ["number", "title", "blog", "author", "status", "published_at", "comment_count", "read_count"]
    list_display_links = ["number", "title"]
    list_filter = [
        "status",
        ("blog", admin.RelatedOnlyFieldListFilter),
        ("author", admin.RelatedOnlyFieldListFilter),
        ("tags", admin.RelatedOnlyFieldListFilter),
        "licence",
    ]
    list_select_related = ["blog", "author"]
    search_fields = ["title", "lead", "=number", "blog__title", "author__username"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["blog", "author", "series"]
    readonly_fields = ["number", "read_count", "comment_count", "import_key", "created"]
    fieldsets = [
        (None, {"fields": ["number", "title", "blog", "author", "lead", "body", "tags", "series", "series_part"]}),
        (_("การเผยแพร่"), {"fields": ["status", "published_at", "updated_at", "licence", "allow_comments"]}),
        (_("สถิติและที่มา"), {"fields": ["read_count", "comment_count", "import_key", "created"]}),
    ]
    view_on_site = True


@admin.register(Series)
class SeriesAdmin(PostCountColumn, ThaiDatesAdmin):
    list_display = ["title", "blog", "num_posts", "created"]
    list_select_related = ["blog"]
    search_fields = ["title", "blog__title"]
    autocomplete_fields = ["blog"]
