"""Leases of background tasks: a task whose worker died is run again (never lost)."""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.TASK_LEASE_SECONDS)


class TaskLease(models.Model):
    """A worker's claim on a running task, renewed while the worker lives.

    django-tasks-db marks a task RUNNING when a worker takes it; if that worker is killed,
    the task would stay RUNNING forever. Our worker (`manage.py db_worker`) renews the lease
    of the task it runs; any worker puts a RUNNING task whose lease has expired back in the
    queue.
    """

    task = models.OneToOneField(
        DBTaskResult, on_delete=models.CASCADE, primary_key=True, related_name="lease"
    )
    worker_id = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "lease van een taak"
        verbose_name_plural = "leases van taken"

    def __str__(self):
        return f"{self.task_id} ({self.worker_id})"

    @classmethod
    def renew(cls, task_id, worker_id: str) -> None:
        cls.objects.update_or_create(
            task_id=task_id,
            defaults={"worker_id": worker_id, "expires_at": timezone.now() + lease_duration()},
        )


def requeue_abandoned_tasks() -> int:
    """Put RUNNING tasks without a live lease back in the queue; returns how many.

    A task that has just been claimed gets one lease period of grace before its worker
    writes the lease, so it is never taken from a live worker.
    """
    now = timezone.now()
    live_lease = TaskLease.objects.filter(task=OuterRef("pk"), expires_at__gt=now)
    with transaction.atomic():
        abandoned = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=now - lease_duration())
            .exclude(Exists(live_lease))
            .select_for_update(skip_locked=True)
        )
        ids = list(abandoned.values_list("pk", flat=True))
        TaskLease.objects.filter(task_id__in=ids).delete()
        return DBTaskResult.objects.filter(pk__in=ids).update(
            status=TaskResultStatus.READY, started_at=None
        )


class PeriodicRun(models.Model):
    """When a periodic job (core.periodic) runs next; the row is the claim that makes one
    worker among several run it."""

    name = models.CharField("taak", max_length=100, primary_key=True)
    next_run_at = models.DateTimeField("volgende keer", null=True)
    last_started_at = models.DateTimeField("laatst gestart", null=True)
    last_finished_at = models.DateTimeField("laatst klaar", null=True)
    last_error = models.TextField("laatste fout", blank=True)

    class Meta:
        verbose_name = "periodieke taak"
        verbose_name_plural = "periodieke taken"

    def __str__(self):
        return self.name
