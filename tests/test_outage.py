"""PostgreSQL restarts while the site serves: clean 503s during the outage, then recovery by itself.

Runs in both CI runs against the local PostgreSQL (its own database), through
gunicorn as in production. Restarting the server needs pg_ctlcluster as root:
on a laptop without that it is skipped, in CI it must run.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.servers import fetch, gunicorn, production_env

PG = "postgres://postgres@127.0.0.1:5432"


def pg_cluster() -> list[str] | None:
    if os.geteuid() != 0 or not shutil.which("pg_ctlcluster"):
        return None
    versions = sorted(Path("/etc/postgresql").iterdir()) if Path("/etc/postgresql").is_dir() else []
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main"] if versions else None


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
    env = production_env(tmp_path, f"{PG}/kmblog_outage")
    try:
        with gunicorn(tmp_path, env, "-w", "2") as base:
            yield base, cluster
    finally:
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
