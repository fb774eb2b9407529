"""Background work in the editors' admin: tasks (with "run again"), workers, periods, sent mail.

django-tasks-db registers an English, read-only admin for its task rows; it is
replaced here by one that speaks Thai, shows attempts and errors, and lets
editors put failed tasks back in the queue.
"""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from jobs import registry, retry
from jobs.models import BouncedAddress, PeriodRun, SentMail, WorkerBeat
from kmblog.admin import ThaiDatesAdmin
from posts.templatetags.thai import thai_datetime

STATUS_LABELS = {
    TaskResultStatus.READY: _("รอคิว"),
    TaskResultStatus.RUNNING: _("กำลังทำ"),
    TaskResultStatus.FAILED: _("ล้มเหลว"),
    TaskResultStatus.SUCCESSFUL: _("เสร็จแล้ว"),
}


class StatusFilter(admin.SimpleListFilter):
    title = _("สถานะ")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() in STATUS_LABELS else queryset


class TaskFilter(admin.SimpleListFilter):
    title = _("งาน")
    parameter_name = "task"

    def lookups(self, request, model_admin):
        return [(path, registry.label(path)) for path in sorted(registry.LABELS)]

    def queryset(self, request, queryset):
        return queryset.filter(task_path=self.value()) if self.value() else queryset


class ReadOnlyAdmin(ThaiDatesAdmin):
    """Rows written by the workers: editors look, they do not edit."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TaskAdmin(ReadOnlyAdmin):
    list_display = ["task", "state", "attempts", "enqueued_at", "finished_at", "error"]
    list_filter = [StatusFilter, TaskFilter]
    search_fields = ["id", "task_path", "args_kwargs"]
    ordering = ["-enqueued_at"]
    actions = ["run_again"]
    fields = [
        "id", "task", "state", "attempts", "enqueued_at", "started_at", "finished_at", "waits_until",
        "args_kwargs", "return_value", "worker_ids", "error", "formatted_traceback",
    ]  # fmt: skip
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False  # pruned by jobs.tasks.prune_finished; a deleted task could not be run again

    def has_run_again_permission(self, request):
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")

    @admin.display(description=_("งาน"), ordering="task_path")
    def task(self, obj):
        return registry.label(obj.task_path)

    @admin.display(description=_("สถานะ"), ordering="status")
    def state(self, obj):
        text = STATUS_LABELS.get(obj.status, obj.status)
        if obj.status == TaskResultStatus.READY and obj.exception_class_path:
            text = _("รอลองใหม่")  # failed before, queued again (jobs/retry.py)
        return text

    @admin.display(description=_("ครั้งที่ทำ"))
    def attempts(self, obj):
        return len(obj.worker_ids)

    @admin.display(description=_("ข้อผิดพลาดล่าสุด"), ordering="exception_class_path")
    def error(self, obj):
        return obj.exception_class_path.rsplit(".", 1)[-1] or "-"

    @admin.display(description=_("ทำได้ตั้งแต่"))
    def waits_until(self, obj):
        return "-" if obj.run_after == get_date_max() else thai_datetime(obj.run_after)

    @admin.display(description=_("รายละเอียดข้อผิดพลาด"))
    def formatted_traceback(self, obj):
        return format_html("<pre>{}</pre>", obj.traceback) if obj.traceback else "-"

    @admin.action(description=_("ทำงานที่ล้มเหลวอีกครั้ง"), permissions=["run_again"])
    def run_again(self, request, queryset):
        count = retry.run_again(queryset)
        self.message_user(
            request,
            ngettext("นำงาน %(count)d งานกลับเข้าคิวแล้ว", "นำงาน %(count)d งานกลับเข้าคิวแล้ว", count) % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


def replace_task_admin() -> None:
    """Called from JobsConfig.ready(), after the admin has imported django-tasks-db's own."""
    if admin.site.is_registered(DBTaskResult):
        admin.site.unregister(DBTaskResult)
    admin.site.register(DBTaskResult, TaskAdmin)


@admin.register(WorkerBeat)
class WorkerBeatAdmin(ReadOnlyAdmin):
    list_display = ["worker_id", "host", "pid", "started_at", "last_seen", "stopped_at"]
    search_fields = ["worker_id", "host"]


@admin.register(PeriodRun)
class PeriodRunAdmin(ReadOnlyAdmin):
    list_display = ["job_label", "period", "enqueued_at", "task_id"]
    list_filter = ["job"]
    search_fields = ["job", "task_id"]

    @admin.display(description=_("งาน"), ordering="job")
    def job_label(self, obj):
        return registry.label(obj.job)


@admin.register(SentMail)
class SentMailAdmin(ReadOnlyAdmin):
    list_display = ["to", "subject", "sent_at", "key"]
    search_fields = ["to", "subject", "key"]


@admin.register(BouncedAddress)
class BouncedAddressAdmin(ThaiDatesAdmin):
    """Deleting a row lets mail go to the address again (after the member fixed their mailbox)."""

    list_display = ["email", "reason", "created"]
    search_fields = ["email"]
    readonly_fields = ["created"]
