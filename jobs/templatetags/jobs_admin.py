"""The admin's front page: is the background work running?"""

from django import template
from django.db.models import Count, Q
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobs.status import worker_status
from posts.templatetags.thai import relative, thai_datetime

register = template.Library()


@register.inclusion_tag("admin/jobs/worker_panel.html")
def worker_panel():
    counts = DBTaskResult.objects.aggregate(
        queued=Count("pk", filter=Q(status=TaskResultStatus.READY)),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
    )
    worker = worker_status()
    ago = worker.last_seen and (relative(worker.last_seen) or thai_datetime(worker.last_seen))
    return {"worker": worker, "ago": ago, **counts}
