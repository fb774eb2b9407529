from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UsernameField
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kmblog import images
from profiles import throttle
from profiles.models import Profile, Role

AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_SIZE = 256


class SignupForm(forms.Form):
    username = UsernameField(
        label=_("ชื่อผู้ใช้"),
        max_length=150,
        help_text=_("ใช้ในลิงก์โปรไฟล์ ตัวอักษรอังกฤษ ตัวเลข และ @ . + - _ เท่านั้น"),
    )
    display_name = forms.CharField(label=_("ชื่อที่แสดง"), max_length=100, help_text=_("เช่น สมศรี มีความรู้"))
    email = forms.EmailField(label=_("อีเมล"), help_text=_("ใช้ตั้งรหัสผ่านใหม่เมื่อลืม ไม่แสดงต่อสาธารณะ"))
    password1 = forms.CharField(
        label=_("รหัสผ่าน"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("ยืนยันรหัสผ่าน"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        user_model = get_user_model()
        user_model.username_validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("ชื่อผู้ใช้นี้มีคนใช้แล้ว"))
        return username

    def clean_email(self) -> str:
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"])
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("อีเมลนี้ลงทะเบียนไว้แล้ว ลองเข้าสู่ระบบหรือตั้งรหัสผ่านใหม่"))
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("รหัสผ่านทั้งสองช่องไม่ตรงกัน"))
        elif password1:
            candidate = get_user_model()(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    roles = forms.ModelMultipleChoiceField(
        label=_("บทบาท KM"),
        queryset=Role.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("เลือกได้มากกว่าหนึ่งบทบาท"),
    )

    class Meta:
        model = Profile
        fields = ["display_name", "roles", "organisation", "position", "province", "district", "subdistrict", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    avatar_upload = forms.ImageField(
        label=_("รูปประจำตัว"),
        required=False,
        help_text=_("JPEG, PNG, WebP หรือ GIF ไม่เกิน 2 MB ระบบจะตัดเป็นสี่เหลี่ยมจัตุรัส"),
    )
    remove_avatar = forms.BooleanField(label=_("ลบรูปประจำตัว"), required=False)

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        if not upload:
            return None
        return images.reencode(upload, size=(AVATAR_SIZE, AVATAR_SIZE), max_bytes=AVATAR_MAX_BYTES)

    def save(self, commit: bool = True) -> Profile:
        profile = super().save(commit=False)
        upload = self.cleaned_data.get("avatar_upload")
        if (upload or self.cleaned_data.get("remove_avatar")) and profile.avatar:
            profile.avatar.delete(save=False)
        if upload:
            profile.avatar.save(upload.name, upload, save=False)
        if commit:
            profile.save()
            self.save_m2m()
        return profile


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing for a while after too many wrong passwords."""

    def clean(self):
        # The same cleaning Django's authentication sees (strip, NFKC): look-alike
        # spellings of one account share its counter.
        username = self.fields["username"].to_python(self.data.get("username", ""))
        request_keys = throttle.keys(self.request, username)
        if throttle.blocked(request_keys):
            minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
            raise forms.ValidationError(
                _("ใส่รหัสผ่านผิดหลายครั้งเกินไป เพื่อความปลอดภัยของบัญชี โปรดลองใหม่ในอีก %(minutes)d นาที หรือตั้งรหัสผ่านใหม่")
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(request_keys)
            raise
        throttle.record_success(request_keys)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the request only queues the mail (profiles.tasks.send_password_reset).

    Looking up the accounts and sending happen in the worker: the request costs
    the same whether or not the address has an account, and a slow or refusing
    mail server neither holds it up nor loses the mail.
    """

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        from profiles.tasks import send_password_reset

        send_password_reset.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or request.get_host(),
            use_https=use_https,
            language=translation.get_language(),
        )
