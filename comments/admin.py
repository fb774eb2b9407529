from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from comments import services
from comments.models import BlockedWord, Comment
from kmblog.admin import ThaiDatesAdmin


class StatusFilter(admin.SimpleListFilter):
    """The moderation list opens on the queue: pending comments, unless asked otherwise."""

    title = _("สถานะ")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("ทั้งหมด"))]

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        if value == self.ALL:
            return queryset
        if value not in Comment.Status.values:
            return queryset.none()
        return queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or Comment.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


def _moderate(status: str, done):
    def action(modeladmin, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        changed = services.set_status(queryset, status)
        modeladmin.message_user(request, str(done) % {"n": changed}, messages.SUCCESS)

    return action


@admin.register(Comment)
class CommentAdmin(ThaiDatesAdmin):
    list_display = ["number", "excerpt", "post_link", "commenter", "status", "created", "ip_address"]
    list_display_links = ["number", "excerpt"]
    list_filter = [StatusFilter]
    # Facet counts cost a query per choice and Django has no Thai text for the toggle.
    show_facets = admin.ShowFacets.NEVER
    list_select_related = ["post", "author__profile"]
    search_fields = ["body", "guest_name", "guest_email", "author__username", "ip_address", "post__title"]
    date_hierarchy = "created"
    autocomplete_fields = ["post", "author", "parent"]
    readonly_fields = ["position", "ip_address", "user_agent"]
    fieldsets = [
        (None, {"fields": ["post", "parent", "position", "status", "body"]}),
        (_("ผู้เขียน"), {"fields": ["author", "guest_name", "guest_email"]}),
        (_("ข้อมูลสำหรับการดูแล"), {"fields": ["created", "ip_address", "user_agent"], "classes": ["collapse"]}),
    ]
    actions = ["approve", "mark_spam", "remove"]
    list_per_page = 50

    approve = admin.action(description=_("อนุมัติความเห็นที่เลือก"))(
        _moderate(Comment.Status.APPROVED, _("อนุมัติแล้ว %(n)d ความเห็น"))
    )
    mark_spam = admin.action(description=_("ทำเครื่องหมายว่าเป็นสแปม"))(
        _moderate(Comment.Status.SPAM, _("ทำเครื่องหมายสแปมแล้ว %(n)d ความเห็น"))
    )
    remove = admin.action(description=_("ลบออกจากหน้าเว็บ (เก็บไว้ในระบบ)"))(
        _moderate(Comment.Status.REMOVED, _("ลบออกจากหน้าเว็บแล้ว %(n)d ความเห็น"))
    )

    @admin.display(description=_("ความเห็นที่"), ordering="post__number")
    def number(self, comment: Comment) -> str:
        # A queue of every post's comments: the number alone (#3) says nothing without its post.
        return _("บันทึก %(post)s #%(n)s") % {"post": comment.post.number, "n": comment.position}

    @admin.display(description=_("ข้อความ"))
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body).chars(80)

    @admin.display(description=_("ชื่อบันทึก"), ordering="post__number")
    def post_link(self, comment: Comment) -> str:
        """The post's title, linking to the comment where readers see it."""
        return format_html('<a href="{}">{}</a>', comment.get_absolute_url(), Truncator(comment.post.title).chars(40))

    @admin.display(description=_("ผู้เขียน"))
    def commenter(self, comment: Comment) -> str:
        if comment.author_id:
            return str(comment.display_name)
        return _("%(name)s (ผู้เยี่ยมชม)") % {"name": comment.guest_name}


@admin.register(BlockedWord)
class BlockedWordAdmin(ThaiDatesAdmin):
    """Words that send a comment to the moderation queue instead of the page."""

    list_display = ["phrase", "created"]
    search_fields = ["phrase"]
