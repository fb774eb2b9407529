"""The task worker as production runs it: its own processes, a real mail server, restarts and kills.

Personas: ครูอ้อย, a guest who comments on สมชาย's post; สมชาย (the author)
is told by mail. The mail must arrive whatever happens to the worker or the
mail server in between.
"""

import time

import pytest
from django_tasks_db.models import DBTaskResult

from jobs.models import PeriodRun, SentMail
from tests.factories import make_post
from tests.jobs.conftest import mail_server, silent_mail_server, wait_for
from tests.servers import free_port

NOTICE = "comments.tasks.send_comment_notices"


def comment(client, post, body="ขอบคุณค่ะ ได้แนวคิดไปใช้กับกลุ่มออมทรัพย์"):
    response = client.post(f"/posts/{post.number}/comments/", {"guest_name": "ครูอ้อย", "body": body})
    assert response.status_code == 302


def task() -> DBTaskResult:
    return DBTaskResult.objects.get(task_path=NOTICE)


def subjects(sink) -> list[str]:
    from email import message_from_bytes
    from email.header import decode_header, make_header

    return [str(make_header(decode_header(message_from_bytes(m.content)["Subject"]))) for m in sink.messages]


def test_mail_queued_while_no_worker_runs_is_sent_when_one_starts(client, blog, workers, mail_port):
    post = make_post(blog, title="ถอดบทเรียนกลุ่มออมทรัพย์")
    with mail_server(mail_port) as sink:
        comment(client, post)
        time.sleep(1)
        assert sink.messages == [] and task().status == "READY"  # queued, nobody to send it
        workers.start(mail_port)
        wait_for(lambda: sink.messages, what="the mail, once a worker runs")
    assert sink.messages[0].rcpt_tos == ["somchai@example.org"]
    assert subjects(sink) == ["มีความเห็นใหม่ในบันทึก “ถอดบทเรียนกลุ่มออมทรัพย์”"]
    wait_for(lambda: task().status == "SUCCESSFUL", what="the task marked done")


def test_a_refusing_mail_server_is_tried_again_until_it_answers(client, blog, workers, mail_port):
    post = make_post(blog)
    comment(client, post)
    workers.start(mail_port)  # nothing listens on mail_port yet: connection refused

    def failed_twice():
        row = task()  # back in the queue after its second refused attempt
        return row.status == "READY" and len(row.worker_ids) >= 2 and row

    row = wait_for(failed_twice, what="a second refused attempt", seconds=20)
    assert row.exception_class_path == "builtins.ConnectionRefusedError"
    with mail_server(mail_port) as sink:
        wait_for(lambda: sink.messages, what="the mail once the server answers", seconds=30)
        wait_for(lambda: task().status == "SUCCESSFUL")
    assert len(sink.messages) == 1  # one mail, however many attempts
    assert len(task().worker_ids) >= 3


def test_a_worker_killed_in_the_middle_of_a_task_does_not_lose_it(client, blog, workers, mail_port):
    post = make_post(blog)
    comment(client, post)
    with silent_mail_server(mail_port) as connections:
        doomed = workers.start(mail_port)
        wait_for(lambda: connections and task().status == "RUNNING", what="the worker stuck mid-mail")
        doomed.kill()  # SIGKILL: no goodbye, the task stays RUNNING
        doomed.wait()
    assert task().status == "RUNNING"
    good_port = free_port()
    with mail_server(good_port) as sink:
        workers.start(good_port)
        wait_for(lambda: task().status == "SUCCESSFUL", what="the task taken back and done", seconds=40)
    assert len(sink.messages) == 1 and sink.messages[0].rcpt_tos == ["somchai@example.org"]
    assert len(task().worker_ids) == 2  # the lost attempt and the one that finished
    assert "was lost" in workers.logs()


def test_two_workers_never_run_the_same_task(client, blog, workers, mail_port):
    post = make_post(blog)
    for n in range(30):
        comment(client, post, body=f"ความเห็นที่ {n + 1}")
    with mail_server(mail_port) as sink:
        workers.start(mail_port)
        workers.start(mail_port)
        notices = DBTaskResult.objects.filter(task_path=NOTICE)
        wait_for(lambda: notices.filter(status="SUCCESSFUL").count() == 30, seconds=60, what="30 notices sent")
    rows = list(notices)
    assert all(len(row.worker_ids) == 1 for row in rows)  # each claimed once
    assert len({row.worker_ids[0] for row in rows}) == 2  # and both workers worked
    assert len(sink.messages) == 30 == SentMail.objects.count()


def test_a_periodic_job_runs_once_per_period_with_two_workers(workers, mail_port):
    flush = "posts.tasks.flush_read_counts"
    for _ in range(2):
        workers.start(mail_port, READ_COUNT_FLUSH_SECONDS="2")
    time.sleep(9)
    workers.stop_all()
    periods = list(PeriodRun.objects.filter(job=flush).order_by("period").values_list("period", flat=True))
    assert len(periods) >= 3, workers.logs()
    assert all((b - a).total_seconds() == 2 for a, b in zip(periods, periods[1:], strict=False))  # none skipped
    runs = DBTaskResult.objects.filter(task_path=flush)
    assert runs.count() == len(periods)  # one run per period, not one per worker
    # A missed period (no worker for a while) runs as soon as a worker is back.
    time.sleep(4.5)
    workers.start(mail_port, READ_COUNT_FLUSH_SECONDS="2")
    started = time.monotonic()
    wait_for(lambda: PeriodRun.objects.filter(job=flush).count() > len(periods), seconds=10)
    assert time.monotonic() - started < 3
    # Every run enqueued is run. (One enqueued just before the workers stopped
    # waits in the queue for this worker: checking at the stop raced with it.)
    done = lambda: set(runs.values_list("status", flat=True)) == {"SUCCESSFUL"}  # noqa: E731
    wait_for(done, seconds=10, what="every periodic run done")


@pytest.fixture(autouse=True)
def _pg_or_sqlite_note(request):
    """These tests run on whichever database the suite runs on (SQLite, then PostgreSQL in CI)."""
    yield
