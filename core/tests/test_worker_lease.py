"""Background work survives a killed worker: a task left RUNNING by a worker that got
SIGKILL is run again by another worker once its lease has expired, exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import TaskLease
from core.tests.background_tasks import note_each_run

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2


def database_url() -> str:
    """The URL of the database this test runs on, for the worker processes."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(worker_id: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "escalatiepunten.settings.test",
        "TASK_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    command = [sys.executable, "manage.py", "db_worker", "--backend", "database"]
    command += ["--no-startup-delay", "--interval", "0.1", "--worker-id", worker_id, "-v0"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"wachtte vergeefs op: {what}"
        time.sleep(0.1)


def status_of(result_id) -> str:
    return DBTaskResult.objects.get(pk=result_id).status


@pytest.mark.django_db(transaction=True)
def test_a_task_of_a_killed_worker_runs_again_after_its_lease(tmp_path):
    marker = tmp_path / "runs.txt"
    result = note_each_run.using(backend="database").enqueue(str(marker))

    first = start_worker("eerste")
    try:
        wait_for(lambda: marker.exists(), 60, "de eerste worker begint")
        wait_for(lambda: TaskLease.objects.filter(task_id=result.id).exists(), 10, "een lease")
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.kill()
        first.wait(timeout=30)
    assert status_of(result.id) == TaskResultStatus.RUNNING

    second = start_worker("tweede")
    try:
        wait_for(
            lambda: status_of(result.id) == TaskResultStatus.SUCCESSFUL,
            60,
            "de tweede worker voert de taak opnieuw uit",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    assert marker.read_text().split() == ["start", "start", "done"]
    finished = DBTaskResult.objects.get(pk=result.id)
    assert finished.worker_ids == ["eerste", "tweede"]
    assert not TaskLease.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_live_worker_keeps_its_task(tmp_path):
    """A task that runs longer than the lease is not taken from its live worker."""
    marker = tmp_path / "runs.txt"
    result = note_each_run.using(backend="database").enqueue(str(marker))
    first = start_worker("eerste")
    second = None
    try:
        wait_for(lambda: marker.exists(), 60, "de eerste worker begint")
        second = start_worker("tweede")
        time.sleep(LEASE_SECONDS * 3)
        assert marker.read_text().split() == ["start"]
        assert DBTaskResult.objects.get(pk=result.id).worker_ids == ["eerste"]
    finally:
        for worker in (first, second):
            if worker is not None:
                worker.kill()
                worker.wait(timeout=30)
