from csp.decorators import csp_update
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from js_asset import Script
from pythainlp.util import collate

from kmblog.admin import ThaiDatesAdmin
from posts.editor_csp import tiptap_style_hashes
from posts.forms import EDITOR_EXTENSIONS, editor_labels_json
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


class PostAdminForm(forms.ModelForm):
    """The body is written with the site's own editor, not edited as raw HTML."""

    body = ProseEditorFormField(label=_("เนื้อหา"), extensions=EDITOR_EXTENSIONS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["data-editor-labels"] = editor_labels_json()

    class Meta:
        model = Post
        fields = ["title", "blog", "author", "lead", "body", "tags", "series", "series_part"]
        fields += ["status", "published_at", "updated_at", "licence", "allow_comments"]


class AuthorFilter(admin.RelatedOnlyFieldListFilter):
    """Authors by the names people know them by, in Thai dictionary order (not usernames)."""

    def field_choices(self, field, request, model_admin):
        ids = model_admin.get_queryset(request).values_list(f"{self.field_path}__pk", flat=True).distinct()
        names = {
            person.pk: str(person.profile)
            for person in get_user_model().objects.filter(pk__in=ids).select_related("profile")
        }
        order = {name: n for n, name in enumerate(collate(set(names.values())))}
        return sorted(names.items(), key=lambda item: order[item[1]])


@admin.register(Post)
class PostAdmin(ThaiDatesAdmin):
    form = PostAdminForm
    list_display = ["number", "title", "blog", "author", "status", "published_at", "comment_count", "read_count"]
    list_display_links = ["number", "title"]
    list_filter = [
        "status",
        ("blog", admin.RelatedOnlyFieldListFilter),
        ("author", AuthorFilter),
        ("tags", admin.RelatedOnlyFieldListFilter),
        "licence",
    ]
    list_select_related = ["blog", "author"]
    search_fields = ["title", "lead", "=number", "blog__title", "author__username", "author__profile__display_name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["blog", "author", "series"]
    readonly_fields = ["number", "read_count", "comment_count", "import_key", "created"]
    fieldsets = [
        (None, {"fields": ["number", "title", "blog", "author", "lead", "body", "tags", "series", "series_part"]}),
        (_("การเผยแพร่"), {"fields": ["status", "published_at", "updated_at", "licence", "allow_comments"]}),
        (_("สถิติและที่มา"), {"fields": ["read_count", "comment_count", "import_key", "created"]}),
    ]
    view_on_site = True

    class Media:
        # The editor package's resets for the admin's own styles (headings, lists) inside the editor.
        css = {"all": ["django_prose_editor/overrides.css", "css/editor.css"]}
        js = [Script("js/editor-labels.js", type="module")]

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor's import map is an inline script: it carries this request's CSP nonce.
        media = context.get("media")
        if media is not None and hasattr(media, "with_nonce"):
            context["media"] = media.with_nonce(str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)

    @method_decorator(csp_update({"style-src": tiptap_style_hashes()}))
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)


@admin.register(Series)
class SeriesAdmin(PostCountColumn, ThaiDatesAdmin):
    list_display = ["title", "blog", "num_posts", "created"]
    list_select_related = ["blog"]
    search_fields = ["title", "blog__title"]
    autocomplete_fields = ["blog"]
