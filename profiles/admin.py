from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from kmblog.admin import ThaiDatesAdmin
from profiles.models import Profile, Role


@admin.register(Role)
class RoleAdmin(ThaiDatesAdmin):
    list_display = ["name", "code", "description", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


@admin.register(Profile)
class ProfileAdmin(ThaiDatesAdmin):
    list_display = ["display_name", "user", "organisation", "province", "district"]
    list_filter = ["roles", "province"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__username", "user__email", "organisation", "province", "district"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["roles"]
    fieldsets = [
        (None, {"fields": ["user", "display_name", "roles", "bio", "avatar"]}),
        (_("หน่วยงาน"), {"fields": ["organisation", "position"]}),
        (_("พื้นที่"), {"fields": ["province", "district", "subdistrict"]}),
    ]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    filter_horizontal = ["roles"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class KmUserAdmin(ThaiDatesAdmin, UserAdmin):
    inlines = [ProfileInline]
