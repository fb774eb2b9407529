from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("รูปภาพและเอกสาร")

    def ready(self) -> None:
        from pillow_heif import register_heif_opener

        register_heif_opener()  # iPhone photos (HEIC/HEIF) open like any other picture
        from media import signals  # noqa: F401  (connects the receivers)
