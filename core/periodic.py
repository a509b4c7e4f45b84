"""Jobs that every worker (`manage.py db_worker`) runs every few seconds beside its tasks.

An app registers a job in its `ready()`; core cannot import the apps above it. A job finds
its own work in the database and must be safe to run in several workers at once (the
escalation outbox, for instance, leases each message it takes).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[str], object]  # called with the worker's id
    every_seconds: Callable[[], float]  # read when the worker starts (settings may change)


_jobs: dict[str, PeriodicJob] = {}


def register(name: str, *, every_seconds: Callable[[], float]):
    """Decorator: run the function in every worker every `every_seconds()` seconds."""

    def decorate(function):
        _jobs[name] = PeriodicJob(name, function, every_seconds)
        return function

    return decorate


def registered_jobs() -> list[PeriodicJob]:
    return list(_jobs.values())


def run_job(job: PeriodicJob, worker_id: str) -> None:
    """One run; an error is logged by its type only (a job's data may be personal) and the
    job runs again next time."""
    try:
        job.run(worker_id)
    except Exception as error:
        logger.error("Periodieke taak %s mislukte: %s", job.name, type(error).__name__)
