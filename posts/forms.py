import json
import re

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from communities.models import Community
from kmblog.thai_dates import ThaiDateTimeField
from posts import series
from posts.models import Blog, Post
from tags.forms import TagsField

# What the editor offers; the server sanitises the HTML whatever the browser sends.
# An <img> with no alt, or an empty one: not published (a reader who cannot see it gets nothing).
_IMAGE_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=\"[^\"]*[^\"\s])[^>]*>", re.IGNORECASE)

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False},
    "HorizontalRule": True,
    "Image": True,
    "HardBreak": True,
}


# Thai (and, through the catalogue, English) names for the editor's controls. The package
# writes its menu's labels in English with no way to translate them; static/js/editor-labels.js
# puts these on the controls, by each control's name (and the block-type picker by its state).
EDITOR_LABELS = {
    "names": {
        "heading2": _("หัวข้อใหญ่"),
        "heading3": _("หัวข้อรอง"),
        "heading4": _("หัวข้อย่อย"),
        "paragraph": _("ย่อหน้าปกติ"),
        "bulletList": _("รายการแบบจุด"),
        "orderedList": _("รายการแบบตัวเลข"),
        "orderedListProperties": _("ตั้งค่ารายการ"),
        "blockquote": _("ข้อความอ้างอิง"),
        "horizontalRule": _("เส้นคั่น"),
        "bold": _("ตัวหนา"),
        "italic": _("ตัวเอียง"),
        "link": _("แทรกลิงก์"),
        "unlink": _("เอาลิงก์ออก"),
        "history:undo": _("เลิกทำ"),
        "history:redo": _("ทำซ้ำ"),
        "image": _("แทรกรูปภาพ"),
    },
    # The block-type picker shows the current block; its title follows the cursor.
    "titles": {
        "paragraph": _("ย่อหน้าปกติ (เลือกรูปแบบ)"),
        "heading 2": _("หัวข้อใหญ่ (เลือกรูปแบบ)"),
        "heading 3": _("หัวข้อรอง (เลือกรูปแบบ)"),
        "heading 4": _("หัวข้อย่อย (เลือกรูปแบบ)"),
    },
}


def editor_labels_json() -> str:
    return json.dumps({group: {k: str(v) for k, v in labels.items()} for group, labels in EDITOR_LABELS.items()})


class BlogForm(forms.ModelForm):
    class Meta:
        model = Blog
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PostForm(forms.ModelForm):
    """The writer's form. `action` is the button pressed: draft, publish, schedule or preview."""

    ACTIONS = ("draft", "publish", "schedule", "preview")

    body = ProseEditorFormField(label=_("เนื้อหา"), extensions=EDITOR_EXTENSIONS, required=False)
    tags = TagsField(label=_("คำสำคัญ"))
    publish_at = ThaiDateTimeField(
        label=_("ตั้งเวลาเผยแพร่"),
        required=False,
        help_text=_("ใช้กับปุ่ม 'ตั้งเวลาเผยแพร่' บันทึกจะปรากฏบนเว็บเมื่อถึงเวลานี้ (เวลาประเทศไทย)"),
    )

    series_title = forms.CharField(
        label=_("ชุดบันทึก"),
        required=False,
        max_length=300,
        help_text=_("ถ้าบันทึกนี้เป็นตอนหนึ่งของเรื่องยาว ใส่ชื่อชุด เว้นว่างได้: ชื่อบันทึกที่ลงท้ายว่า 'ตอนที่ 3' จะถูกจัดเข้าชุดเอง"),
    )
    series_part = forms.IntegerField(label=_("ตอนที่"), required=False, min_value=1, max_value=999)
    communities = forms.ModelMultipleChoiceField(
        label=_("แบ่งปันเข้าชุมชน"),
        queryset=Community.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("บันทึกจะปรากฏในชุมชนที่เลือกเมื่อเผยแพร่"),
    )

    # The community choice sits beside the tags.
    field_order = ["title", "lead", "body", "blog", "tags", "communities"]

    class Meta:
        model = Post
        fields = ["title", "lead", "body", "blog", "tags", "licence", "allow_comments"]
        widgets = {"lead": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owner, action: str = "draft", **kwargs):
        restored = kwargs.get("initial") or {}  # an autosave being restored wins over the saved post
        super().__init__(*args, **kwargs)
        self.action = action if action in self.ACTIONS else "draft"
        self.fields["blog"].queryset = Blog.objects.filter(owner=owner)
        self.fields["blog"].empty_label = None
        self.fields["blog"].help_text = _("บันทึกจะอยู่ในสมุดบันทึกเล่มนี้")
        self.fields["tags"].widget.attrs.update({"data-tag-suggest": "", "autocomplete": "off"})
        self.fields["body"].widget.attrs["data-editor-labels"] = editor_labels_json()
        # The upload contract (static/js/editor-media.js, media.views.upload).
        self.fields["body"].widget.attrs["data-upload-url"] = reverse("media:upload")
        self.fields["body"].widget.attrs["data-library-url"] = reverse("media:library")
        mine = Community.objects.listed().of_member(owner).order_by("name")
        self.fields["communities"].queryset = mine
        if not mine.exists():
            del self.fields["communities"]  # a member of no community has nothing to choose
        elif self.instance.pk:
            self.initial["communities"] = list(
                self.instance.community_shares.active()
                .filter(community__in=mine)
                .values_list("community_id", flat=True)
            )
        if self.instance.pk:
            self.initial["tags"] = list(self.instance.tags.names())
            if self.instance.series_id:
                self.initial["series_title"] = self.instance.series.title
                self.initial["series_part"] = self.instance.series_part
            if self.instance.published_at and not self.instance.is_published:
                self.initial["publish_at"] = timezone.localtime(self.instance.published_at)
        self.initial.update(restored)

    def clean(self):
        cleaned = super().clean()
        if self.action in ("publish", "schedule") and _IMAGE_WITHOUT_ALT.search(cleaned.get("body") or ""):
            self.add_error(
                "body",
                _(
                    "รูปทุกภาพต้องมีคำอธิบายรูป (alt) สำหรับผู้ที่มองไม่เห็นรูป: ลบรูปที่ยังไม่มีคำอธิบายแล้วแทรกใหม่ด้วยปุ่ม “แทรกรูปหรือไฟล์” หรือบันทึกเป็นฉบับร่างไว้ก่อน"  # noqa: E501
                ),
            )
        if self.action == "schedule":
            when = cleaned.get("publish_at")
            if when is None:
                self.add_error("publish_at", _("เลือกวันและเวลาที่จะเผยแพร่"))
            elif when <= timezone.now():
                self.add_error("publish_at", _("เวลาเผยแพร่ต้องเป็นเวลาในอนาคต"))
        return cleaned

    def apply_action(self, post: Post) -> None:
        """Set status and times for the button pressed (not saved)."""
        now = timezone.now()
        if self.action == "publish":
            if not post.is_published:
                post.published_at = now
            post.status = Post.Status.PUBLISHED
        elif self.action == "schedule":
            post.status = Post.Status.PUBLISHED
            post.published_at = self.cleaned_data["publish_at"]
        else:  # draft (and preview, which is never saved): off the site until published
            post.status = Post.Status.DRAFT
        post.updated_at = now

    def save(self, commit: bool = True) -> Post:
        post = super().save(commit=False)
        self.apply_action(post)
        if commit:
            post.save()
            post.tags.set(self.cleaned_data["tags"])
            title, part = self.cleaned_data.get("series_title"), self.cleaned_data.get("series_part")
            if not title and (found := series.detect(post.title)):
                title, part = found
            series.file_into_series(post, title, part)
            self._save_communities(post)
        return post

    def _save_communities(self, post: Post) -> None:
        """Share into the communities ticked; an unticked one the author had shared it into loses it."""
        from communities import services

        if "communities" not in self.fields:
            return
        chosen = set(self.cleaned_data.get("communities") or [])
        already = set(post.community_shares.values_list("community_id", flat=True))  # taken-out ones included
        for community in chosen:
            if community.pk not in already:
                services.share(post, community, post.author)
        offered = self.fields["communities"].queryset
        withdrawn = post.community_shares.active().filter(community__in=offered).exclude(community__in=chosen)
        for shared in withdrawn:
            shared.delete()  # the author's own choice: no trace needed
