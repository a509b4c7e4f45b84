"""R17 phone hours across the clock changes (last Sunday of March and of October)."""

from datetime import UTC, date, datetime, timedelta

from calendar_engine import BRUSSELS, PhoneSchedule, WeeklyHours, belgian_closing_days

OFFICE = WeeklyHours.from_dict(
    dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), (("09:00", "12:00"), ("13:00", "16:00")))
)
CLOSING_DAYS = belgian_closing_days([2026, 2027])
ONE_MINUTE = timedelta(minutes=1)


def sunday_point(start: str, end: str) -> PhoneSchedule:
    return PhoneSchedule(WeeklyHours.from_dict({"sun": [(start, end)]}))


def utc(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def open_minutes(schedule: PhoneSchedule, day: date) -> int:
    """Real minutes the point is open between 20:00 UTC the evening before and 20:00 UTC."""
    start = datetime.combine(day - timedelta(days=1), datetime.min.time(), UTC).replace(hour=20)
    return sum(schedule.is_open(start + ONE_MINUTE * n) for n in range(24 * 60))


def test_r17_night_slot_lasts_two_real_hours_when_the_clock_springs_forward():
    schedule = sunday_point("01:00", "04:00")
    assert open_minutes(schedule, date(2026, 3, 29)) == 120
    assert not schedule.is_open(utc(2026, 3, 28, 23, 59))  # 00:59 CET
    assert schedule.is_open(utc(2026, 3, 29, 0, 0))  # 01:00 CET
    assert schedule.is_open(utc(2026, 3, 29, 1, 59))  # 03:59 CEST
    assert not schedule.is_open(utc(2026, 3, 29, 2, 0))  # 04:00 CEST


def test_r17_night_slot_closes_at_four_summer_time_on_the_spring_change():
    result = sunday_point("01:00", "04:00").availability(utc(2026, 3, 29, 0, 30))
    assert result.possible
    assert result.closes_at.isoformat() == "2026-03-29T04:00:00+02:00"
    assert result.closes_at - utc(2026, 3, 29, 0, 30) == timedelta(hours=1, minutes=30)


def test_r17_night_slot_lasts_four_real_hours_when_the_clock_falls_back():
    schedule = sunday_point("01:00", "04:00")
    assert open_minutes(schedule, date(2026, 10, 25)) == 240
    repeated_half_past_two = datetime(2026, 10, 25, 2, 30, tzinfo=BRUSSELS, fold=1)
    result = schedule.availability(repeated_half_past_two)
    assert result.possible
    assert result.closes_at.isoformat() == "2026-10-25T04:00:00+01:00"
    assert result.closes_at - repeated_half_past_two == timedelta(hours=1, minutes=30)


def test_r17_next_moment_on_the_spring_change_is_one_oclock_winter_time():
    result = sunday_point("01:00", "04:00").availability(datetime(2026, 3, 28, 20, tzinfo=BRUSSELS))
    assert result.next_possible_at.isoformat() == "2026-03-29T01:00:00+01:00"


def test_r17_slot_across_the_skipped_hour_lasts_one_real_hour():
    schedule = sunday_point("01:30", "03:30")
    assert open_minutes(schedule, date(2026, 3, 29)) == 60
    result = schedule.availability(utc(2026, 3, 29, 0, 30))
    assert result.closes_at.isoformat() == "2026-03-29T03:30:00+02:00"


def test_r17_slot_inside_the_skipped_hour_is_empty_that_sunday():
    schedule = sunday_point("02:15", "02:45")
    assert open_minutes(schedule, date(2026, 3, 29)) == 0
    assert schedule.next_possible_at(datetime(2026, 3, 28, 20, tzinfo=BRUSSELS)) == datetime(
        2026, 4, 5, 2, 15, tzinfo=BRUSSELS
    )


def test_r17_slot_in_the_repeated_hour_starts_at_its_first_occurrence():
    schedule = sunday_point("02:00", "03:00")
    assert open_minutes(schedule, date(2026, 10, 25)) == 120
    assert schedule.is_open(datetime(2026, 10, 25, 2, 0, tzinfo=BRUSSELS, fold=0))
    assert schedule.is_open(datetime(2026, 10, 25, 2, 59, tzinfo=BRUSSELS, fold=1))


def test_r17_saturday_evening_to_monday_morning_across_the_spring_change():
    schedule = PhoneSchedule(OFFICE, CLOSING_DAYS)
    found = schedule.next_possible_at(datetime(2026, 3, 28, 20, tzinfo=BRUSSELS))
    assert found == datetime(2026, 3, 30, 9, tzinfo=BRUSSELS)
    assert found.utcoffset() == timedelta(hours=2)
    assert found.isoformat() == "2026-03-30T09:00:00+02:00"


def test_r17_saturday_evening_to_monday_morning_across_the_autumn_change():
    schedule = PhoneSchedule(OFFICE, CLOSING_DAYS)
    found = schedule.next_possible_at(datetime(2026, 10, 24, 20, tzinfo=BRUSSELS))
    assert found.isoformat() == "2026-10-26T09:00:00+01:00"
    assert found.utcoffset() == timedelta(hours=1)


def test_r17_clock_changes_of_2027_with_easter_monday_and_all_saints_day():
    schedule = PhoneSchedule(OFFICE, CLOSING_DAYS)
    after_spring_change = schedule.availability(datetime(2027, 3, 27, 20, tzinfo=BRUSSELS))
    assert after_spring_change.next_possible_at.isoformat() == "2027-03-30T09:00:00+02:00"
    after_autumn_change = schedule.availability(datetime(2027, 10, 30, 20, tzinfo=BRUSSELS))
    assert after_autumn_change.next_possible_at.isoformat() == "2027-11-02T09:00:00+01:00"


def test_r17_office_hours_on_the_monday_after_a_change_are_local_hours():
    schedule = PhoneSchedule(OFFICE, CLOSING_DAYS)
    assert schedule.is_open(utc(2026, 3, 30, 7, 0))  # 09:00 CEST
    assert not schedule.is_open(utc(2026, 3, 30, 6, 59))
    assert schedule.is_open(utc(2026, 10, 26, 8, 0))  # 09:00 CET
    assert not schedule.is_open(utc(2026, 10, 26, 7, 59))
