from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class JobsConfig(AppConfig):
    default = True  # this module holds two AppConfigs; "jobs" in INSTALLED_APPS means this one
    name = "jobs"
    verbose_name = _("เวิร์กเกอร์และอีเมลที่ส่ง")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from jobs.admin import replace_task_admin

        # Every app's tasks.py, so labels and retry policies (jobs/registry.py)
        # are known to the admin and the worker before any task runs.
        autodiscover_modules("tasks")
        replace_task_admin()


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db's app, under a name Thai editors read in the admin."""

    default = False
    verbose_name = _("งานเบื้องหลัง")
