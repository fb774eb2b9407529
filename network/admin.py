from django.contrib import admin

from kmblog.admin import ThaiDatesAdmin
from network.models import Appreciation, Bookmark


@admin.register(Appreciation)
class AppreciationAdmin(ThaiDatesAdmin):
    list_display = ["post", "user", "kind", "created"]
    list_filter = ["kind"]
    search_fields = ["post__title", "user__username"]
    raw_id_fields = ["post", "user"]


@admin.register(Bookmark)
class BookmarkAdmin(ThaiDatesAdmin):
    list_display = ["post", "user", "created"]
    search_fields = ["post__title", "user__username"]
    raw_id_fields = ["post", "user"]
