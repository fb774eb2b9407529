"""The worker: django-tasks-db's db_worker, plus what a site run by operators needs.

- A heartbeat. A thread of the worker process writes its WorkerBeat row every
  TASK_WORKER_BEAT_SECONDS, also while a long task runs. The admin's front page
  and /healthz read it ("worker last seen").
- Tasks of lost workers come back. A worker killed in the middle of a task
  (SIGKILL, the machine gone) leaves the task RUNNING for ever. On each beat,
  every worker looks for RUNNING tasks whose worker has not beaten for
  TASK_WORKER_LOST_SECONDS and puts them back in the queue. Tasks are written
  to be safe to run again (mail remembers what it sent: jobs/mail.py).
- Retries with backoff for the tasks that ask for them (jobs/retry.py).
- The schedule. On each beat the worker enqueues the periodic jobs whose
  period has come (jobs/schedule.py); a row per period keeps that to once
  however many workers run. TASK_SCHEDULE_IN_WORKER=0 leaves it to
  `manage.py run_schedule` from cron or a systemd timer instead.

Claiming a task is django-tasks-db's: SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL, an exclusive transaction on SQLite, so two workers never take the
same task.
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from jobs import retry, schedule
from jobs.models import WorkerBeat

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped answering too often."""


def beat(worker_id: str, *, stopped: bool = False) -> None:
    now = timezone.now()
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now, "stopped_at": now if stopped else None},
        create_defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": now,
            "last_seen": now,
        },
    )


def recover_lost_tasks() -> int:
    """Put back in the queue the RUNNING tasks of workers that stopped answering; returns how many."""
    lost_before = timezone.now() - timedelta(seconds=settings.TASK_WORKER_LOST_SECONDS)
    alive = set(
        WorkerBeat.objects.filter(last_seen__gte=lost_before, stopped_at=None).values_list("worker_id", flat=True)
    )
    recovered = 0
    running = DBTaskResult.objects.running().filter(started_at__lt=lost_before)
    for row in running.only("id", "worker_ids", "started_at", "task_path"):
        if row.worker_ids and row.worker_ids[-1] in alive:
            continue  # a long task of a live worker
        same_claim = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)
        if len(row.worker_ids) >= settings.TASK_RETRY_ATTEMPTS:
            error = WorkerLost(f"the worker stopped answering during each of {len(row.worker_ids)} attempts")
            updated = same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"{WorkerLost.__qualname__}: {error}\n",
            )
        else:
            updated = same_claim.update(status=TaskResultStatus.READY, run_after=get_date_max())
        if updated:
            logger.warning("task %s (%s): its worker %s was lost", row.pk, row.task_path, row.worker_ids[-1:])
            recovered += updated
    return recovered


def housekeeping(worker_id: str, *, scheduling: bool = True, recover: bool = True) -> None:
    """What a worker does on each beat."""
    beat(worker_id)
    if recover:
        recover_lost_tasks()
    if scheduling and settings.TASK_SCHEDULE_IN_WORKER:
        schedule.run_due()


class Heartbeat(threading.Thread):
    """The worker's heartbeat, in a thread of its own so a long task does not silence it."""

    def __init__(self, worker_id: str):
        super().__init__(name="kmblog-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()
        self.last_recovery = float("-inf")

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                try:
                    # Looking for lost tasks reads the RUNNING rows: a few times
                    # per TASK_WORKER_LOST_SECONDS is enough, not on every beat.
                    now = time.monotonic()
                    recover = now - self.last_recovery >= settings.TASK_WORKER_LOST_SECONDS / 3
                    housekeeping(self.worker_id, recover=recover)
                    if recover:
                        self.last_recovery = now
                except Exception:  # noqa: BLE001 (a database hiccup must not stop the beat)
                    logger.exception("worker housekeeping failed; trying again at the next beat")
                    close_old_connections()
                self.stopping.wait(settings.TASK_WORKER_BEAT_SECONDS)
        finally:
            connection.close()  # this thread's own connection


class KmblogWorker(Worker):
    def run(self) -> None:
        if self.batch:
            # One pass over what is queued, then exit (tests, cron after
            # run_schedule): beat once, in this thread; no scheduling.
            housekeeping(self.worker_id, scheduling=False)
            super().run()
            return
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stopping.set()
            heartbeat.join(timeout=30)
            with transaction.atomic():
                beat(self.worker_id, stopped=True)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED and retry.retry_later(db_task_result):
            logger.warning(
                "task %s (%s) failed with %s; queued again (attempt %d)",
                db_task_result.pk,
                db_task_result.task_path,
                db_task_result.exception_class_path,
                len(db_task_result.worker_ids),
            )
