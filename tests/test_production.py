"""Production settings and the health check."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def deploy_check(**env) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "kmblog.example",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_the_deploy_check_is_clean():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_catches_a_weak_setup():
    result = deploy_check(SECRET_KEY="short", SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr and "HSTS" in result.stdout + result.stderr


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "worker": "never", "worker_last_seen": None}
    assert "no-cache" in response["Cache-Control"]


class UnreachableCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    get = set


@pytest.mark.django_db
def test_healthz_says_503_when_the_cache_is_down(client, monkeypatch):
    monkeypatch.setattr("kmblog.health.cache", UnreachableCache())
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["cache"] == "down"


def test_security_headers_with_debug_off(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_redis_cache_url_configures_the_redis_backend():
    code = "import kmblog.settings as s; print(s.CACHES['default']['BACKEND'])"
    env = {"PATH": os.environ["PATH"], "DEBUG": "1", "CACHE_URL": "redis://127.0.0.1:6379/3"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "kmblog.cache.RedisCache", result.stderr
