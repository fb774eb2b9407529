from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("ชุมชนนักปฏิบัติ")

    def ready(self) -> None:
        from communities import signals  # noqa: F401  (connects the receivers)
