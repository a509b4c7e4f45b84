"""Work that runs by the clock (e.g. erasing personal data after the retention period) runs
when it is due, once however many workers ask, and a failing job stops no other."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from core import periodic
from core.models import PeriodicRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs():
    """Only the jobs a test registers, for the length of the test."""
    kept = dict(periodic._JOBS)
    periodic._JOBS.clear()
    yield
    periodic._JOBS.clear()
    periodic._JOBS.update(kept)


def counting_job(name: str, every: timedelta) -> list:
    runs = []
    periodic.register(name, every, lambda: runs.append(timezone.now()))
    return runs


def test_a_due_job_runs_once_until_its_next_time(jobs):
    runs = counting_job("tellen", timedelta(hours=1))

    with time_machine.travel("2026-11-30T10:00:00+01:00", tick=False):
        assert periodic.run_due_jobs() == ["tellen"]
        assert periodic.run_due_jobs() == []
    with time_machine.travel("2026-11-30T10:59:59+01:00", tick=False):
        assert periodic.run_due_jobs() == []
    with time_machine.travel("2026-11-30T11:00:00+01:00", tick=False):
        assert periodic.run_due_jobs() == ["tellen"]

    assert len(runs) == 2


def test_a_failing_job_is_noted_and_the_others_still_run(jobs, caplog):
    def fail():
        raise ValueError("Jan Janssens, 85.07.30-033.28")

    periodic.register("faalt", timedelta(hours=1), fail)
    runs = counting_job("tellen", timedelta(hours=1))

    assert periodic.run_due_jobs() == ["faalt", "tellen"]

    assert len(runs) == 1
    assert PeriodicRun.objects.get(name="faalt").last_error == "ValueError"
    assert "Jan Janssens" not in caplog.text
    assert "faalt" in caplog.text


def test_the_command_runs_every_job_when_asked(jobs, capsys):
    runs = counting_job("tellen", timedelta(days=1))
    periodic.run_due_jobs()

    call_command("run_periodic_jobs")
    call_command("run_periodic_jobs", "--alle")

    assert len(runs) == 2
    assert "Uitgevoerd: tellen (van 1 taken)." in capsys.readouterr().out


def test_retention_is_a_registered_hourly_job():
    names = {job.name: job.every for job in periodic.registered()}

    assert names["escalaties: persoonsgegevens wissen na de bewaartermijn"] == timedelta(hours=1)
