"""Background work of search."""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from jobs.registry import job
from search.engines import backend

# A run stops after this long and the next period goes on: each step is one short transaction.
COMPACT_SECONDS = 120


@job(_("จัดดัชนีค้นหาให้กระชับ"))
@task()
def compact_index(period: str | None = None) -> bool:
    """Periodic (PERIODIC_TASKS): merge what the day's indexing added into the indexes'
    main structure, which every search reads (search.engines.BaseBackend.compact)."""
    return backend().compact(COMPACT_SECONDS)
