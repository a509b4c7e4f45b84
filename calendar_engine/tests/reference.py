"""A deliberately naive model of phone availability, written apart from the engine.

It reads wall-clock minutes directly, so it agrees with the engine only for slots whose
boundaries avoid the night hours in which the clock changes (the strategies ensure that).
"""

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from calendar_engine import AvailabilityException, Slot, WeeklyHours


def reference_is_open(
    moment: datetime,
    weekly: WeeklyHours,
    closing_days: Mapping[date, str],
    exceptions: Iterable[AvailabilityException],
    tz: tzinfo,
) -> bool:
    # Compare instants in UTC: datetimes sharing a zone compare by wall clock, ignoring fold.
    moment = moment.astimezone(UTC)
    local = moment.astimezone(tz)
    if local.date() in closing_days:
        return False
    in_force = [
        exception
        for exception in exceptions
        if exception.channel in ("phone", "both")
        and exception.starts_at <= moment
        and moment < exception.ends_at
    ]
    if any(not exception.replacement_slots for exception in in_force):
        return False
    if in_force:
        slots = [slot for exception in in_force for slot in exception.replacement_slots or ()]
    else:
        slots = list(weekly[local.weekday()])
    minute = local.hour * 60 + local.minute
    return any(slot.start_minute <= minute < slot.end_minute for slot in slots)


def wall_moment(day: date, minute_of_day: int, tz: tzinfo) -> datetime:
    """The moment `minute_of_day` on `day` (1440 is the next midnight), in UTC; daytime only."""
    wall = datetime.combine(day, time(0, 0), tzinfo=tz) + timedelta(minutes=minute_of_day)
    return wall.astimezone(UTC)


def local_days(start: datetime, end: datetime, tz: tzinfo) -> list[date]:
    first, last = start.astimezone(tz).date(), end.astimezone(tz).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def all_slots(weekly: WeeklyHours, exceptions: Iterable[AvailabilityException], day: date):
    replacement: list[Slot] = [
        slot for exception in exceptions for slot in exception.replacement_slots or ()
    ]
    return [*weekly[day.weekday()], *replacement]


def candidate_moments(
    start: datetime,
    end: datetime,
    weekly: WeeklyHours,
    exceptions: list[AvailabilityException],
    tz: tzinfo,
    *,
    ends: bool,
) -> list[datetime]:
    """Every moment in [start, end) at which an open period can begin, or with `ends` every
    moment in [start, end] at which one can end; sorted."""
    moments = [] if ends else [start.astimezone(UTC)]
    for day in local_days(start, end, tz):
        slots = all_slots(weekly, exceptions, day)
        if ends:
            minutes = [*(slot.end_minute for slot in slots), 24 * 60]
        else:
            minutes = [slot.start_minute for slot in slots]
        moments += [wall_moment(day, minute, tz) for minute in minutes]
    for exception in exceptions:
        moments += [exception.starts_at.astimezone(UTC), exception.ends_at.astimezone(UTC)]
    return sorted(m for m in moments if start <= m < end or (ends and m == end))


def search_end(start: datetime, days: int, tz: tzinfo) -> datetime:
    """The end of the local day `days` days after the local day of `start`, in UTC."""
    return wall_moment(start.astimezone(tz).date() + timedelta(days=days), 24 * 60, tz)


def reference_next_open(
    start: datetime,
    horizon: datetime,
    weekly: WeeklyHours,
    closing_days: Mapping[date, str],
    exceptions: list[AvailabilityException],
    tz: tzinfo,
) -> datetime | None:
    for moment in candidate_moments(start, horizon, weekly, exceptions, tz, ends=False):
        if reference_is_open(moment, weekly, closing_days, exceptions, tz):
            return moment
    return None
