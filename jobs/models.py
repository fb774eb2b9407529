"""What the background work keeps beside the task rows of django-tasks-db.

The tasks themselves are rows of django_tasks_db.DBTaskResult (queued,
running, failed, finished). Here: the workers' heartbeats (who is alive, and
whose running task must be taken back), one row per period of each periodic
job (so a period runs once, however many workers), and the mail already sent
(so a task that runs again does not send its mail twice).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    """A worker process, as last heard from. Written every TASK_WORKER_BEAT_SECONDS."""

    worker_id = models.CharField(_("รหัสเวิร์กเกอร์"), max_length=64, primary_key=True)
    host = models.CharField(_("เครื่อง"), max_length=255)
    pid = models.PositiveIntegerField(_("หมายเลขโพรเซส"))
    started_at = models.DateTimeField(_("เริ่มทำงาน"))
    last_seen = models.DateTimeField(_("ติดต่อล่าสุด"))
    stopped_at = models.DateTimeField(_("หยุดทำงาน"), null=True, blank=True)

    class Meta:
        verbose_name = _("เวิร์กเกอร์")
        verbose_name_plural = _("เวิร์กเกอร์")
        ordering = ["-last_seen"]
        indexes = [
            # "When was a worker last seen": the admin's front page and /healthz.
            models.Index(fields=["-last_seen"], name="jobs_beat_last_seen"),
        ]

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"


class PeriodRun(models.Model):
    """One period of a periodic job, claimed by the worker that enqueued it.

    The unique constraint is the guarantee: of several workers reaching the
    same period, exactly one inserts this row (and enqueues the job in the same
    transaction); the others get an IntegrityError and move on.
    """

    job = models.CharField(_("งาน"), max_length=200)
    period = models.DateTimeField(_("รอบ"))
    enqueued_at = models.DateTimeField(_("เข้าคิว"), auto_now_add=True)
    task_id = models.CharField(_("รหัสงาน"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("รอบของงานตามกำหนด")
        verbose_name_plural = _("รอบของงานตามกำหนด")
        ordering = ["-period"]
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="jobs_one_run_per_period")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.period:%Y-%m-%d %H:%M}"


class SentMail(models.Model):
    """A mail that left: its key says what it was for, so it is sent once."""

    key = models.CharField(_("กุญแจ"), max_length=200, unique=True)
    to = models.CharField(_("ถึง"), max_length=254)
    subject = models.CharField(_("เรื่อง"), max_length=500)
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("อีเมลที่ส่งแล้ว")
        verbose_name_plural = _("อีเมลที่ส่งแล้ว")
        ordering = ["-sent_at"]
        indexes = [
            # Pruning old rows, and the admin's newest-first list.
            models.Index(fields=["sent_at"], name="jobs_sentmail_sent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class BouncedAddress(models.Model):
    """An address the mail server refused, or that bounced: nothing more is sent to it
    (send_once skips it) until an editor clears it or the member changes their address."""

    email = models.EmailField(_("อีเมล"), max_length=254, unique=True)
    reason = models.CharField(_("สาเหตุ"), max_length=500, blank=True)
    created = models.DateTimeField(_("พบเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("อีเมลที่ส่งไม่ถึง")
        verbose_name_plural = _("อีเมลที่ส่งไม่ถึง")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.email

    @classmethod
    def record(cls, email: str, reason: str) -> None:
        cls.objects.update_or_create(email=email.strip().lower(), defaults={"reason": reason[:500]})
