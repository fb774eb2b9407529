"""Periodic jobs: each runs once per period, however many workers there are.

settings.PERIODIC_TASKS maps a task's dotted path to its period in seconds.
Periods are aligned on the clock (a 60-second job has one period per minute,
a daily one per UTC day), so every worker computes the same period. The worker
that first inserts the PeriodRun row for (job, period) enqueues the job in the
same transaction; the unique constraint turns every other worker away. A
period that passed while no worker ran is not lost: the first worker back
finds no row for the current period and runs the job then, and each job
covers the time since it last ran (read counts are flushed whatever waited,
pruning removes whatever is old, digests look at what each reader was last
sent).

The worker calls run_due() on each beat (jobs/worker.py). Operators who
prefer cron or a systemd timer set TASK_SCHEDULE_IN_WORKER=0 and call
`manage.py run_schedule` every minute; doing both is harmless.
"""

import logging
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from jobs.models import PeriodRun

logger = logging.getLogger(__name__)


def current_period(seconds: int, now: datetime | None = None) -> datetime:
    """The start of the period of `seconds` that `now` falls in, aligned on the Unix epoch."""
    stamp = (now or timezone.now()).timestamp()
    return datetime.fromtimestamp(stamp - stamp % seconds, tz=UTC)


def run_due(now: datetime | None = None) -> list[str]:
    """Enqueue each periodic job whose current period has not been claimed; returns their paths."""
    enqueued = []
    for path, seconds in settings.PERIODIC_TASKS.items():
        if not seconds or seconds <= 0:
            continue  # switched off
        period = current_period(seconds, now)
        if PeriodRun.objects.filter(job=path, period=period).exists():
            continue
        try:
            with transaction.atomic():
                run = PeriodRun.objects.create(job=path, period=period)
                result = import_string(path).enqueue(period=period.isoformat())
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker claimed this period first
        logger.info("periodic job %s enqueued for %s", path, period.isoformat())
        enqueued.append(path)
    return enqueued
