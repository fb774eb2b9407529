"""Background work of communities."""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from communities import services
from communities.models import Community
from jobs.registry import job


@job(_("นับสมาชิกและบันทึกของชุมชนใหม่"))
@task()
def refresh_all_counts(period: str | None = None) -> int:
    """Periodic: recount every community, for what no event announces (a scheduled post going live)."""
    ids = list(Community.objects.values_list("pk", flat=True))
    for community_id in ids:
        services.refresh_counts(community_id)
    return len(ids)
