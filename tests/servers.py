"""Real servers for tests that need the whole stack: gunicorn as in production, nginx in front."""

import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 20, headers: dict | None = None) -> tuple[int, str]:
    from urllib.request import Request

    try:
        with urlopen(Request(url, headers=headers or {}), timeout=timeout) as response:  # noqa: S310 (our own server)
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode()


def production_env(tmp_path: Path, database_url: str, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
        **extra,
    }


def wait_until_up(url: str, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if fetch(url, timeout=5)[0] == 200:
                return
        except (URLError, OSError):
            pass
        assert time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.2)


@contextmanager
def gunicorn(tmp_path: Path, env: dict[str, str], *args: str):
    """Migrate, collect static files and serve kmblog with gunicorn; yields the base URL."""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "kmblog.wsgi",
             "-b", f"127.0.0.1:{port}", *args],
            cwd=ROOT, env={**env, "GUNICORN_ACCESSLOG": ""}, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/healthz", log_path)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)
