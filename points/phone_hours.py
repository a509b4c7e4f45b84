"""Phone hours (R17) between the three shapes they take: TimeSlot rows, the week as data
(`{"mon": [["09:00", "12:00"]], …}`, as in the API and the editor) and the calendar
engine's WeeklyHours. Validation is the calendar engine's, so there is one rule."""

from datetime import time

from calendar_engine import (
    WEEKDAY_KEYS,
    Slot,
    WeeklyHours,
    parse_slot,
    validate_day_slots,
    weekly_summary,
)

WeekData = dict[str, list[list[str]]]


def weekly_hours_from_slots(slots) -> WeeklyHours:
    """TimeSlot-like objects (weekday, start, end) -> the engine's week."""
    days: list[list[Slot]] = [[] for _ in WEEKDAY_KEYS]
    for slot in slots:
        days[slot.weekday].append(Slot(slot.start, slot.end))
    return WeeklyHours(tuple(tuple(day) for day in days))


def week_from_slots(slots) -> WeekData:
    """TimeSlot-like objects -> the week as data, all seven days, sorted per day."""
    return weekly_hours_from_slots(slots).to_dict()


def summary(slots) -> str:
    """'ma–vr 09:00–12:00, 13:00–16:00' for the CMS list and the card."""
    return weekly_summary(weekly_hours_from_slots(slots))


def week_errors(week: WeekData) -> dict[str, list[str]]:
    """Dutch messages per weekday key; empty when the week is valid."""
    errors = {}
    for key in WEEKDAY_KEYS:
        messages = validate_day_slots(week.get(key) or [])
        if messages:
            errors[key] = messages
    return errors


def slot_values(week: WeekData) -> list[tuple[int, time, time]]:
    """(weekday, start, end) for each slot of a valid week; an end of 24:00 is time(0, 0)."""
    values = []
    for weekday, key in enumerate(WEEKDAY_KEYS):
        for pair in week.get(key) or []:
            slot = parse_slot(pair)
            values.append((weekday, slot.start, slot.end))
    return values
