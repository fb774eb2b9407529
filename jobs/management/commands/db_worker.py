"""`manage.py db_worker`: django-tasks-db's worker with kmblog's heartbeat, recovery,
retries and schedule (jobs/worker.py). Same options as the original."""

from django_tasks_db.management.commands import db_worker

from jobs.worker import KmblogWorker


class Command(db_worker.Command):
    help = "Run tasks from the database as they are queued (with heartbeat, retries and the periodic schedule)"

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = KmblogWorker  # handle() builds its Worker by this name
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
