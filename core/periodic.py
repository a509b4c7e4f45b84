"""Work that runs by the clock beside the tasks, registered by the apps in their `ready()`
(core cannot import the apps above it). Two kinds:

- a *job* (`register`) runs once per interval however many workers run: erasing personal data
  after the retention period, planned changes. A worker claims a due job by moving its next run
  forward in the same transaction in which it reads it. Every `db_worker` runs the due jobs at
  start and every few seconds; `manage.py run_periodic_jobs` does the same for a cron job. A
  job must be safe to run again (it is run again after a crash in the middle).
- a *sweep* (`in_every_worker`) runs in every worker every few seconds, with the worker's id:
  the escalation outbox's sweep for retries and messages whose worker died. It finds its own
  work in the database and must be safe in several workers at once (the outbox leases each
  message it takes).

A failure is logged by the job's name and the exception's type only: a job's data may be
personal.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    run: Callable[[], object]


_JOBS: dict[str, PeriodicJob] = {}


@dataclass(frozen=True)
class Sweep:
    name: str
    run: Callable[[str], object]  # called with the worker's id
    every_seconds: Callable[[], float]  # read when the worker starts (settings may change)


_SWEEPS: dict[str, Sweep] = {}


def in_every_worker(name: str, *, every_seconds: Callable[[], float]):
    """Decorator: run the function in every worker every `every_seconds()` seconds."""

    def decorate(function):
        _SWEEPS[name] = Sweep(name, function, every_seconds)
        return function

    return decorate


def registered_sweeps() -> list[Sweep]:
    return list(_SWEEPS.values())


def run_sweep(sweep: Sweep, worker_id: str) -> None:
    """One run of a sweep; an error is logged and the sweep runs again next time."""
    try:
        sweep.run(worker_id)
    except Exception as error:
        logger.error("Periodieke taak %s mislukte: %s", sweep.name, type(error).__name__)


def register(name: str, every: timedelta, run: Callable[[], object]) -> None:
    _JOBS[name] = PeriodicJob(name, every, run)


def registered() -> list[PeriodicJob]:
    return list(_JOBS.values())


def _claim(job: PeriodicJob, now: datetime, *, force: bool) -> bool:
    with transaction.atomic():
        PeriodicRun.objects.get_or_create(name=job.name)
        row = PeriodicRun.objects.select_for_update().get(name=job.name)
        if not force and row.next_run_at is not None and row.next_run_at > now:
            return False
        row.next_run_at = now + job.every
        row.last_started_at = now
        row.save(update_fields=["next_run_at", "last_started_at"])
    return True


def run_due_jobs(now: datetime | None = None, *, force: bool = False) -> list[str]:
    """Run the jobs that are due (all with `force`); returns the names of those run. A job
    that fails is logged (by name, never with the data it handled) and tried at its next
    time."""
    ran = []
    for job in registered():
        moment = now or timezone.now()
        if not _claim(job, moment, force=force):
            continue
        error = ""
        try:
            job.run()
        except Exception as failure:
            error = type(failure).__name__
            logger.error("Periodieke taak %s mislukte: %s", job.name, error)
        PeriodicRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_error=error
        )
        ran.append(job.name)
    return ran
