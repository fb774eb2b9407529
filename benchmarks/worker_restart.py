"""A restart loses nothing: mail queued, worker killed mid-mail, mail delivered after the restart.

    .venv/bin/python benchmarks/worker_restart.py [--database-url URL]

On a scratch SQLite file (or an empty database named by --database-url, e.g.
a PostgreSQL one): a guest comments on a post while no worker runs; a worker
starts and hangs in the middle of sending (the mail server accepts the
connection and never answers); it is killed with SIGKILL; the mail server
comes back and a new worker starts. Prints a timeline of the task's row and
what the mail server received.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    url = args.database_url or f"sqlite:///{scratch / 'restart.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kmblog.settings",
        "DEBUG": "1",
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_USE_TLS": "0",
        "TASK_WORKER_BEAT_SECONDS": "2",
        "TASK_WORKER_LOST_SECONDS": "10",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from posts.models import Blog, Post

    call_command("migrate", verbosity=0)
    started = time.monotonic()

    def say(text: str) -> None:
        row = DBTaskResult.objects.filter(task_path="comments.tasks.send_comment_notices").first()
        state = f"task {row.status}, attempts {len(row.worker_ids)}" if row else "no task"
        print(f"{time.monotonic() - started:6.1f} s  {text:58} [{state}]")

    author = get_user_model().objects.create_user("somchai", "somchai@example.org", "restart-2569")
    blog = Blog.objects.create(owner=author, title="บันทึกของสมชาย")
    post = Post.objects.create(
        blog=blog, author=author, title="ถอดบทเรียนกลุ่มออมทรัพย์", body="<p>เนื้อหา</p>",
        status=Post.Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    response = Client().post(f"/posts/{post.number}/comments/", {"guest_name": "ครูอ้อย", "body": "ขอบคุณค่ะ"})
    assert response.status_code == 302, response.status_code
    say("guest commented; no worker is running")

    silent_port, good_port = free_port(), free_port()
    listener = socket.create_server(("127.0.0.1", silent_port))
    held = []
    threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
    manage = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
    logs = scratch / "workers.log"
    with logs.open("w") as log:
        first = subprocess.Popen(  # noqa: S603 (our own manage.py)
            manage, cwd=ROOT, env={**env, "EMAIL_PORT": str(silent_port)}, stdout=log, stderr=log
        )
    while not held:
        time.sleep(0.1)
    time.sleep(0.5)
    say("worker 1 is sending; the mail server does not answer")
    first.send_signal(signal.SIGKILL)
    first.wait()
    say("worker 1 killed (SIGKILL)")

    received = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    smtp = Controller(Sink(), hostname="127.0.0.1", port=good_port)
    smtp.start()
    with logs.open("a") as log:
        second = subprocess.Popen(  # noqa: S603 (our own manage.py)
            manage, cwd=ROOT, env={**env, "EMAIL_PORT": str(good_port)}, stdout=log, stderr=log
        )
    say("mail server back; worker 2 started")
    row = DBTaskResult.objects.get(task_path="comments.tasks.send_comment_notices")
    last = row.status
    while row.status != "SUCCESSFUL" and time.monotonic() - started < 120:
        time.sleep(0.1)
        row.refresh_from_db()
        if row.status != last:
            why = " (worker 1 silent too long: taken back)" if last == "RUNNING" and row.status == "READY" else ""
            say(f"{last} -> {row.status}{why}")
            last = row.status
    say("done")
    print(f"mails received: {len(received)}, to {[e.rcpt_tos for e in received]}")
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=30)
    smtp.stop()
    listener.close()


if __name__ == "__main__":
    main()
