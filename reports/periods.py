"""The period and interval of a report: local days (Europe/Brussels), both ends inclusive.

A period comes from a form or from the API as text; it is checked here once, with Dutch
messages: a day as YYYY-MM-DD between 2000 and 2099 (`core.moments`), `from` not after `to`,
at most MAX_YEARS long, and no more than MAX_BUCKETS days, weeks or months in one chart.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from calendar_engine import BRUSSELS
from core.moments import day_in_range, parse_day

DEFAULT_DAYS = 30
MAX_YEARS = 5
MAX_BUCKETS = 400

INTERVALS = {"day": "Per dag", "week": "Per week", "month": "Per maand"}
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

START_AFTER_END = "De begindatum ligt na de einddatum."
TOO_LONG = f"Kies een periode van hoogstens {MAX_YEARS} jaar."
TOO_MANY_BUCKETS = (
    "Zoveel {unit} passen niet in één grafiek (hoogstens {limit}): kies een kortere periode "
    "of tel per week of per maand."
)
UNKNOWN_INTERVAL = "Kies dag (day), week (week) of maand (month)."
BUCKET_UNITS = {"day": "dagen", "week": "weken", "month": "maanden"}


class PeriodError(ValueError):
    """A period or interval that cannot be reported on; the message is Dutch."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def bounds(self) -> tuple[datetime, datetime]:
        """From the start of the first local day up to (not including) the day after the last."""
        return local_midnight(self.start), local_midnight(self.end + timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{self.start:%d-%m-%Y} tot en met {self.end:%d-%m-%Y}"


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=BRUSSELS)


def default_period(today: date) -> Period:
    """The last 30 days, today included."""
    return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)


def as_day(value) -> date | None:
    """A date, text as YYYY-MM-DD, or nothing. Raises PeriodError."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        if not day_in_range(value):
            raise PeriodError("Kies een datum tussen 01-01-2000 en 31-12-2099.")
        return value
    try:
        return parse_day(str(value))
    except ValueError as error:
        raise PeriodError(str(error)) from None


def make_period(start, end, *, today: date) -> Period:
    """The period from `start` to `end` (either may be left out: the last 30 days up to
    `end`, or from `start` up to 30 days later or today)."""
    start, end = as_day(start), as_day(end)
    if start is None and end is None:
        return default_period(today)
    if start is None:
        start = end - timedelta(days=DEFAULT_DAYS - 1)
    if end is None:
        end = max(start, min(today, start + timedelta(days=DEFAULT_DAYS - 1)))
    if start > end:
        raise PeriodError(START_AFTER_END)
    if (end - start).days >= MAX_YEARS * 366:
        raise PeriodError(TOO_LONG)
    return Period(start, end)


def checked_interval(interval: str, period: Period) -> str:
    interval = interval or "week"
    if interval not in INTERVALS:
        raise PeriodError(UNKNOWN_INTERVAL)
    if len(bucket_starts(interval, period)) > MAX_BUCKETS:
        raise PeriodError(TOO_MANY_BUCKETS.format(unit=BUCKET_UNITS[interval], limit=MAX_BUCKETS))
    return interval


def bucket_start(interval: str, day: date) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_bucket(interval: str, start: date) -> date:
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return (start + timedelta(days=32)).replace(day=1)
    return start + timedelta(days=1)


def bucket_starts(interval: str, period: Period) -> list[date]:
    """Every day, week (Monday) or month (first day) that the period touches, in order."""
    starts, current = [], bucket_start(interval, period.start)
    while current <= period.end and len(starts) <= MAX_BUCKETS:
        starts.append(current)
        current = next_bucket(interval, current)
    return starts


def bucket_label(interval: str, start: date) -> str:
    if interval == "week":
        return f"week {start.isocalendar().week} ({start:%d-%m-%Y})"
    if interval == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"{start:%d-%m-%Y}"


def short_bucket_label(interval: str, start: date) -> str:
    """For the axis of a chart."""
    if interval == "week":
        return f"w{start.isocalendar().week}"
    if interval == "month":
        return f"{MONTHS[start.month - 1][:3]} {start:%y}"
    return f"{start:%d/%m}"
