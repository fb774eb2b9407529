from django.contrib import admin

from kmblog.admin import ThaiDatesAdmin
from network.models import Appreciation, Bookmark, DigestDelivery, Follow, Notification, Preferences


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


@admin.register(Follow)
class FollowAdmin(ThaiDatesAdmin):
    list_display = ["follower", "user", "blog", "tag", "community", "created"]
    search_fields = ["follower__username", "user__username", "blog__title", "tag__name", "community__name"]
    raw_id_fields = ["follower", "user", "blog", "tag", "community"]


@admin.register(Notification)
class NotificationAdmin(ThaiDatesAdmin):
    """For looking into "why did (or didn't) I get this?": read-only, notices are made by the site."""

    list_display = ["recipient", "kind", "detail", "actor", "post", "on_site", "created", "read_at"]
    list_filter = ["kind", "on_site"]
    search_fields = ["recipient__username", "key"]
    raw_id_fields = ["recipient", "actor", "post", "comment", "community"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Preferences)
class PreferencesAdmin(ThaiDatesAdmin):
    list_display = ["user", "digest", "planet_public"]
    list_filter = ["digest", "planet_public"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ThaiDatesAdmin):
    list_display = ["user", "period", "claimed_at", "sent_at", "empty"]
    list_filter = ["period", "empty"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
