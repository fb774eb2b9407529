from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Membership
from kmblog import images
from tags.forms import TagsField

COVER_SIZE = (1200, 400)
COVER_MAX_BYTES = 4 * 1024 * 1024


class CommunityForm(forms.ModelForm):
    tags = TagsField(label=_("หัวข้อ"), help_text=_("คั่นด้วยจุลภาค เช่น เกษตรอินทรีย์, ออมทรัพย์"))
    cover_upload = forms.ImageField(
        label=_("ภาพปก"),
        required=False,
        help_text=_("JPEG, PNG, WebP หรือ GIF ไม่เกิน 4 MB ระบบจะตัดเป็นแนวนอน 3:1"),
    )
    remove_cover = forms.BooleanField(label=_("ลบภาพปก"), required=False)

    class Meta:
        model = Community
        fields = ["name", "description", "tags", "province", "join_policy"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "join_policy": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = list(self.instance.tags.names())
        if not self.instance.cover:
            del self.fields["remove_cover"]  # nothing to remove

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("ใส่ชื่อชุมชน"))
        return name

    def clean_cover_upload(self):
        upload = self.cleaned_data.get("cover_upload")
        return images.reencode(upload, size=COVER_SIZE, max_bytes=COVER_MAX_BYTES) if upload else None

    def save_cover(self, community: Community) -> None:
        upload = self.cleaned_data.get("cover_upload")
        if (upload or self.cleaned_data.get("remove_cover")) and community.cover:  # a new one replaces the old
            community.cover.delete(save=False)
        if upload:
            community.cover.save(upload.name, upload, save=False)


class InviteForm(forms.Form):
    username = forms.CharField(label=_("ชื่อผู้ใช้ของผู้ที่จะเชิญ"), max_length=150)

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lstrip("@")
        user = get_user_model().objects.select_related("profile").filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("ไม่พบสมาชิกชื่อผู้ใช้ “%(name)s”") % {"name": username})
        return user


class LeaveForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("ผู้ดูแลคนต่อไป"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("คุณเป็นผู้ดูแลคนสุดท้าย เลือกสมาชิกที่จะดูแลชุมชนต่อ"),
    )

    def __init__(self, *args, community: Community, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (
            Membership.objects.filter(community=community).exclude(user=user).select_related("user__profile")
        )
        self.fields["successor"].label_from_instance = lambda membership: str(membership.user.profile)


class UnshareForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่นำออก (ผู้เขียนจะเห็น)"), max_length=500, widget=forms.TextInput(attrs={"maxlength": 500})
    )


class JoinForm(forms.Form):
    message = forms.CharField(label=_("ข้อความถึงผู้ดูแล (ไม่บังคับ)"), max_length=500, required=False)


class ShareForm(forms.Form):
    community = forms.ModelChoiceField(label=_("แบ่งปันเข้าชุมชน"), queryset=Community.objects.none())

    def __init__(self, *args, user, post, **kwargs):
        super().__init__(*args, **kwargs)
        shared = post.community_shares.values("community_id")
        self.fields["community"].queryset = Community.objects.listed().of_member(user).exclude(pk__in=shared)
