from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.models import Community, CommunityBlog, Invitation, JoinRequest, Membership, SharedPost
from kmblog.admin import ThaiDatesAdmin


@admin.register(Community)
class CommunityAdmin(ThaiDatesAdmin):
    list_display = ["name", "owner", "join_policy", "member_count", "post_count", "is_hidden", "created"]
    list_filter = ["is_hidden", "join_policy", "province"]
    search_fields = ["name", "slug", "description"]
    raw_id_fields = ["owner"]
    readonly_fields = ["member_count", "post_count", "last_activity_at", "created"]
    actions = ["hide", "show"]

    @admin.action(description=_("ซ่อนชุมชนที่เลือก"))
    def hide(self, request, queryset):
        count = queryset.update(is_hidden=True)
        self.message_user(request, ngettext("ซ่อน %(n)d ชุมชนแล้ว", "ซ่อน %(n)d ชุมชนแล้ว", count) % {"n": count})

    @admin.action(description=_("แสดงชุมชนที่เลือก"))
    def show(self, request, queryset):
        count = queryset.update(is_hidden=False)
        self.message_user(request, ngettext("แสดง %(n)d ชุมชนแล้ว", "แสดง %(n)d ชุมชนแล้ว", count) % {"n": count})


@admin.register(Membership)
class MembershipAdmin(ThaiDatesAdmin):
    list_display = ["user", "community", "role", "joined_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__profile__display_name", "community__name"]
    raw_id_fields = ["user", "community"]


@admin.register(SharedPost)
class SharedPostAdmin(ThaiDatesAdmin):
    list_display = ["post", "community", "shared_at", "removed_at", "removed_reason"]
    search_fields = ["post__title", "community__name"]
    raw_id_fields = ["post", "community", "shared_by", "removed_by"]


@admin.register(JoinRequest)
class JoinRequestAdmin(ThaiDatesAdmin):
    list_display = ["user", "community", "created"]
    search_fields = ["user__username", "community__name"]
    raw_id_fields = ["user", "community"]


@admin.register(Invitation)
class InvitationAdmin(ThaiDatesAdmin):
    list_display = ["user", "community", "invited_by", "created"]
    search_fields = ["user__username", "community__name"]
    raw_id_fields = ["user", "community", "invited_by"]


@admin.register(CommunityBlog)
class CommunityBlogAdmin(ThaiDatesAdmin):
    list_display = ["blog", "community", "joined_at"]
    search_fields = ["blog__title", "community__name"]
    raw_id_fields = ["blog", "community", "joined_by"]
