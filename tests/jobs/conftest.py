"""Real workers and a real mail server, as in production.

Each worker is `manage.py db_worker` in its own process, on the test database
(committed rows: these tests use transactional_db), with the production
settings module and a short heartbeat so that recovery takes seconds, not a
minute. The mail server is aiosmtpd on a free local port; a port with nothing
listening is a mail server that refuses.
"""

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.servers import ROOT, free_port, production_env


def database_url() -> str:
    """The test database, for another process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


def wait_for(condition: Callable[[], object], seconds: float = 30, what: str = "") -> object:
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"waited {seconds} s for {what or condition}"
        time.sleep(0.1)


class Sink:
    """An SMTP server that keeps what it receives."""

    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@contextmanager
def mail_server(port: int):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@contextmanager
def silent_mail_server(port: int):
    """Accepts connections and never answers: a worker sending to it hangs in the middle of its task."""
    listener = socket.create_server(("127.0.0.1", port))
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield accepted
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()


class Workers:
    """Starts `manage.py db_worker` processes; stops (or kills) them at the end of the test."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen] = []

    def env(self, mail_port: int, **extra: str) -> dict[str, str]:
        return production_env(
            self.tmp_path,
            database_url(),
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(mail_port),
            EMAIL_USE_TLS="0",
            TASK_WORKER_BEAT_SECONDS="1",
            TASK_WORKER_LOST_SECONDS="3",
            TASK_RETRY_SECONDS="1",
            LOG_LEVEL="INFO",
            **extra,
        )

    def start(self, mail_port: int, **extra: str) -> subprocess.Popen:
        log = (self.tmp_path / f"worker-{len(self.processes)}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
            cwd=ROOT, env=self.env(mail_port, **extra), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        process.log_path = log.name
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(Path(p.log_path).read_text()[-3000:] for p in self.processes)

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # graceful: the current task finishes
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self) -> None:
        for process in self.processes:
            self.stop(process)


@pytest.fixture
def workers(tmp_path, transactional_db):
    pool = Workers(tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


@pytest.fixture
def mail_port():
    return free_port()
