"""Which tasks are tried again after they fail, and when.

django-tasks has no retries of its own: a task that raises ends FAILED. A task
registered with the errors worth another try (jobs/registry.py, @job(retry_on=...)) (a mail server that refuses
or times out) is put back in the queue instead, to run after a delay that
doubles with each attempt (TASK_RETRY_SECONDS, then twice that, ..., at most
TASK_RETRY_MAX_SECONDS), until TASK_RETRY_ATTEMPTS attempts have failed. The
last failure stays FAILED, with its traceback, for editors to see in the admin
and run again from there.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from jobs.registry import RETRIED

# A worker stopped in the middle of a task (Ctrl-C twice, or SIGTERM twice).
INTERRUPTED = (KeyboardInterrupt, SystemExit)


def delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number `attempt` (1, 2, ...)."""
    seconds = settings.TASK_RETRY_SECONDS * 2 ** (attempt - 1)
    return timedelta(seconds=min(seconds, settings.TASK_RETRY_MAX_SECONDS))


def _raised(row: DBTaskResult) -> type[BaseException] | None:
    try:
        error = import_string(row.exception_class_path)
    except ImportError:
        return None
    return error if isinstance(error, type) and issubclass(error, BaseException) else None


def retry_later(row: DBTaskResult) -> bool:
    """After a failed run: put the task back in the queue if its policy allows. True if it did."""
    error = _raised(row)
    attempts = len(row.worker_ids)
    if error is None:
        return False
    if issubclass(error, INTERRUPTED):
        # Not the task's fault: run it again at once (counted, so a task that
        # always gets a worker killed still ends).
        if attempts >= settings.TASK_RETRY_ATTEMPTS:
            return False
        run_after = get_date_max()
    elif issubclass(error, RETRIED.get(row.task_path, ())) and attempts < settings.TASK_RETRY_ATTEMPTS:
        run_after = timezone.now() + delay(attempts)
    else:
        return False
    # The traceback stays: the admin shows why the last attempt failed.
    return bool(
        DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, run_after=run_after, finished_at=None
        )
    )


def run_again(rows) -> int:
    """Editors' "run again" in the admin: failed tasks go back in the queue, to run now."""
    return rows.filter(status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=get_date_max(), finished_at=None
    )
