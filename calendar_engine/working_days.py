"""Working-day arithmetic for handling terms (R18): weekends and closing days do not count."""

from collections.abc import Collection, Container
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


def is_working_day(day: date, closing_days: Container[date]) -> bool:
    """Monday to Friday and not a closing day."""
    return day.weekday() < _SATURDAY and day not in closing_days


def add_working_days(start: date, n: int, closing_days: Container[date]) -> date:
    """The n-th working day after `start`; `start` itself never counts.

    n = 0 returns `start` unchanged, even when it is not a working day. A handling term of
    5 working days for an e-mail received on `start` is due on `add_working_days(start, 5, …)`.
    """
    if n < 0:
        raise ValueError(f"n must be zero or more, got {n}")
    day = start
    remaining = n
    while remaining:
        day += _ONE_DAY
        if is_working_day(day, closing_days):
            remaining -= 1
    return day


def working_days_between(a: date, b: date, closing_days: Collection[date]) -> int:
    """The number of working days d with a < d <= b; 0 when b <= a.

    The inverse of `add_working_days`: working_days_between(a, add_working_days(a, n)) == n.
    `closing_days` is a set or a mapping keyed by date (each date once).
    """
    if b <= a:
        return 0
    closed_weekdays = sum(1 for day in closing_days if a < day <= b and day.weekday() < _SATURDAY)
    return _weekdays_up_to(b) - _weekdays_up_to(a) - closed_weekdays


def _weekdays_up_to(day: date) -> int:
    """Monday-to-Friday days from 0001-01-01 (a Monday) up to and including `day`."""
    full_weeks, days_into_week = divmod(day.toordinal(), 7)
    return full_weeks * 5 + min(days_into_week, 5)
