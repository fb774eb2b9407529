"""/healthz: is this app server able to serve? For load balancers and monitors."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with {"database": "ok", "cache": "ok"}; 503 naming what is down."""
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
    return JsonResponse(status, status=200 if healthy else 503)
