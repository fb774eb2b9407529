"""What editors and monitors see of the background work, and the mail it sends or holds back.

In this process: the worker runs one batch at a time (the run_tasks fixture),
which is enough to see what the admin and /healthz say about the rows it leaves.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from jobs.models import WorkerBeat
from tests.factories import make_post, make_user

pytestmark = pytest.mark.django_db

TASKS = "/admin/django_tasks_database/dbtaskresult/"


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def guest_comment(client, post):
    client.post(f"/posts/{post.number}/comments/", {"guest_name": "ครูอ้อย", "body": "ขอบคุณค่ะ"})


def notice_tasks():
    """The comment's notice task (publishing the post queued its own announcement too)."""
    return DBTaskResult.objects.filter(task_path="comments.tasks.send_comment_notices")


def make_due(row: DBTaskResult) -> None:
    """Time passes: the retry's wait is over."""
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now() - timedelta(seconds=1))


def test_a_failing_mail_is_retried_with_doubling_waits(client, blog, settings, run_tasks):
    settings.EMAIL_BACKEND = "tests.jobs.test_admin_and_health.RefusingBackend"
    settings.TASK_RETRY_SECONDS = 60
    guest_comment(client, make_post(blog))
    waits = []
    for _ in range(3):
        run_tasks()
        row = notice_tasks().get()
        assert row.status == "READY" and "ConnectionRefusedError" in row.traceback
        waits.append(round((row.run_after - timezone.now()).total_seconds() / 60))
        make_due(row)
    assert waits == [1, 2, 4]  # minutes


def test_editors_see_a_mail_that_failed_for_good_and_can_send_it_again(
    client, editor, blog, settings, run_tasks, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = "tests.jobs.test_admin_and_health.RefusingBackend"
    settings.TASK_RETRY_ATTEMPTS = 2
    guest_comment(client, make_post(blog, title="ถอดบทเรียน"))
    run_tasks()
    make_due(notice_tasks().get())
    run_tasks()
    row = notice_tasks().get()
    assert row.status == "FAILED" and len(row.worker_ids) == 2
    assert Comment.objects.count() == 1  # the comment itself never depended on the mail

    client.force_login(editor)
    front = client.get("/admin/").content.decode()
    assert "ล้มเหลว 1 งาน" in front
    with django_assert_max_num_queries(12):
        listing = client.get(TASKS, {"status": "FAILED"}).content.decode()
    assert "ส่งอีเมลแจ้งความเห็นใหม่" in listing and "ล้มเหลว" in listing and "ConnectionRefusedError" in listing
    detail = client.get(f"{TASKS}{row.pk}/change/").content.decode()
    assert "mail server down" in detail  # the traceback, escaped in <pre>

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    response = client.post(TASKS, {"action": "run_again", "_selected_action": [row.pk]}, follow=True)
    assert "นำงาน 1 งานกลับเข้าคิวแล้ว" in response.content.decode()
    run_tasks()
    assert notice_tasks().get().status == "SUCCESSFUL"
    assert [message.to for message in mail.outbox] == [["somchai@example.org"]]


def test_members_cannot_see_or_retry_tasks(client, member):
    client.force_login(member)
    assert client.get(TASKS).status_code == 302  # to the admin login


def test_the_admin_front_page_and_healthz_say_when_the_worker_was_last_seen(client, editor, run_tasks):
    client.force_login(editor)
    assert "ยังไม่เคยมีเวิร์กเกอร์ทำงาน" in client.get("/admin/").content.decode()
    assert client.get("/healthz").json()["worker"] == "never"

    run_tasks()  # a worker beats as it starts
    front = client.get("/admin/").content.decode()
    assert "เวิร์กเกอร์ติดต่อล่าสุด เมื่อสักครู่" in front and "worker-silent" not in front
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["worker"] == "ok"

    WorkerBeat.objects.update(last_seen=timezone.now() - timedelta(minutes=10))
    front = client.get("/admin/").content.decode()
    assert "worker-silent" in front and "เวิร์กเกอร์เงียบไปตั้งแต่ 10 นาทีที่แล้ว" in front
    health = client.get("/healthz")
    # The app server still serves: a load balancer must not take it out for this.
    assert health.status_code == 200 and health.json()["worker"] == "silent"


def test_a_password_reset_request_does_the_same_work_whether_or_not_the_address_has_an_account(
    client, member, run_tasks
):
    def queries_for(email: str) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.post("/accounts/password_reset/", {"email": email}).status_code == 302
        return [query["sql"].split(" VALUES ")[0].split(" WHERE ")[0] for query in captured.captured_queries]

    known, unknown = queries_for(member.email), queries_for("nobody@example.org")
    assert known == unknown  # the same statements: one task row queued, no account looked up
    run_tasks()
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_the_reset_form_cannot_flood_an_inbox(client, member, settings, run_tasks):
    settings.PASSWORD_RESET_MAILS_PER_HOUR = 3
    for _ in range(5):
        client.post("/accounts/password_reset/", {"email": member.email})
    run_tasks()
    assert len(mail.outbox) == 3


def test_a_comment_removed_before_the_worker_came_is_not_announced(client, blog, run_tasks):
    guest_comment(client, make_post(blog))
    Comment.objects.update(status=Comment.Status.SPAM)
    run_tasks()
    assert mail.outbox == [] and notice_tasks().get().status == "SUCCESSFUL"


def test_a_task_whose_workers_keep_dying_ends_failed_and_visible(client, editor, blog, settings, run_tasks):
    settings.TASK_RETRY_ATTEMPTS = 3
    guest_comment(client, make_post(blog))
    long_ago = timezone.now() - timedelta(hours=1)
    notice_tasks().update(status="RUNNING", started_at=long_ago, worker_ids=["gone-1", "gone-2", "gone-3"])
    run_tasks()  # the worker's housekeeping finds the task of lost workers
    row = notice_tasks().get()
    assert row.status == "FAILED" and row.exception_class_path == "jobs.worker.WorkerLost"
    assert mail.outbox == []
    client.force_login(editor)
    assert "WorkerLost" in client.get(TASKS, {"status": "FAILED"}).content.decode()


def test_old_rows_are_pruned_once_a_day(client, blog, settings, run_tasks):
    from django.core.management import call_command

    settings.PERIODIC_TASKS = {"jobs.tasks.prune_finished": 24 * 3600}
    post = make_post(blog)
    for _ in range(3):
        guest_comment(client, post)
    run_tasks()
    rows = list(DBTaskResult.objects.order_by("enqueued_at"))
    old = timezone.now() - timedelta(days=settings.TASK_KEEP_DAYS + 1)
    DBTaskResult.objects.filter(pk=rows[0].pk).update(finished_at=old)  # finished long ago
    DBTaskResult.objects.filter(pk=rows[1].pk).update(status="FAILED", finished_at=old)  # failed: kept longer
    call_command("run_schedule")
    call_command("run_schedule")  # the same day: not again
    run_tasks()
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert rows[0].pk not in remaining and {rows[1].pk, rows[2].pk} <= remaining
    assert DBTaskResult.objects.filter(task_path="jobs.tasks.prune_finished").count() == 1


def test_every_task_has_a_thai_label_in_the_admin():
    from jobs import registry

    assert set(registry.LABELS) >= {
        "comments.tasks.send_comment_notices",
        "profiles.tasks.send_password_reset",
        "posts.tasks.flush_read_counts",
        "jobs.tasks.prune_finished",
        "communities.tasks.refresh_all_counts",
        "search.tasks.compact_index",
    }


@pytest.fixture
def editor(db):
    return make_user("editor", display_name="บรรณาธิการ", staff=True)
