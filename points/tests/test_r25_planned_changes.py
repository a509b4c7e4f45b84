"""R25: a change planned for a moment takes effect then, once, as a published revision by
its planner, and is undone at its end; it is checked when planned and again when due."""

import datetime as dt

import pytest
import time_machine
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from points import planning
from points.document import DocumentError, to_data
from points.factories import EscalationPointFactory
from points.models import ChangeState, EscalationPoint, ScheduledChange
from points.services import create_or_update_point
from points.tests.planned import BRUSSELS, at

pytestmark = pytest.mark.django_db

LONGER_TERM = {
    "handling_term": {
        "working_days": 10,
        "info": "Door de drukte na de jachtopening duurt het tot 10 werkdagen.",
    }
}


@pytest.fixture
def jacht(reference_data):
    """The published point 'ANB - Team Jacht', saved the week before the plans."""
    with time_machine.travel(at("2026-11-30 10:00"), tick=False):
        return EscalationPointFactory()


def plan(point, user, changes, effective, revert=None, *, now="2026-12-07 08:00"):
    with time_machine.travel(at(now), tick=False):
        return planning.plan_change(
            point=point,
            user=user,
            changes=changes,
            effective_at=at(effective),
            revert_at=at(revert) if revert else None,
        )


def settle(moment: str) -> int:
    with time_machine.travel(at(moment), tick=False):
        return planning.apply_due_changes()


def live(point) -> EscalationPoint:
    return EscalationPoint.objects.get(pk=point.pk)


def history(point) -> list[tuple[str, str]]:
    entries = ModelLogEntry.objects.for_instance(point).order_by("timestamp", "pk")
    return [(entry.action, entry.user.username if entry.user else "") for entry in entries]


def test_r25_a_change_takes_effect_at_its_moment_by_its_planner_and_is_undone_at_its_end(
    jacht, redacteur
):
    change = plan(jacht, redacteur, LONGER_TERM, "2026-12-07 09:00", "2026-12-21 09:00")

    assert settle("2026-12-07 08:59:59") == 0
    assert live(jacht).handling_working_days == 5
    assert settle("2026-12-07 09:00") == 1
    assert settle("2026-12-07 09:00:05") == 0

    point = live(jacht)
    change.refresh_from_db()
    assert point.handling_working_days == 10
    assert point.handling_info.startswith("Door de drukte")
    assert change.state == ChangeState.APPLIED
    assert change.applied_at == at("2026-12-07 09:00")
    assert point.live_revision == change.applied_revision
    assert change.applied_revision.user == redacteur
    assert not point.has_unpublished_changes

    assert settle("2026-12-21 08:59") == 0
    assert settle("2026-12-21 09:00") == 1
    point = live(jacht)
    change.refresh_from_db()
    assert (point.handling_working_days, point.handling_info) == (
        5,
        "Voor dossiers die meer onderzoek vereisen, duurt het langer.",
    )
    assert change.state == ChangeState.REVERTED
    assert change.reverted_revision.user == redacteur
    assert history(jacht)[-4:] == [
        ("wagtail.publish", "redacteur"),
        (planning.APPLIED_LOG, "redacteur"),
        ("wagtail.publish", "redacteur"),
        (planning.REVERTED_LOG, "redacteur"),
    ]


def test_r25_the_history_names_the_change_and_its_parts(jacht, redacteur):
    change = plan(jacht, redacteur, {"phone": {"number": "02/553.21.00"}}, "2026-12-07 09:00")
    settle("2026-12-07 09:00")

    entry = ModelLogEntry.objects.for_instance(jacht).get(action=planning.APPLIED_LOG)
    message = registry.get_formatter(entry).format_message(entry)
    assert message == f"Geplande wijziging #{change.pk} toegepast: telefoonnummer."
    assert live(jacht).phone_number == "02 553 21 00"


def test_r25_several_changes_of_one_point_take_effect_in_order(jacht, redacteur, beheerder):
    first = plan(jacht, redacteur, {"handling_term": {"working_days": 10}}, "2026-12-07 09:00")
    second = plan(jacht, beheerder, {"handling_term": {"working_days": 15}}, "2026-12-07 10:00")
    third = plan(jacht, redacteur, {"phone": {"number": "02 553 21 00"}}, "2026-12-07 09:30")

    assert settle("2026-12-07 12:00") == 3

    changes = [ScheduledChange.objects.get(pk=c.pk) for c in (first, third, second)]
    revisions = [change.applied_revision_id for change in changes]
    assert revisions == sorted(revisions)
    assert [change.applied_revision.user for change in changes] == [redacteur, redacteur, beheerder]
    point = live(jacht)
    assert (point.handling_working_days, point.phone_number) == (15, "02 553 21 00")


def test_r25_a_cancelled_change_never_takes_effect(jacht, redacteur):
    change = plan(jacht, redacteur, LONGER_TERM, "2026-12-07 09:00")
    planning.cancel_change(change=change)

    assert settle("2026-12-08 09:00") == 0
    change.refresh_from_db()
    assert change.state == ChangeState.CANCELLED
    assert live(jacht).handling_working_days == 5
    assert live(jacht).live_revision == jacht.live_revision


def test_r25_a_change_can_be_edited_until_it_takes_effect_and_not_after(
    jacht, redacteur, beheerder
):
    change = plan(jacht, redacteur, LONGER_TERM, "2026-12-07 09:00")
    with time_machine.travel(at("2026-12-07 08:30"), tick=False):
        planning.update_change(
            change=change,
            user=beheerder,
            changes={"handling_term": {"working_days": 12}},
            effective_at=at("2026-12-07 10:00"),
        )
    assert settle("2026-12-07 09:30") == 0
    assert settle("2026-12-07 10:00") == 1
    change.refresh_from_db()
    assert change.applied_revision.user == beheerder
    assert live(jacht).handling_working_days == 12
    assert live(jacht).handling_info == jacht.handling_info  # the edit left the info out

    with pytest.raises(planning.ChangeNotEditable, match="toegepast"):
        planning.cancel_change(change=change)
    with pytest.raises(planning.ChangeNotEditable):
        planning.update_change(
            change=change,
            user=redacteur,
            changes=LONGER_TERM,
            effective_at=at("2027-01-04 09:00"),
        )


@pytest.mark.parametrize(
    ("changes", "effective", "revert", "expected"),
    [
        (
            {"phone": {"number": "0800 abc"}},
            "2026-12-07 09:00",
            None,
            {"changes.phone.number": ["Een telefoonnummer bevat enkel cijfers"]},
        ),
        (
            {"phone": {"number": ""}, "email": {"address": ""}},
            "2026-12-07 09:00",
            None,
            {"changes.phone.number": ["Vul een telefoonnummer of een e-mailadres in"]},
        ),
        (
            {"handling_term": {"working_days": 0}},
            "2026-12-07 09:00",
            None,
            {"changes.handling_term.working_days": ["Zorg ervoor dat deze waarde minstens 1 is."]},
        ),
        (
            {"phone": {"nummer": "02 553 21 00"}, "status": "draft"},
            "2026-12-07 09:00",
            None,
            {
                "changes.phone.nummer": ["Onbekend deel van een escalatiepunt."],
                "changes.status": ["Dit deel volgt uit de rest"],
            },
        ),
        ({}, "2026-12-07 09:00", None, {"changes": ["Kies minstens één deel"]}),
        (LONGER_TERM, "2026-12-07 07:59", None, {"effective_at": ["Kies een moment in de"]}),
        (
            LONGER_TERM,
            "2026-12-07 09:00",
            "2026-12-07 09:00",
            {"revert_at": ["Het terugdraaien moet later vallen"]},
        ),
        (LONGER_TERM, "2100-01-04 09:00", None, {"effective_at": ["Kies een datum tussen"]}),
    ],
)
def test_r25_a_change_that_would_make_the_point_invalid_is_refused_when_planned(
    jacht, redacteur, changes, effective, revert, expected
):
    with pytest.raises(DocumentError) as refused:
        plan(jacht, redacteur, changes, effective, revert)

    errors = refused.value.errors
    for path, starts in expected.items():
        assert path in errors, errors
        for start in starts:
            assert any(message.startswith(start) for message in errors[path]), errors[path]
    assert not ScheduledChange.objects.exists()


def test_r25_a_draft_point_cannot_get_planned_changes(reference_data, redacteur):
    with time_machine.travel(at("2026-11-30 10:00"), tick=False):
        draft = EscalationPointFactory(status="draft")
    with pytest.raises(DocumentError) as refused:
        plan(draft, redacteur, LONGER_TERM, "2026-12-07 09:00")
    assert refused.value.errors == {"point": [planning.NOT_PUBLISHED]}


def test_r25_a_change_that_no_longer_fits_when_due_is_reported_and_not_applied(
    jacht, redacteur, beheerder
):
    change = plan(jacht, redacteur, {"phone": {"number": ""}}, "2026-12-07 09:00")
    with time_machine.travel(at("2026-12-07 08:30"), tick=False):
        create_or_update_point(
            point=jacht, user=beheerder, data={"status": "published", "email": {"address": ""}}
        )
    before = live(jacht).live_revision_id

    assert settle("2026-12-07 09:00") == 1

    change.refresh_from_db()
    assert change.state == ChangeState.FAILED
    assert change.failed_at == at("2026-12-07 09:00")
    assert change.failure.startswith("Niet toegepast: met deze wijziging voldoet")
    assert "Telefoonnummer: Vul een telefoonnummer of een e-mailadres in" in change.failure
    assert live(jacht).live_revision_id == before
    assert live(jacht).phone_number == "011 12 34 56"
    assert history(jacht)[-1] == (planning.FAILED_LOG, "redacteur")
    assert settle("2026-12-08 09:00") == 0


def test_r25_the_undo_keeps_a_later_edit_of_the_same_part_and_reports_it(
    jacht, redacteur, beheerder
):
    change = plan(jacht, redacteur, LONGER_TERM, "2026-12-07 09:00", "2026-12-21 09:00")
    settle("2026-12-07 09:00")
    with time_machine.travel(at("2026-12-10 14:00"), tick=False):
        create_or_update_point(
            point=jacht,
            user=beheerder,
            data={"status": "published", "handling_term": {"working_days": 8}},
        )

    settle("2026-12-21 09:00")

    change.refresh_from_db()
    assert change.state == ChangeState.FAILED
    assert "behandeltermijn (werkdagen) werd na de wijziging nog aangepast" in change.failure
    point = live(jacht)
    assert point.handling_working_days == 8
    assert point.handling_info.startswith("Door de drukte")


def test_r25_a_pending_draft_is_neither_published_nor_lost(jacht, redacteur, beheerder):
    change = plan(
        jacht, redacteur, LONGER_TERM | {"phone": {"number": "02 553 21 00"}}, "2026-12-07 09:00"
    )
    with time_machine.travel(at("2026-12-07 08:30"), tick=False):
        create_or_update_point(
            point=jacht,
            user=beheerder,
            data={
                "instructions": "Vraag altijd het dossiernummer.",
                "phone": {"number": "011 99 88 77"},
            },
        )

    settle("2026-12-07 09:00")

    point = live(jacht)
    change.refresh_from_db()
    assert point.instructions == jacht.instructions  # the draft's edit is not published
    assert point.handling_working_days == 10
    assert point.phone_number == "02 553 21 00"
    assert point.has_unpublished_changes
    draft = point.get_latest_revision_as_object()
    assert draft.instructions == "Vraag altijd het dossiernummer."  # what the editor opens
    assert draft.handling_working_days == 10  # with the change in it
    assert draft.phone_number == "011 99 88 77"  # but the draft's own edit of a part wins
    assert to_data(draft)["handling_term"]["info"].startswith("Door de drukte")


def test_r25_a_moment_without_a_zone_is_brussels_time(jacht, redacteur):
    with time_machine.travel(at("2026-12-07 08:00"), tick=False):
        change = planning.plan_change(
            point=jacht,
            user=redacteur,
            changes=LONGER_TERM,
            effective_at=dt.datetime(2026, 12, 7, 9, 0),
        )
    change.refresh_from_db()
    assert change.effective_at == dt.datetime(2026, 12, 7, 9, 0, tzinfo=BRUSSELS)
