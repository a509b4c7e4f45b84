"""R17 phone hours: may the agent transfer now, and if not, why and when next."""

from datetime import UTC, date, datetime, timedelta

import pytest

from calendar_engine import (
    BRUSSELS,
    AvailabilityException,
    PhoneSchedule,
    Reason,
    WeeklyHours,
    belgian_closing_days,
)

OFFICE_SLOTS = (("09:00", "12:00"), ("13:00", "16:00"))
OFFICE = WeeklyHours.from_dict(dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), OFFICE_SLOTS))
EVERY_DAY = WeeklyHours.from_dict({day: [("09:00", "17:00")] for day in range(7)})
CLOSING_DAYS = belgian_closing_days([2026, 2027])


def brussels(year, month, day, hour=0, minute=0, second=0, fold=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BRUSSELS, fold=fold)


def office() -> PhoneSchedule:
    return PhoneSchedule(OFFICE, CLOSING_DAYS)


def test_r17_open_inside_a_slot_until_the_slot_ends():
    result = office().availability(brussels(2026, 6, 9, 10, 30))
    assert result.possible
    assert result.reason == Reason.OPEN == "open"
    assert result.reason_text == "Doorschakelen is nu mogelijk."
    assert result.closes_at == brussels(2026, 6, 9, 12)
    assert result.next_possible_at is None
    assert result.exception_message is None


def test_r17_lunch_break_between_slots_is_closed():
    result = office().availability(brussels(2026, 6, 9, 12, 30))
    assert not result.possible
    assert result.reason == "outside_hours"
    assert result.reason_text == "Buiten de telefonische bereikbaarheid."
    assert result.next_possible_at == brussels(2026, 6, 9, 13)
    assert result.closes_at is None


def test_r17_closes_at_is_the_end_of_the_slot_even_when_the_next_slot_touches_it():
    touching = WeeklyHours.from_dict({"mon": [("09:00", "12:00"), ("12:00", "16:00")]})
    schedule = PhoneSchedule(touching)
    assert schedule.availability(brussels(2026, 6, 8, 10)).closes_at == brussels(2026, 6, 8, 12)
    assert schedule.availability(brussels(2026, 6, 8, 12)).closes_at == brussels(2026, 6, 8, 16)


def test_r17_slot_includes_its_start_and_excludes_its_end():
    schedule = office()
    assert schedule.is_open(brussels(2026, 6, 9, 9))
    assert schedule.is_open(brussels(2026, 6, 9, 11, 59, 59))
    assert not schedule.is_open(brussels(2026, 6, 9, 12))
    assert not schedule.is_open(brussels(2026, 6, 9, 8, 59, 59))


def test_r17_after_hours_the_next_moment_is_the_next_morning():
    assert office().next_possible_at(brussels(2026, 6, 9, 18)) == brussels(2026, 6, 10, 9)


def test_r17_weekend_is_closed_until_monday_morning():
    result = office().availability(brussels(2026, 6, 12, 16, 0))
    assert result.reason == "outside_hours"
    assert result.next_possible_at == brussels(2026, 6, 15, 9)


def test_r17_next_possible_moment_of_an_open_point_is_now():
    at = brussels(2026, 6, 9, 10, 30)
    assert office().next_possible_at(at) == at
    assert office().next_possible_at(at.astimezone(UTC)) == at


def test_r17_results_are_in_brussels_time_also_when_asked_in_utc():
    result = office().availability(datetime(2026, 6, 9, 8, 30, tzinfo=UTC))
    assert result.possible
    assert result.closes_at == brussels(2026, 6, 9, 12)
    assert result.closes_at.tzinfo is BRUSSELS
    closed = office().availability(datetime(2026, 6, 9, 18, 0, tzinfo=UTC))
    assert closed.next_possible_at.tzinfo is BRUSSELS
    assert closed.next_possible_at.isoformat() == "2026-06-10T09:00:00+02:00"


# Per holiday its dates in 2026 and 2027: the first three move with Easter.
HOLIDAYS = {
    "Paasmaandag": (date(2026, 4, 6), date(2027, 3, 29)),
    "O. L. H. Hemelvaart": (date(2026, 5, 14), date(2027, 5, 6)),
    "Pinkstermaandag": (date(2026, 5, 25), date(2027, 5, 17)),
    "Feest van de Vlaamse Gemeenschap": (date(2026, 7, 11), date(2027, 7, 11)),
    "Nationale feestdag": (date(2026, 7, 21), date(2027, 7, 21)),
    "Kerstmis": (date(2026, 12, 25), date(2027, 12, 25)),
}


@pytest.mark.parametrize(
    ("day", "name"), [(day, name) for name, days in HOLIDAYS.items() for day in days]
)
def test_r17_public_holidays_and_flemish_community_day_are_closed(day, name):
    schedule = PhoneSchedule(EVERY_DAY, CLOSING_DAYS)
    result = schedule.availability(
        datetime.combine(day, datetime.min.time(), BRUSSELS).replace(hour=10)
    )
    assert not result.possible
    assert result.reason == "closing_day"
    assert result.reason_text == f"Gesloten: {name}."
    assert result.next_possible_at == datetime.combine(
        day + timedelta(days=1), datetime.min.time(), BRUSSELS
    ).replace(hour=9)


def test_r17_easter_monday_reason_text_names_the_holiday():
    result = office().availability(brussels(2026, 4, 6, 10))
    assert result.reason_text == "Gesloten: Paasmaandag."
    assert result.next_possible_at == brussels(2026, 4, 7, 9)


def test_r17_ascension_day_closes_an_office_point_until_friday():
    result = office().availability(brussels(2026, 5, 14, 10))
    assert result.reason == "closing_day"
    assert result.next_possible_at == brussels(2026, 5, 15, 9)


def test_r17_closing_day_closes_the_whole_local_day():
    always = WeeklyHours.from_dict({day: [("00:00", "24:00")] for day in range(7)})
    schedule = PhoneSchedule(always, {date(2026, 7, 21): "Nationale feestdag"})
    assert schedule.is_open(brussels(2026, 7, 20, 23, 59, 59))
    assert not schedule.is_open(brussels(2026, 7, 21, 0, 0))
    assert not schedule.is_open(brussels(2026, 7, 21, 23, 59, 59))
    assert schedule.next_possible_at(brussels(2026, 7, 21, 8)) == brussels(2026, 7, 22, 0, 0)
    assert schedule.availability(brussels(2026, 7, 20, 12)).closes_at == brussels(2026, 7, 21)


def test_r17_christmas_holidays_as_closing_days_skip_to_january():
    christmas_break = {date(2026, 12, 19) + timedelta(days=n): "Kerstvakantie" for n in range(18)}
    schedule = PhoneSchedule(OFFICE, {**CLOSING_DAYS, **christmas_break})
    result = schedule.availability(brussels(2026, 12, 18, 16, 30))
    assert result.reason == "outside_hours"
    assert result.next_possible_at == brussels(2027, 1, 6, 9)
    assert (
        schedule.availability(brussels(2026, 12, 21, 10)).reason_text == "Gesloten: Kerstvakantie."
    )


def test_r17_slot_ending_at_midnight_closes_at_midnight():
    evening = WeeklyHours.from_dict({"fri": [("18:00", "24:00")]})
    result = PhoneSchedule(evening).availability(brussels(2026, 6, 12, 23, 30))
    assert result.possible
    assert result.closes_at == brussels(2026, 6, 13, 0, 0)


def test_r17_point_without_slots_has_no_hours_and_no_next_moment():
    schedule = PhoneSchedule(WeeklyHours(), CLOSING_DAYS)
    result = schedule.availability(brussels(2026, 6, 9, 10))
    assert not result.possible
    assert result.reason == "no_hours"
    assert result.reason_text == "Geen telefonische bereikbaarheid ingesteld."
    assert result.next_possible_at is None
    assert schedule.next_possible_at(brussels(2026, 6, 9, 10)) is None
    assert not schedule.is_open(brussels(2026, 6, 9, 10))


@pytest.mark.parametrize(
    ("point", "reason", "reason_text"),
    [
        ({"has_phone": False}, "no_phone", "Geen telefoonnummer: enkel e-mail mogelijk."),
        (
            {"transfer_allowed": False},
            "transfer_not_allowed",
            "Telefonisch doorschakelen is niet toegestaan.",
        ),
    ],
    ids=["without_phone_number_email_only", "transfer_not_allowed"],
)
def test_r17_without_a_number_or_permission_a_transfer_is_never_possible(
    point, reason, reason_text
):
    result = office().availability(brussels(2026, 6, 9, 10), **point)
    assert not result.possible
    assert result.reason == reason
    assert result.reason_text == reason_text
    assert result.next_possible_at is None
    assert result.closes_at is None


def test_r17_nothing_within_a_year_gives_no_next_moment():
    only_saturday = WeeklyHours.from_dict({"sat": [("10:00", "12:00")]})
    first_saturday = date(2026, 6, 13)
    every_saturday = {first_saturday + timedelta(weeks=n): "Gesloten" for n in range(60)}
    schedule = PhoneSchedule(only_saturday, every_saturday)
    assert schedule.availability(brussels(2026, 6, 10, 10)).next_possible_at is None


def test_r17_search_looks_through_the_asked_day_and_366_days_after_it():
    always = WeeklyHours.from_dict({day: [("00:00", "24:00")] for day in range(7)})
    at = brussels(2026, 6, 9, 10)
    for days, expected in (
        (366, brussels(2027, 6, 10, 10)),
        (367, None),
    ):
        closure = AvailabilityException(at, at + timedelta(days=days), "phone", "Verbouwing.")
        assert PhoneSchedule(always, {}, [closure]).next_possible_at(at) == expected


@pytest.mark.parametrize("method", ["availability", "is_open", "next_possible_at"])
def test_r17_naive_datetime_is_refused(method):
    with pytest.raises(ValueError, match="timezone-aware"):
        getattr(office(), method)(datetime(2026, 6, 9, 10))


def test_r17_schedule_gives_the_same_answer_after_many_days_were_looked_up():
    schedule = office()
    start = brussels(2026, 1, 1, 10)
    first = [schedule.availability(start + timedelta(days=n)) for n in range(730)]
    again = [schedule.availability(start + timedelta(days=n)) for n in range(730)]
    fresh = [office().availability(start + timedelta(days=n)) for n in range(0, 730, 50)]
    assert first == again
    assert first[::50] == fresh
