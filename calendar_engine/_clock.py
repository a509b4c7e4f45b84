"""Conversions between wall-clock times in a zone and instants (aware UTC datetimes).

Internally the engine compares instants as datetimes in UTC: comparing two datetimes that
share the same tzinfo object is exact (UTC has no folds) and much cheaper than comparing
datetimes in different zones.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")

_ONE_SECOND = timedelta(seconds=1)
_ONE_DAY = timedelta(days=1)
_MIDNIGHT = time(0, 0)
_MINUTE_OFFSETS = tuple(timedelta(minutes=minute) for minute in range(24 * 60 + 1))
# Time zone types that give every datetime an offset: no need to ask whether it is naive.
_ALWAYS_AWARE_TYPES = (ZoneInfo, timezone)


def require_aware(moment: datetime, name: str = "at") -> None:
    """Raise ValueError when `moment` is a naive datetime."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(moment).__name__}")
    if moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {moment!r}")


def to_instant(moment: datetime, name: str = "at") -> datetime:
    """The aware datetime `moment` as a datetime in UTC; ValueError when it is naive."""
    if type(getattr(moment, "tzinfo", None)) not in _ALWAYS_AWARE_TYPES:
        require_aware(moment, name)
    return moment.astimezone(UTC)


def wall_to_instants(day: date, minutes_of_day: Iterable[int], tz: tzinfo) -> list[datetime]:
    """`wall_to_instant` for several minutes of one day, cheaply on days without a clock change.

    A day whose two midnights have the same UTC offset is taken to have no clock change in
    between (true for every zone that changes its clock at most once a day).
    """
    midnight = datetime.combine(day, _MIDNIGHT)
    offset = tz.utcoffset(midnight)
    if offset is None or offset != tz.utcoffset(midnight + _ONE_DAY):
        return [wall_to_instant(day, minute, tz) for minute in minutes_of_day]
    utc_midnight = datetime.combine(day, _MIDNIGHT, tzinfo=UTC) - offset
    return [utc_midnight + _MINUTE_OFFSETS[minute] for minute in minutes_of_day]


def wall_to_instant(day: date, minute_of_day: int, tz: tzinfo) -> datetime:
    """The first instant at which the clock in `tz` shows `minute_of_day` on `day`, in UTC.

    `minute_of_day` may be 1440: the midnight that ends the day. On the autumn change a
    wall time that occurs twice means its first occurrence. On the spring change a wall
    time that does not exist (02:30 on the last Sunday of March in Brussels) means the
    moment the clock jumps forward, so a slot 02:15-02:45 that day is empty and a slot
    01:00-04:00 lasts two real hours.
    """
    naive = datetime.combine(day, time()) + timedelta(minutes=minute_of_day)
    local = naive.replace(tzinfo=tz)
    offset_before = local.utcoffset()
    offset_after = local.replace(fold=1).utcoffset()
    if offset_before is None or offset_after is None:
        raise ValueError(f"time zone {tz!r} gives no UTC offset for {naive}")
    if offset_after > offset_before:
        return _end_of_gap(naive, offset_before, offset_after, tz)
    return (naive - offset_before).replace(tzinfo=UTC)


def _end_of_gap(
    naive: datetime, offset_before: timedelta, offset_after: timedelta, tz: tzinfo
) -> datetime:
    """The instant the clock jumps over the nonexistent wall time `naive` (binary search)."""
    still_before = (naive - offset_after).replace(tzinfo=UTC)
    already_after = (naive - offset_before).replace(tzinfo=UTC)
    while already_after - still_before > _ONE_SECOND:
        seconds_between = (already_after - still_before) // _ONE_SECOND
        middle = still_before + _ONE_SECOND * (seconds_between // 2)
        if middle.astimezone(tz).utcoffset() == offset_after:
            already_after = middle
        else:
            still_before = middle
    return already_after
