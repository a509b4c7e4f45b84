"""Work that runs by the clock (erasing personal data after the retention period, planned
changes): registered by the apps, run by every `db_worker` between tasks, and by
`manage.py run_periodic_jobs` for a cron job. However many workers run, one runs a due job:
it claims the job by moving its next run forward in the same transaction in which it reads
it. A job must be safe to run again (it is run again after a crash in the middle).
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
            logger.error("Periodieke taak %s mislukt: %s", job.name, error)
        PeriodicRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_error=error
        )
        ran.append(job.name)
    return ran
