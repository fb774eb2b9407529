"""Is a worker running? For the admin's front page and /healthz."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from jobs.models import WorkerBeat


@dataclass(frozen=True)
class WorkerStatus:
    last_seen: datetime | None

    @property
    def silent(self) -> bool:
        """No worker has beaten for TASK_WORKER_SILENT_SECONDS (or none ever did)."""
        limit = timedelta(seconds=settings.TASK_WORKER_SILENT_SECONDS)
        return self.last_seen is None or timezone.now() - self.last_seen > limit

    @property
    def state(self) -> str:
        if self.last_seen is None:
            return "never"
        return "silent" if self.silent else "ok"


def worker_status() -> WorkerStatus:
    return WorkerStatus(WorkerBeat.objects.aggregate(last=Max("last_seen"))["last"])
