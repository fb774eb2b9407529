"""Periodic housekeeping of the task tables themselves."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from jobs.models import PeriodRun, SentMail, WorkerBeat
from jobs.registry import job


@job(_("ลบงานและบันทึกเก่า"))
@task()
def prune_finished(period: str | None = None) -> dict[str, int]:
    """Delete what is old: finished tasks, failed ones (kept longer), periods, sent-mail keys, stopped workers."""
    now = timezone.now()
    kept = now - timedelta(days=settings.TASK_KEEP_DAYS)
    kept_failed = now - timedelta(days=settings.TASK_KEEP_FAILED_DAYS)
    deleted = {
        "successful": DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=kept).delete()[0],
        "failed": DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, finished_at__lt=kept_failed).delete()[0],
        "periods": PeriodRun.objects.filter(period__lt=kept).delete()[0],
        # A sent-mail key protects against a task running again; after the
        # failed tasks are gone nothing can run again, so the keys can go too.
        "sent_mail": SentMail.objects.filter(sent_at__lt=kept_failed).delete()[0],
        "workers": WorkerBeat.objects.filter(last_seen__lt=kept).delete()[0],
    }
    return deleted
