"""/healthz: is this app server able to serve? For load balancers and monitors."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from jobs.status import worker_status

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with {"database": "ok", "cache": "ok", "worker": ...}; 503 naming what is down.

    "worker" is "ok", "silent" (no task worker has beaten for
    TASK_WORKER_SILENT_SECONDS) or "never"; worker_last_seen says when. A
    silent worker does not make this 503: the app server can still serve, and
    a load balancer must not take it out for that. Monitors alert on "worker".
    """
    status = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 (any failure means "not serving")
        logger.exception("health check: database unreachable")
        status["database"] = "down"
    try:
        cache.set("healthz", "ok", 10)
        if cache.get("healthz") != "ok":
            raise RuntimeError("cache did not keep a value")
    except Exception:  # noqa: BLE001
        logger.exception("health check: cache unreachable")
        status["cache"] = "down"
    healthy = all(value == "ok" for value in status.values())
    if status["database"] == "ok":
        worker = worker_status()
        status["worker"] = worker.state
        status["worker_last_seen"] = worker.last_seen.isoformat() if worker.last_seen else None
    return JsonResponse(status, status=200 if healthy else 503)
