"""`manage.py db_worker`: django-tasks-db's worker, with leases (see core.models.TaskLease)
and the periodic work of `core.periodic`.

While it runs a task it renews that task's lease every third of the lease period. Beside the
tasks, a housekeeping thread puts tasks abandoned by dead workers back in the queue and runs
the periodic jobs that are due, every few seconds; each sweep runs in a thread of its own.
With `--batch` the due jobs and each sweep run once before the tasks.
"""

import threading

from django.core.management import CommandError
from django.db import close_old_connections, connection
from django.utils import autoreload
from django_tasks_db.management.commands import db_worker

from core.models import TaskLease, lease_duration, requeue_abandoned_tasks
from core.periodic import Sweep, registered_sweeps, run_due_jobs, run_sweep

# How often the housekeeping thread looks for abandoned tasks and due periodic jobs.
HOUSEKEEPING_SECONDS = 5


class LeasedWorker(db_worker.Worker):
    def run(self) -> None:
        requeue_abandoned_tasks()
        run_due_jobs()
        threading.Thread(target=self._housekeeping, daemon=True).start()
        for sweep in registered_sweeps():
            if self.batch:
                run_sweep(sweep, self.worker_id)
            else:
                threading.Thread(target=self._repeat, args=(sweep,), daemon=True).start()
        super().run()

    def _repeat(self, sweep: Sweep) -> None:
        pause = sweep.every_seconds()
        try:
            while self.running:
                close_old_connections()
                run_sweep(sweep, self.worker_id)
                threading.Event().wait(pause)
        finally:
            connection.close()

    def run_task(self, db_task_result) -> None:
        TaskLease.renew(db_task_result.pk, self.worker_id)
        done = threading.Event()
        renewer = threading.Thread(target=self._renew, args=(db_task_result.pk, done), daemon=True)
        renewer.start()
        try:
            super().run_task(db_task_result)
        finally:
            done.set()
            renewer.join()
            TaskLease.objects.filter(task_id=db_task_result.pk).delete()

    def _renew(self, task_id, done: threading.Event) -> None:
        try:
            while not done.wait(lease_duration().total_seconds() / 3):
                TaskLease.renew(task_id, self.worker_id)
        finally:
            connection.close()

    def _housekeeping(self) -> None:
        pause = min(HOUSEKEEPING_SECONDS, lease_duration().total_seconds() / 2)
        try:
            while self.running:
                threading.Event().wait(pause)
                close_old_connections()
                requeue_abandoned_tasks()
                run_due_jobs()
        finally:
            connection.close()


class Command(db_worker.Command):
    help = (
        "Voert achtergrondtaken uit. Een taak van een gestopte worker wordt na het verlopen "
        "van haar lease opnieuw uitgevoerd."
    )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues kan enkel samen met --queue-name=*.")
        worker = LeasedWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        if reload and not options["batch"]:
            autoreload.run_with_reloader(worker.run)
        else:
            worker.run()
