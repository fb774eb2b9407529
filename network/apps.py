from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("เครือข่ายสมาชิก")

    def ready(self) -> None:
        from network import signals  # noqa: F401  (connects the receivers)
