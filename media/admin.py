from django.contrib import admin

from kmblog.admin import ThaiDatesAdmin
from media.models import MediaFile, Quota


@admin.register(MediaFile)
class MediaFileAdmin(ThaiDatesAdmin):
    list_display = ["original_name", "owner", "kind", "size", "created"]
    list_filter = ["kind"]
    search_fields = ["original_name", "owner__username"]
    raw_id_fields = ["owner"]
    readonly_fields = ["file", "content_type", "size", "width", "height", "renditions", "created"]


@admin.register(Quota)
class QuotaAdmin(ThaiDatesAdmin):
    """Editors raise (or lower) one member's upload space here."""

    list_display = ["user", "megabytes"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
