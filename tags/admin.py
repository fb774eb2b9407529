from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from tags.models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "num_posts"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_posts=Count("tagged_posts"))

    @admin.display(description=_("จำนวนบันทึก"), ordering="num_posts")
    def num_posts(self, tag: Tag) -> int:
        return tag.num_posts
