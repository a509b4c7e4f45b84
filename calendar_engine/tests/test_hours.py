"""R17 phone hours: slots per weekday, their validation and the read-only summary."""

from datetime import time

import pytest

from calendar_engine import hours
from calendar_engine._clock import BRUSSELS

OFFICE = (("09:00", "12:00"), ("13:00", "16:00"))


def test_r17_valid_slots_give_no_messages():
    assert hours.validate_day_slots([("09:00", "12:00"), ("13:00", "16:00")]) == []


def test_r17_slots_that_touch_do_not_overlap():
    assert hours.validate_day_slots([("09:00", "12:00"), ("12:00", "16:00")]) == []


def test_r17_slot_end_must_be_after_start():
    assert hours.validate_day_slots([("12:00", "09:00")]) == [
        "Het einde van een tijdslot moet na het begin liggen."
    ]
    assert hours.validate_day_slots([hours.Slot(time(9), time(9))]) == [
        hours.SLOT_END_NOT_AFTER_START
    ]


def test_r17_slots_of_the_same_day_must_not_overlap():
    assert hours.validate_day_slots([("09:00", "12:00"), ("11:00", "16:00")]) == [
        "Tijdsloten van dezelfde dag mogen niet overlappen."
    ]
    assert hours.validate_day_slots([("13:00", "16:00"), ("09:00", "14:00")]) == [
        hours.SLOTS_OVERLAP
    ]


def test_r17_slot_must_lie_within_the_day():
    assert hours.validate_day_slots([("23:00", "24:30")]) == [hours.SLOT_OUTSIDE_DAY]
    assert hours.validate_day_slots([("24:00", "24:00")]) == [hours.SLOT_OUTSIDE_DAY]
    assert hours.validate_day_slots([("25:00", "26:00")]) == [hours.SLOT_OUTSIDE_DAY]


def test_r17_slot_may_end_at_midnight():
    assert hours.validate_day_slots([("22:00", "24:00")]) == []
    slot = hours.parse_slot(("22:00", "24:00"))
    assert slot == hours.Slot(time(22), time(0))
    assert slot.end_minute == 24 * 60
    assert str(slot) == "22:00–24:00"


def test_r17_whole_day_slot_is_valid():
    assert hours.validate_day_slots([hours.Slot(time(0), time(0))]) == []


def test_r17_malformed_time_is_reported_in_dutch():
    messages = hours.validate_day_slots([("9u", "12:00"), ("13:00", "16:61")])
    assert messages == [
        "Ongeldig tijdstip '9u': gebruik UU:MM, bijvoorbeeld 09:00.",
        "Ongeldig tijdstip '16:61': gebruik UU:MM, bijvoorbeeld 09:00.",
    ]


def test_r17_slot_of_something_else_than_times_is_reported():
    assert hours.validate_day_slots([hours.Slot("09:00", "12:00")]) == [  # type: ignore[arg-type]
        "Ongeldig tijdslot '09:00'–'12:00': verwacht twee tijdstippen."
    ]
    assert hours.validate_day_slots(["09:00-12:00"]) == [  # type: ignore[list-item]
        "Ongeldig tijdslot '09:00-12:00': verwacht een begin en een einde."
    ]


def test_r17_slot_times_are_whole_minutes_without_time_zone():
    assert hours.validate_day_slots([hours.Slot(time(9, 0, 30), time(12))]) == [
        hours.SLOT_NOT_WHOLE_MINUTES
    ]
    assert hours.validate_day_slots([hours.Slot(time(9, tzinfo=BRUSSELS), time(12))]) == [
        hours.SLOT_HAS_TIME_ZONE
    ]


def test_r17_each_message_is_given_once():
    messages = hours.validate_day_slots([("12:00", "09:00"), ("16:00", "13:00")])
    assert messages == [hours.SLOT_END_NOT_AFTER_START]


def test_r17_parse_time_accepts_single_digit_hours():
    assert hours.parse_time("9:05") == time(9, 5)
    assert hours.parse_time("24:00", is_end=True) == time(0, 0)
    with pytest.raises(ValueError, match="binnen de dag"):
        hours.parse_time("24:00")


def test_r17_weekly_hours_from_dict_sorts_slots_per_day():
    weekly = hours.WeeklyHours.from_dict({"mon": [("13:00", "16:00"), ("09:00", "12:00")]})
    assert weekly[0] == (hours.Slot(time(9), time(12)), hours.Slot(time(13), time(16)))
    assert weekly[6] == ()
    assert len(weekly) == 7
    assert list(weekly) == [0, 1, 2, 3, 4, 5, 6]


def test_r17_weekly_hours_accepts_dutch_and_numeric_day_keys():
    by_name = hours.WeeklyHours.from_dict({"mon": OFFICE, "fri": OFFICE})
    assert hours.WeeklyHours.from_dict({"ma": OFFICE, 4: OFFICE}) == by_name


def test_r17_weekly_hours_refuses_invalid_slots_with_dutch_message():
    with pytest.raises(ValueError, match="mogen niet overlappen"):
        hours.WeeklyHours.from_dict({"tue": [("09:00", "12:00"), ("10:00", "11:00")]})
    with pytest.raises(ValueError, match="Onbekende weekdag"):
        hours.WeeklyHours.from_dict({"maandag": OFFICE})


def test_r17_weekly_hours_round_trips_through_the_api_format():
    weekly = hours.WeeklyHours.from_dict({"mon": OFFICE, "sat": [("10:00", "24:00")]})
    as_dict = weekly.to_dict()
    assert as_dict["mon"] == [["09:00", "12:00"], ["13:00", "16:00"]]
    assert as_dict["sat"] == [["10:00", "24:00"]]
    assert as_dict["sun"] == []
    assert hours.WeeklyHours.from_dict(as_dict) == weekly


def test_r17_weekly_hours_is_immutable_and_hashable():
    weekly = hours.WeeklyHours.from_dict({"mon": OFFICE})
    assert hash(weekly) == hash(hours.WeeklyHours.from_dict({"mon": OFFICE}))
    with pytest.raises(AttributeError):
        weekly.days = ()  # type: ignore[misc]


def test_r17_summary_groups_consecutive_days_with_the_same_slots():
    weekly = hours.WeeklyHours.from_dict(dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), OFFICE))
    assert hours.weekly_summary(weekly) == "ma–vr 09:00–12:00, 13:00–16:00"


def test_r17_summary_separates_days_with_different_slots():
    weekly = hours.WeeklyHours.from_dict(
        {"mon": OFFICE, "tue": OFFICE, "wed": OFFICE, "thu": OFFICE, "fri": [("09:00", "12:00")]}
    )
    assert hours.weekly_summary(weekly) == "ma–do 09:00–12:00, 13:00–16:00; vr 09:00–12:00"


def test_r17_summary_does_not_group_days_that_are_not_consecutive():
    weekly = hours.WeeklyHours.from_dict(
        {"mon": OFFICE, "wed": OFFICE, "sat": [("10:00", "24:00")]}
    )
    assert hours.weekly_summary(weekly) == (
        "ma 09:00–12:00, 13:00–16:00; wo 09:00–12:00, 13:00–16:00; za 10:00–24:00"
    )


def test_r17_summary_of_an_empty_week():
    assert hours.weekly_summary(hours.WeeklyHours()) == "Geen telefonische bereikbaarheid"


SHORT_FORMS = {
    "9": "09:00",
    "09": "09:00",
    "930": "09:30",
    "0930": "09:30",
    "1315": "13:15",
    "9:30": "09:30",
    "9.30": "09:30",
    "9u30": "09:30",
    "13u": "13:00",
    "13H": "13:00",
    " 7:05 ": "07:05",
    "2400": "24:00",
    "13:00": "13:00",
}


@pytest.mark.parametrize(("typed", "tidy"), SHORT_FORMS.items())
def test_r17_short_forms_of_a_time_are_understood(typed, tidy):
    assert hours.tidy_time_text(typed) == tidy


@pytest.mark.parametrize("typed", ["", "abc", "9:5", "12:3x", "1 pm", "13:00:00", "12345"])
def test_r17_anything_else_is_left_for_the_refusal(typed):
    assert hours.tidy_time_text(typed) == typed.strip()


@pytest.mark.parametrize("typed", ["25", "2460", "9:5", "1 pm"])
def test_r17_a_tidied_but_impossible_time_is_still_refused(typed):
    assert hours.validate_day_slots([[hours.tidy_time_text(typed), "23:00"]])
