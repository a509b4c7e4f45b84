"""R25 with real worker processes on a frozen, ticking clock: a change due at 09:00 is applied
once at 09:00 while two workers compete, and undone at its end; a cancelled change never
applies; one that no longer fits is reported; a worker started late catches up in order."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from wagtail.models import ModelLogEntry, Revision

from core.tests.test_worker_lease import database_url, wait_for
from points import planning
from points.factories import EscalationPointFactory
from points.models import ChangeState, EscalationPoint, ScheduledChange
from points.services import create_or_update_point
from points.tests.planned import at

ROOT = Path(__file__).resolve().parents[2]
SETTLING_SECONDS = 120

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


def worker_env(clock_start: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "escalatiepunten.settings.test",
        "TEST_CLOCK_START": at(clock_start).isoformat(),
    }


def start_worker(worker_id: str, clock_start: str) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "db_worker", "--backend", "database"]
    command += ["--no-startup-delay", "--interval", "0.5", "--worker-id", worker_id, "-v0"]
    return subprocess.Popen(command, cwd=ROOT, env=worker_env(clock_start))


def stop(workers) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=30)


def state_of(change) -> str:
    return ScheduledChange.objects.get(pk=change.pk).state


def logged(point, action: str) -> int:
    return ModelLogEntry.objects.for_instance(point).filter(action=action).count()


@pytest.fixture
def jacht(reference_data):
    with time_machine.travel(at("2026-11-30 10:00"), tick=False):
        return EscalationPointFactory()


def plan(point, user, changes, effective, revert=None):
    with time_machine.travel(at("2026-12-07 08:00"), tick=False):
        return planning.plan_change(
            point=point,
            user=user,
            changes=changes,
            effective_at=at(effective),
            revert_at=at(revert) if revert else None,
        )


def test_r25_two_competing_workers_apply_a_change_once_at_its_moment_and_undo_it(jacht, redacteur):
    change = plan(
        jacht,
        redacteur,
        {"handling_term": {"working_days": 10, "info": "Tijdelijk tot 10 werkdagen."}},
        "2026-12-07 09:00",
        "2026-12-07 09:00:40",
    )
    cancelled = plan(jacht, redacteur, {"phone": {"number": "02 553 21 00"}}, "2026-12-07 09:00")
    planning.cancel_change(change=cancelled)
    revisions_before = Revision.objects.for_instance(jacht).count()

    workers = [start_worker(name, "2026-12-07 08:59:50") for name in ("eerste", "tweede")]
    try:
        wait_for(lambda: state_of(change) != ChangeState.PLANNED, SETTLING_SECONDS, "ingaan")
        applied = ScheduledChange.objects.get(pk=change.pk)
        point = EscalationPoint.objects.get(pk=jacht.pk)
        assert applied.state == ChangeState.APPLIED
        assert point.handling_working_days == 10
        wait_for(lambda: state_of(change) != ChangeState.APPLIED, SETTLING_SECONDS, "terugdraaien")
    finally:
        stop(workers)

    settled = ScheduledChange.objects.get(pk=change.pk)
    assert settled.state == ChangeState.REVERTED
    assert at("2026-12-07 09:00") <= settled.applied_at < at("2026-12-07 09:00:30")
    assert settled.applied_revision.created_at >= at("2026-12-07 09:00")
    assert settled.applied_revision.user == redacteur
    assert at("2026-12-07 09:00:40") <= settled.reverted_at < at("2026-12-07 09:01:10")
    assert settled.reverted_revision.user == redacteur
    point = EscalationPoint.objects.get(pk=jacht.pk)
    assert (point.handling_working_days, point.handling_info) == (5, jacht.handling_info)
    # Once each, whichever of the two workers got there first; the cancelled one never.
    assert Revision.objects.for_instance(jacht).count() == revisions_before + 2
    assert logged(jacht, planning.APPLIED_LOG) == 1
    assert logged(jacht, planning.REVERTED_LOG) == 1
    assert state_of(cancelled) == ChangeState.CANCELLED
    assert point.phone_number == "011 12 34 56"


def test_r25_a_worker_started_late_catches_up_in_order_and_reports_what_no_longer_fits(
    jacht, redacteur, beheerder, reference_data
):
    with time_machine.travel(at("2026-11-30 10:00"), tick=False):
        vmm = EscalationPointFactory(
            editorial_title="VMM - Grondwater", reporting__organisation="VMM"
        )
    longer = plan(
        jacht,
        redacteur,
        {"handling_term": {"working_days": 10}},
        "2026-12-07 09:00",
        "2026-12-07 09:30",
    )
    other_point = plan(vmm, beheerder, {"handling_term": {"working_days": 7}}, "2026-12-07 09:05")
    new_number = plan(jacht, redacteur, {"phone": {"number": "02 553 21 00"}}, "2026-12-07 09:10")
    no_phone = plan(vmm, beheerder, {"phone": {"number": ""}}, "2026-12-07 09:20")
    with time_machine.travel(at("2026-12-07 08:30"), tick=False):
        create_or_update_point(
            point=vmm, user=redacteur, data={"status": "published", "email": {"address": ""}}
        )

    worker = start_worker("laat", "2026-12-07 12:00")
    try:
        wait_for(
            lambda: (
                not ScheduledChange.objects.pending().filter(revert_at__isnull=True).exists()
                and state_of(longer) == ChangeState.REVERTED
            ),
            SETTLING_SECONDS,
            "alles wat intussen aan de beurt was",
        )
    finally:
        stop([worker])

    changes = {c.pk: c for c in ScheduledChange.objects.all()}
    in_order = [
        changes[longer.pk].applied_revision_id,
        changes[other_point.pk].applied_revision_id,
        changes[new_number.pk].applied_revision_id,
        changes[longer.pk].reverted_revision_id,
    ]
    assert None not in in_order
    assert in_order == sorted(in_order)
    assert changes[no_phone.pk].state == ChangeState.FAILED
    assert "Vul een telefoonnummer of een e-mailadres in" in changes[no_phone.pk].failure
    assert EscalationPoint.objects.get(pk=vmm.pk).phone_number == "011 12 34 56"
    point = EscalationPoint.objects.get(pk=jacht.pk)
    assert (point.handling_working_days, point.phone_number) == (5, "02 553 21 00")


def test_r25_two_processes_settling_at_the_same_time_settle_each_change_once(
    jacht, redacteur, reference_data
):
    with time_machine.travel(at("2026-11-30 10:00"), tick=False):
        vmm = EscalationPointFactory(
            editorial_title="VMM - Grondwater", reporting__organisation="VMM"
        )
    planned = [
        plan(
            point, redacteur, {"handling_term": {"working_days": days}}, f"2026-12-07 09:{days:02}"
        )
        for days in range(10, 16)
        for point in (jacht, vmm)
    ]
    command = [sys.executable, "manage.py", "run_periodic_jobs", "--alle"]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=worker_env("2026-12-07 10:00")) for _ in range(2)
    ]
    for run in runs:
        assert run.wait(timeout=SETTLING_SECONDS) == 0

    for point in (jacht, vmm):
        changes = ScheduledChange.objects.filter(point=point).order_by("effective_at")
        assert {change.state for change in changes} == {ChangeState.APPLIED}
        revisions = [change.applied_revision_id for change in changes]
        assert revisions == sorted(revisions)
        assert logged(point, planning.APPLIED_LOG) == len(planned) // 2
        assert EscalationPoint.objects.get(pk=point.pk).handling_working_days == 15
