"""`manage.py run_schedule`: enqueue the periodic jobs that are due, for cron or a systemd timer.

Workers do this themselves on every beat unless TASK_SCHEDULE_IN_WORKER=0.
Safe to run as often as you like: each period of each job is enqueued once.
"""

from django.core.management.base import BaseCommand

from jobs.schedule import run_due


class Command(BaseCommand):
    help = "Enqueue the periodic jobs whose period has come (each period once)"

    def handle(self, *args, **options):
        for path in run_due():
            self.stdout.write(f"enqueued {path}")
