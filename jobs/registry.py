"""What kmblog knows of each task beyond django-tasks: a label for editors, and its retry policy.

Put @job(...) above @task():

    @job(_("ส่งอีเมลแจ้งความเห็นใหม่"), retry_on=MAIL_ERRORS)
    @task()
    def send_comment_notices(comment_id: int, site_url: str) -> int: ...
"""

from django.utils.functional import Promise

LABELS: dict[str, str | Promise] = {}  # task path -> what the admin calls it
RETRIED: dict[str, tuple[type[BaseException], ...]] = {}  # task path -> errors worth another try


def job(label: str | Promise, *, retry_on: tuple[type[BaseException], ...] = ()):
    def register(task):
        LABELS[task.module_path] = label
        if retry_on:
            RETRIED[task.module_path] = retry_on
        return task

    return register


def label(task_path: str) -> str | Promise:
    return LABELS.get(task_path) or task_path.rsplit(".", 1)[-1]
