from django.apps import AppConfig


class KmblogConfig(AppConfig):
    """Site-wide receivers that serve every app."""

    name = "kmblog"
    verbose_name = "kmblog"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from kmblog import lookups
        from kmblog.text import clean_instance

        lookups.register()
        pre_save.connect(clean_instance, dispatch_uid="kmblog.text.clean_instance")
