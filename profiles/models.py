from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kmblog.urlcache import reverse_cached


class Role(models.Model):
    """A role in a KM network (คุณเอื้อ, คุณอำนวย, ...); a profile may carry several.

    The six roles are created by a data migration; editors may add more in the admin.
    """

    code = models.SlugField(_("รหัส"), max_length=30, unique=True)
    name = models.CharField(_("ชื่อบทบาท"), max_length=50, unique=True)
    description = models.CharField(_("คำอธิบาย"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("บทบาท KM")
        verbose_name_plural = _("บทบาท KM")

    def __str__(self) -> str:
        # The six KM roles are in the catalogues; roles added in the admin show as written.
        return gettext(self.name)


class Profile(models.Model):
    """The public face of a member: who they are in their KM network and where."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    display_name = models.CharField(_("ชื่อที่แสดง"), max_length=100)
    roles = models.ManyToManyField(Role, blank=True, related_name="profiles", verbose_name=_("บทบาท KM"))
    organisation = models.CharField(_("หน่วยงาน"), max_length=200, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    subdistrict = models.CharField(_("ตำบล"), max_length=100, blank=True)
    bio = models.TextField(_("แนะนำตัว"), max_length=2000, blank=True)
    avatar = models.ImageField(_("รูปประจำตัว"), upload_to="avatars/", blank=True)
    # The interface language the member last chose; mail to them is written in it.
    language = models.CharField(
        _("ภาษา"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE, editable=False
    )

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("โปรไฟล์")
        verbose_name_plural = _("โปรไฟล์")

    def __str__(self) -> str:
        return self.public_name(self.display_name, self.user.get_username())

    def get_absolute_url(self) -> str:
        return reverse_cached("profiles:detail", username=self.user.get_username())

    @staticmethod
    def public_name(display_name: str, username: str) -> str:
        """How a member is named on the site; also for rows read without a Profile (comments/thread.py)."""
        return display_name or username

    @property
    def area(self) -> str:
        """The area written the Thai way, smallest unit first: ต.… อ.… จ.…"""
        parts = [
            (_("ต."), self.subdistrict),
            (_("อ."), self.district),
            (_("จ."), self.province),
        ]
        return " ".join(f"{prefix}{value}" for prefix, value in parts if value)

    @property
    def initial(self) -> str:
        """The first letter of the name, shown when there is no avatar."""
        return (str(self) or "?")[:1].upper()
