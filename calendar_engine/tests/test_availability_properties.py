"""R16/R17 properties, checked against a naive reference model (tests/reference.py)."""

from datetime import UTC, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_engine import SEARCH_HORIZON_DAYS, AvailabilityException, PhoneSchedule
from calendar_engine.tests.reference import (
    candidate_moments,
    reference_is_open,
    reference_next_open,
    search_end,
)
from calendar_engine.tests.strategies import (
    closing_days,
    exception_lists,
    moments,
    office_weekly_hours,
    weekly_hours,
    whole_minute_moments,
)

ONE_MINUTE = timedelta(minutes=1)
SLOW = settings(max_examples=60, deadline=None)


def given_schedule(weekly=None, at=None, **more):
    """Hypothesis gives a week of hours, closing days, exceptions and a moment `at`."""
    return given(
        weekly=weekly_hours() if weekly is None else weekly,
        closing=closing_days(),
        exceptions=exception_lists(),
        at=moments() if at is None else at,
        **more,
    )


def build(weekly, closing, exceptions) -> PhoneSchedule:
    return PhoneSchedule(weekly, closing, exceptions)


def closures(exceptions: list[AvailabilityException]) -> list[AvailabilityException]:
    return [e for e in exceptions if e.channel in ("phone", "both") and not e.replacement_slots]


@SLOW
@given_schedule()
def test_r17_open_now_agrees_with_slot_membership(weekly, closing, exceptions, at):
    schedule = build(weekly, closing, exceptions)
    expected = reference_is_open(at, weekly, closing, exceptions, schedule.tz)
    assert schedule.is_open(at) == expected
    assert schedule.availability(at).possible == expected


@SLOW
@given_schedule(weekly=st.one_of(weekly_hours(), office_weekly_hours()))
def test_r17_next_possible_moment_is_the_first_open_moment(weekly, closing, exceptions, at):
    schedule = build(weekly, closing, exceptions)
    found = schedule.next_possible_at(at)
    horizon = search_end(at, SEARCH_HORIZON_DAYS, schedule.tz)
    expected = reference_next_open(at, horizon, weekly, closing, exceptions, schedule.tz)
    assert found == expected
    if found is not None:
        assert found.tzinfo is schedule.tz
        assert found >= at


@SLOW
@given_schedule(weekly=office_weekly_hours())
def test_r17_next_possible_moment_is_in_a_slot_never_on_a_closing_day_or_in_an_exception(
    weekly, closing, exceptions, at
):
    schedule = build(weekly, closing, exceptions)
    found = schedule.next_possible_at(at)
    if found is None:
        return
    local = found.astimezone(schedule.tz)
    assert local.date() not in closing
    assert not any(e.starts_at <= found < e.ends_at for e in closures(exceptions))
    minute = local.hour * 60 + local.minute
    in_force = [e for e in exceptions if e.channel != "email" and e.starts_at <= found < e.ends_at]
    slots = (
        [slot for e in in_force for slot in e.replacement_slots or ()]
        if in_force
        else weekly[local.weekday()]
    )
    assert any(slot.start_minute <= minute < slot.end_minute for slot in slots)
    assert schedule.is_open(found)


@SLOW
@given_schedule()
def test_r17_closed_result_points_to_the_next_possible_moment(weekly, closing, exceptions, at):
    schedule = build(weekly, closing, exceptions)
    result = schedule.availability(at)
    if result.possible:
        assert result.next_possible_at is None
        return
    assert result.closes_at is None
    assert result.next_possible_at == schedule.next_possible_at(at)
    assert result.reason in {"outside_hours", "closing_day", "exception", "no_hours"}
    if at.astimezone(schedule.tz).date() in closing:
        # A point without any hours at all says so, also on a closing day.
        replacement_hours = any(e.affects_phone and e.replacement_slots for e in exceptions)
        no_hours_at_all = weekly.is_empty and not replacement_hours
        assert result.reason == ("no_hours" if no_hours_at_all else "closing_day")


@SLOW
@given_schedule()
def test_r17_open_result_stays_open_until_it_closes(weekly, closing, exceptions, at):
    schedule = build(weekly, closing, exceptions)
    result = schedule.availability(at)
    if not result.possible:
        return
    closes_at = result.closes_at
    assert at < closes_at <= at + timedelta(days=1)
    assert closes_at.tzinfo is schedule.tz
    # Openness can only change at these moments; it must not change before closes_at.
    boundaries = candidate_moments(at, closes_at, weekly, exceptions, schedule.tz, ends=True)
    assert closes_at in boundaries
    for moment in [at, *boundaries, closes_at - timedelta(microseconds=1)]:
        if moment < closes_at:
            assert reference_is_open(moment, weekly, closing, exceptions, schedule.tz), moment


@settings(max_examples=25, deadline=None)
@given_schedule(weekly=office_weekly_hours(), at=whole_minute_moments())
def test_r17_minute_by_minute_walk_matches_open_now_and_next_moment(
    weekly, closing, exceptions, at
):
    schedule = build(weekly, closing, exceptions)
    first_open = None
    for step in range(3 * 24 * 60):
        moment = at + ONE_MINUTE * step
        expected = reference_is_open(moment, weekly, closing, exceptions, schedule.tz)
        assert schedule.is_open(moment) == expected, moment
        if expected and first_open is None:
            first_open = moment
    if first_open is not None:
        assert schedule.next_possible_at(at) == first_open
    else:
        found = schedule.next_possible_at(at)
        assert found is None or found >= at + ONE_MINUTE * 3 * 24 * 60


@SLOW
@given_schedule(weekly=office_weekly_hours())
def test_r16_exception_message_is_shown_while_a_phone_exception_is_in_force(
    weekly, closing, exceptions, at
):
    result = build(weekly, closing, exceptions).availability(at)
    in_force = [e for e in exceptions if e.channel != "email" and e.starts_at <= at < e.ends_at]
    assert (result.exception_message is not None) == bool(in_force)
    if result.reason == "exception":
        assert in_force


@SLOW
@given_schedule(
    weekly=office_weekly_hours(),
    steps=st.lists(st.integers(0, 3 * 24 * 60), min_size=1, max_size=30),
)
def test_r17_answers_do_not_depend_on_earlier_questions(weekly, closing, exceptions, at, steps):
    shared = build(weekly, closing, exceptions)
    for minutes in steps:
        moment = at + ONE_MINUTE * minutes
        assert shared.availability(moment) == build(weekly, closing, exceptions).availability(
            moment
        )


@SLOW
@given_schedule()
def test_r17_answer_does_not_depend_on_the_time_zone_of_the_question(
    weekly, closing, exceptions, at
):
    schedule = build(weekly, closing, exceptions)
    assert schedule.availability(at) == schedule.availability(at.astimezone(UTC))
    assert schedule.next_possible_at(at) == schedule.next_possible_at(at.astimezone(UTC))
