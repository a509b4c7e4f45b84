"""Dates and moments from outside, bounded to the years the product plans in.

Before 1892 Brussels time had a local-mean-time offset (+00:17:30) that JSON cannot carry,
and around the year 9999 date arithmetic overflows: both reached a 500 once. Every date a
user or a client sends is therefore checked against this range, with a Dutch message.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)

OUT_OF_RANGE = "Kies een datum tussen 01-01-2000 en 31-12-2099."
BAD_MOMENT = "Geef een tijdstip als ISO 8601, bijv. 2026-12-10T09:00:00+01:00."
BAD_DAY = "Geef een datum als JJJJ-MM-DD, bijv. 2026-12-23."


def day_in_range(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def moment_in_range(moment: datetime) -> bool:
    return day_in_range(
        timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    )


def parse_moment(text: str) -> datetime:
    """ISO 8601 text -> an aware moment (Brussels time when no offset is given).
    Raises ValueError with a Dutch message."""
    if not text.isprintable():
        raise ValueError(BAD_MOMENT)
    try:
        moment = parse_datetime(text.strip().replace(" ", "+"))
    except (ValueError, OverflowError) as error:
        raise ValueError(BAD_MOMENT) from error
    if moment is None:
        raise ValueError(BAD_MOMENT)
    if not day_in_range(moment.date()):
        raise ValueError(OUT_OF_RANGE)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def parse_day(text: str) -> date:
    """YYYY-MM-DD -> a date. Raises ValueError with a Dutch message."""
    if not text.isprintable():
        raise ValueError(BAD_DAY)
    try:
        day = date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(BAD_DAY) from error
    if not day_in_range(day):
        raise ValueError(OUT_OF_RANGE)
    return day
