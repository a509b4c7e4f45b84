"""Calendar engine: phone hours, closing days, availability exceptions and working days.

Pure Python (no Django), timezone-aware (Europe/Brussels by default). It answers, for an
escalation point, whether an agent may transfer a call now, why not and when next (R16,
R17), and when a handling term in working days ends (R18).
"""

from calendar_engine._clock import BRUSSELS
from calendar_engine.availability import (
    SEARCH_HORIZON_DAYS,
    Availability,
    PhoneSchedule,
    Reason,
)
from calendar_engine.closing_days import FLEMISH_COMMUNITY_DAY, belgian_closing_days
from calendar_engine.deviations import (
    AvailabilityException,
    Channel,
    active_exceptions,
    upcoming_exceptions,
)
from calendar_engine.hours import (
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_KEYS,
    WEEKDAY_NAMES,
    Slot,
    WeeklyHours,
    parse_slot,
    parse_time,
    tidy_time_text,
    validate_day_slots,
    weekly_summary,
)
from calendar_engine.working_days import (
    add_working_days,
    is_working_day,
    working_days_between,
)

__all__ = [
    "BRUSSELS",
    "FLEMISH_COMMUNITY_DAY",
    "SEARCH_HORIZON_DAYS",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_KEYS",
    "WEEKDAY_NAMES",
    "Availability",
    "AvailabilityException",
    "Channel",
    "PhoneSchedule",
    "Reason",
    "Slot",
    "WeeklyHours",
    "active_exceptions",
    "add_working_days",
    "belgian_closing_days",
    "is_working_day",
    "parse_slot",
    "parse_time",
    "tidy_time_text",
    "upcoming_exceptions",
    "validate_day_slots",
    "weekly_summary",
    "working_days_between",
]
