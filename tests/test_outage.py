"""PostgreSQL restarts while the site serves: clean 503s during the outage, then recovery by itself.

Runs in both CI runs against the local PostgreSQL (its own database), through
gunicorn as in production. Restarting the server needs pg_ctlcluster as root:
on a laptop without that it is skipped, in CI it must run.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PG = "postgres://postgres@127.0.0.1:5432"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urlopen(url, timeout=20) as response:  # noqa: S310 (our own server)
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode()


def pg_cluster() -> list[str] | None:
    if os.geteuid() != 0 or not shutil.which("pg_ctlcluster"):
        return None
    versions = sorted(Path("/etc/postgresql").iterdir()) if Path("/etc/postgresql").is_dir() else []
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main"] if versions else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    cluster = pg_cluster()
    if cluster is None:
        if os.environ.get("CI"):
            pytest.fail("restarting PostgreSQL needs pg_ctlcluster as root")
        pytest.skip("cannot restart the local PostgreSQL here")
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS kmblog_outage WITH (FORCE)")
        connection.execute("CREATE DATABASE kmblog_outage")
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DATABASE_URL": f"{PG}/kmblog_outage",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "kmblog.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT, env={**env, "GUNICORN_ACCESSLOG": ""}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except URLError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()[-2000:]
            time.sleep(0.2)
        yield base, cluster
    finally:
        process.terminate()
        process.wait(timeout=20)
        subprocess.run([*cluster, "start"], check=False, capture_output=True)
    from django.db import connections

    connections.close_all()  # this test process's own connections did not survive either


def test_a_database_restart_gives_503s_then_recovers(server):
    base, cluster = server
    assert fetch(base + "/")[0] == 200
    subprocess.run([*cluster, "stop", "-m", "fast"], check=True, capture_output=True)
    try:
        status, page = fetch(base + "/")
        assert status == 503
        assert "ระบบไม่พร้อมให้บริการชั่วคราว" in page
        health_status, health = fetch(base + "/healthz")
        assert health_status == 503 and '"database": "down"' in health
    finally:
        subprocess.run([*cluster, "start"], check=True, capture_output=True)
    deadline = time.monotonic() + 30
    statuses = []
    while time.monotonic() < deadline:
        statuses.append(fetch(base + "/")[0])
        if statuses[-1] == 200 and fetch(base + "/healthz")[0] == 200:
            break
        time.sleep(0.5)
    assert statuses[-1] == 200, statuses
    assert set(statuses) <= {200, 503}, statuses  # never a 500
