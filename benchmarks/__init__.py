"""Benchmark scripts: each prints figures measured through the whole Django stack."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_production_like(database_url: str) -> None:
    """Django as in production (DEBUG off, page cache off) on `database_url`, static files unbuilt."""
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "kmblog.settings",
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "ERROR",
            "PAGE_CACHE_SECONDS": "0",
        }
    )
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
