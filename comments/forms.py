from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comments.models import Comment


class CommentForm(forms.ModelForm):
    """A comment from a member (no name fields) or a guest (name required, email optional).

    `website` is a honeypot: hidden from people by CSS, filled in by bots.
    """

    website = forms.CharField(required=False, label=_("เว็บไซต์ (เว้นว่างไว้)"))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["guest_name", "guest_email", "body"]
        labels = {
            "guest_name": _("ชื่อ"),
            "guest_email": _("อีเมล (ไม่บังคับ ไม่แสดงต่อสาธารณะ)"),
            "body": pgettext_lazy("comment form field", "ความเห็น"),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, post, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.post = user, post
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH
        self.fields["body"].help_text = _("ข้อความธรรมดา ขึ้นบรรทัดใหม่ได้ ลิงก์จะกดได้เอง ไม่เกิน %(n)s ตัวอักษร") % {
            "n": f"{settings.COMMENT_MAX_LENGTH:,}"
        }
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if user.is_authenticated:
            del self.fields["guest_name"], self.fields["guest_email"]
        else:
            self.fields["guest_name"].required = True

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        if not body:
            raise forms.ValidationError(_("เขียนความเห็นก่อนส่ง"))
        if len(body) > settings.COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                _("ความเห็นยาว %(length)s ตัวอักษร เกินกำหนด %(max)s ตัวอักษร โปรดตัดให้สั้นลง")
                % {"length": f"{len(body):,}", "max": f"{settings.COMMENT_MAX_LENGTH:,}"}
            )
        return body

    def clean_parent(self) -> Comment | None:
        """Replies go one level deep: answering a reply answers the comment above it."""
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = self.post.comments.approved().filter(pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError(_("ไม่พบความเห็นที่ต้องการตอบ"))
        return parent.parent or parent

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("ระบบสงสัยว่าเป็นโปรแกรมส่งสแปม ความเห็นจึงไม่ถูกส่ง"))
        return ""

    def build(self, *, ip: str | None, user_agent: str) -> Comment:
        comment = self.save(commit=False)
        comment.post = self.post
        comment.parent = self.cleaned_data.get("parent")
        if self.user.is_authenticated:
            comment.author = self.user
        comment.ip_address = ip
        comment.user_agent = user_agent[:300]
        return comment


class CommentEditForm(forms.ModelForm):
    """A member's correction of their own comment: the text only, under the same rules."""

    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": pgettext_lazy("comment form field", "ความเห็น")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH

    clean_body = CommentForm.clean_body
