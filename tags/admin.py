from django.contrib import admin

from posts.admin import PostCountColumn
from tags.models import Tag


@admin.register(Tag)
class TagAdmin(PostCountColumn, admin.ModelAdmin):
    post_relation = "tagged_posts"
    list_display = ["name", "slug", "num_posts"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]
