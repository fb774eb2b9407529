"""Background work of posts."""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from jobs.registry import job
from posts.reads import flush_reads


@job(_("บันทึกจำนวนการอ่านลงฐานข้อมูล"))
@task()
def flush_read_counts(period: str | None = None) -> int:
    """Periodic (PERIODIC_TASKS): write the reads waiting in the shared cache; returns how many."""
    return flush_reads()
