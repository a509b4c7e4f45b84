"""R16 deviating availability: exceptions close the phone or open it differently for a period."""

from datetime import UTC, date, datetime, timedelta

import pytest

from calendar_engine import (
    BRUSSELS,
    AvailabilityException,
    PhoneSchedule,
    WeeklyHours,
    active_exceptions,
    belgian_closing_days,
    upcoming_exceptions,
)

OFFICE = WeeklyHours.from_dict(
    dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), (("09:00", "12:00"), ("13:00", "16:00")))
)
LONG_DAY = WeeklyHours.from_dict(
    dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), (("09:00", "17:00"),))
)
TEAM_DAY = "Telefonisch niet bereikbaar op dinsdagvoormiddag 09-06-2026."
SHORT_DAY = "Vandaag enkel bereikbaar van 10 tot 11 uur."


def brussels(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BRUSSELS)


def exception(starts_at, ends_at, channel="phone", message=TEAM_DAY, replacement_slots=None):
    return AvailabilityException(starts_at, ends_at, channel, message, replacement_slots)


def opening_day(midnight: datetime, message: str) -> AvailabilityException:
    """Replacement hours 10:00-12:00 for the whole day that starts at `midnight`."""
    return exception(
        midnight,
        midnight + timedelta(days=1),
        message=message,
        replacement_slots=(("10:00", "12:00"),),
    )


def morning_off() -> AvailabilityException:
    return exception(brussels(2026, 6, 9), brussels(2026, 6, 9, 12))


def test_r16_exception_until_noon_closes_the_morning():
    schedule = PhoneSchedule(LONG_DAY, {}, [morning_off()])
    result = schedule.availability(brussels(2026, 6, 9, 10))
    assert not result.possible
    assert result.reason == "exception"
    assert result.reason_text == TEAM_DAY
    assert result.exception_message == TEAM_DAY
    assert result.next_possible_at == brussels(2026, 6, 9, 12)
    assert not schedule.is_open(brussels(2026, 6, 9, 11, 59, 59))


def test_r16_exception_until_noon_is_over_at_noon():
    schedule = PhoneSchedule(LONG_DAY, {}, [morning_off()])
    result = schedule.availability(brussels(2026, 6, 9, 12))
    assert result.possible
    assert result.closes_at == brussels(2026, 6, 9, 17)
    assert result.exception_message is None
    assert schedule.next_possible_at(brussels(2026, 6, 9, 8)) == brussels(2026, 6, 9, 12)


def test_r16_exception_starting_during_a_slot_brings_the_closing_time_forward():
    afternoon_off = exception(brussels(2026, 6, 10, 15), brussels(2026, 6, 11))
    schedule = PhoneSchedule(LONG_DAY, {}, [afternoon_off])
    assert schedule.availability(brussels(2026, 6, 10, 10)).closes_at == brussels(2026, 6, 10, 15)
    later = schedule.availability(brussels(2026, 6, 10, 15, 30))
    assert later.reason == "exception"
    assert later.next_possible_at == brussels(2026, 6, 11, 9)


def test_r16_email_only_exception_leaves_the_phone_open():
    mailbox = exception(brussels(2026, 6, 8), brussels(2026, 6, 13), "email", "Mailbox dicht.")
    schedule = PhoneSchedule(OFFICE, {}, [mailbox])
    result = schedule.availability(brussels(2026, 6, 9, 10))
    assert result.possible
    assert result.exception_message is None


def test_r16_exception_on_both_channels_closes_the_phone():
    both = exception(brussels(2026, 6, 9), brussels(2026, 6, 10), "both")
    result = PhoneSchedule(OFFICE, {}, [both]).availability(brussels(2026, 6, 9, 10))
    assert result.reason == "exception"
    assert result.next_possible_at == brussels(2026, 6, 10, 9)


def test_r16_exception_without_message_still_explains_itself():
    silent = exception(brussels(2026, 6, 9), brussels(2026, 6, 10), message="")
    result = PhoneSchedule(OFFICE, {}, [silent]).availability(brussels(2026, 6, 9, 10))
    assert result.reason_text == "Tijdelijk niet telefonisch bereikbaar."


def short_day() -> AvailabilityException:
    return exception(
        brussels(2026, 6, 10),
        brussels(2026, 6, 11),
        "phone",
        SHORT_DAY,
        replacement_slots=(("10:00", "11:00"),),
    )


def test_r16_replacement_hours_replace_the_slots_of_that_day():
    schedule = PhoneSchedule(OFFICE, {}, [short_day()])
    before = schedule.availability(brussels(2026, 6, 10, 9, 30))
    assert not before.possible
    assert before.reason == "exception"
    assert before.reason_text == SHORT_DAY
    assert before.next_possible_at == brussels(2026, 6, 10, 10)
    during = schedule.availability(brussels(2026, 6, 10, 10, 30))
    assert during.possible
    assert during.closes_at == brussels(2026, 6, 10, 11)
    assert during.exception_message == SHORT_DAY
    afternoon = schedule.availability(brussels(2026, 6, 10, 13, 30))
    assert not afternoon.possible
    assert afternoon.next_possible_at == brussels(2026, 6, 11, 9)


def test_r16_replacement_hours_end_with_their_period():
    schedule = PhoneSchedule(OFFICE, {}, [short_day()])
    next_day = schedule.availability(brussels(2026, 6, 11, 9, 30))
    assert next_day.possible
    assert next_day.exception_message is None


def test_r16_replacement_hours_apply_only_within_the_period():
    extended = exception(
        brussels(2026, 6, 10, 12),
        brussels(2026, 6, 11, 12),
        message="Uitzonderlijk doorlopend bereikbaar.",
        replacement_slots=(("08:00", "20:00"),),
    )
    schedule = PhoneSchedule(OFFICE, {}, [extended])
    assert schedule.availability(brussels(2026, 6, 10, 10)).closes_at == brussels(2026, 6, 10, 12)
    assert schedule.availability(brussels(2026, 6, 10, 12, 30)).closes_at == brussels(
        2026, 6, 10, 20
    )
    evening = schedule.availability(brussels(2026, 6, 10, 20, 30))
    assert evening.next_possible_at == brussels(2026, 6, 11, 8)
    assert schedule.availability(brussels(2026, 6, 11, 11)).closes_at == brussels(2026, 6, 11, 12)
    lunch = schedule.availability(brussels(2026, 6, 11, 12, 30))
    assert lunch.reason == "outside_hours"
    assert lunch.next_possible_at == brussels(2026, 6, 11, 13)


def test_r16_replacement_hours_open_a_saturday():
    saturday = opening_day(brussels(2026, 6, 13), "Zaterdag uitzonderlijk bereikbaar.")
    schedule = PhoneSchedule(OFFICE, {}, [saturday])
    assert schedule.is_open(brussels(2026, 6, 13, 10, 30))
    assert schedule.next_possible_at(brussels(2026, 6, 12, 17)) == brussels(2026, 6, 13, 10)


def test_r16_closing_day_wins_over_replacement_hours():
    holiday_hours = opening_day(brussels(2026, 7, 21), "Op de nationale feestdag bereikbaar.")
    schedule = PhoneSchedule(OFFICE, belgian_closing_days([2026]), [holiday_hours])
    result = schedule.availability(brussels(2026, 7, 21, 10, 30))
    assert result.reason == "closing_day"
    assert result.exception_message == "Op de nationale feestdag bereikbaar."


def test_r16_closure_wins_over_overlapping_replacement_hours():
    closure = exception(brussels(2026, 6, 10, 10, 30), brussels(2026, 6, 10, 10, 45))
    schedule = PhoneSchedule(OFFICE, {}, [short_day(), closure])
    result = schedule.availability(brussels(2026, 6, 10, 10, 35))
    assert result.reason == "exception"
    assert result.exception_message == TEAM_DAY
    assert result.next_possible_at == brussels(2026, 6, 10, 10, 45)
    assert schedule.availability(brussels(2026, 6, 10, 10, 15)).closes_at == brussels(
        2026, 6, 10, 10, 30
    )


def test_r16_empty_replacement_hours_close_the_period():
    closed = exception(brussels(2026, 6, 9), brussels(2026, 6, 10), replacement_slots=())
    schedule = PhoneSchedule(OFFICE, {}, [closed])
    assert schedule.availability(brussels(2026, 6, 9, 10)).reason == "exception"


def test_r16_eighteen_day_exception_is_skipped_in_one_step():
    christmas = exception(brussels(2026, 12, 19), brussels(2027, 1, 6), message="Kerstvakantie.")
    schedule = PhoneSchedule(OFFICE, belgian_closing_days([2026, 2027]), [christmas])
    result = schedule.availability(brussels(2026, 12, 18, 16, 30))
    assert result.next_possible_at == brussels(2027, 1, 6, 9)
    assert schedule.availability(brussels(2026, 12, 22, 10)).reason_text == "Kerstvakantie."


def test_r16_message_is_relevant_from_start_until_end():
    team_day = morning_off()
    assert not team_day.is_relevant(brussels(2026, 6, 8, 23, 59, 59))
    assert team_day.is_relevant(brussels(2026, 6, 9))
    assert team_day.is_relevant(brussels(2026, 6, 9, 11, 59, 59))
    assert not team_day.is_relevant(brussels(2026, 6, 9, 12))


def test_r16_message_disappears_by_itself_after_the_period():
    team_day = morning_off()
    assert active_exceptions([team_day], brussels(2026, 6, 9, 10)) == [team_day]
    assert active_exceptions([team_day], brussels(2026, 6, 9, 12)) == []


def test_r16_active_exceptions_are_listed_earliest_first():
    later = exception(brussels(2026, 6, 9, 8), brussels(2026, 6, 9, 18), "email", "Mail.")
    earlier = morning_off()
    assert active_exceptions([later, earlier], brussels(2026, 6, 9, 10)) == [earlier, later]


def test_r16_upcoming_exception_is_announced_two_weeks_ahead():
    team_day = morning_off()
    assert upcoming_exceptions([team_day], brussels(2026, 5, 26)) == [team_day]
    assert upcoming_exceptions([team_day], brussels(2026, 5, 25, 23, 59)) == []
    assert upcoming_exceptions([team_day], brussels(2026, 6, 9, 10)) == []
    assert upcoming_exceptions([team_day], brussels(2026, 6, 1), within=timedelta(days=3)) == []


def test_r16_relevance_compares_real_moments_across_the_autumn_change():
    # 02:30 happens twice on 2026-10-25; the second 02:15 comes after the first 02:30.
    first_half_past_two = datetime(2026, 10, 25, 2, 30, tzinfo=BRUSSELS)
    night = exception(brussels(2026, 10, 25, 1), first_half_past_two, message="Onderhoud.")
    second_quarter_past_two = datetime(2026, 10, 25, 2, 15, tzinfo=BRUSSELS, fold=1)
    assert not night.is_relevant(second_quarter_past_two)
    assert night.is_relevant(datetime(2026, 10, 25, 2, 15, tzinfo=BRUSSELS))


def test_r16_exception_period_must_end_after_it_starts():
    with pytest.raises(ValueError) as refused:
        exception(brussels(2026, 6, 9, 12), brussels(2026, 6, 9, 12))
    assert str(refused.value) == "Het einde van de periode moet na het begin liggen."


def test_r16_exception_needs_aware_moments_and_a_known_channel():
    with pytest.raises(ValueError, match="timezone-aware"):
        exception(datetime(2026, 6, 9), brussels(2026, 6, 10))
    with pytest.raises(ValueError, match="Kies een kanaal"):
        exception(brussels(2026, 6, 9), brussels(2026, 6, 10), channel="fax")
    with pytest.raises(ValueError, match="timezone-aware"):
        active_exceptions([], datetime(2026, 6, 9))


def test_r16_replacement_slots_are_validated():
    with pytest.raises(ValueError, match="mogen niet overlappen"):
        exception(
            brussels(2026, 6, 9),
            brussels(2026, 6, 10),
            replacement_slots=(("10:00", "12:00"), ("11:00", "13:00")),
        )


def test_r16_exceptions_given_in_utc_behave_the_same():
    in_utc = AvailabilityException(
        morning_off().starts_at.astimezone(UTC),
        morning_off().ends_at.astimezone(UTC),
        "phone",
        TEAM_DAY,
    )
    schedule = PhoneSchedule(LONG_DAY, {}, [in_utc])
    result = schedule.availability(brussels(2026, 6, 9, 10))
    assert result.next_possible_at == brussels(2026, 6, 9, 12)
    assert result.next_possible_at.tzinfo is BRUSSELS
    assert schedule.exceptions == (in_utc,)
    assert date(2026, 6, 9) not in schedule.closing_days
