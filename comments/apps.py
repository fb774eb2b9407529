from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("ความเห็น")

    def ready(self) -> None:
        from comments import signals  # noqa: F401  (connects the receivers)
