"""May the agent transfer a call to the point now, and if not, why and when next (R16, R17)."""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from itertools import accumulate
from types import MappingProxyType

from calendar_engine._clock import BRUSSELS, to_instant, wall_to_instants
from calendar_engine.deviations import AvailabilityException
from calendar_engine.hours import MINUTES_PER_DAY, WeeklyHours

# next_possible_at looks through the asked day and this many days after it.
SEARCH_HORIZON_DAYS = 366

OPEN_TEXT = "Doorschakelen is nu mogelijk."
OUTSIDE_HOURS_TEXT = "Buiten de telefonische bereikbaarheid."
CLOSING_DAY_TEXT = "Gesloten: {name}."
EXCEPTION_FALLBACK_TEXT = "Tijdelijk niet telefonisch bereikbaar."
NO_PHONE_TEXT = "Geen telefoonnummer: enkel e-mail mogelijk."
TRANSFER_NOT_ALLOWED_TEXT = "Telefonisch doorschakelen is niet toegestaan."
NO_HOURS_TEXT = "Geen telefonische bereikbaarheid ingesteld."

# Built days are kept per schedule; a long-lived schedule asked about many days starts over.
_DAY_CACHE_SIZE = 2048


class Reason(StrEnum):
    """Why a transfer is (not) possible; compares equal to its plain string code."""

    OPEN = "open"
    OUTSIDE_HOURS = "outside_hours"
    CLOSING_DAY = "closing_day"
    EXCEPTION = "exception"
    NO_PHONE = "no_phone"
    TRANSFER_NOT_ALLOWED = "transfer_not_allowed"
    NO_HOURS = "no_hours"


@dataclass(frozen=True, init=False)
class Availability:
    """What the agent sees for one point at one moment.

    `closes_at` is set when possible: the end of the current slot, or the start of a phone
    exception that comes first. `next_possible_at` is set when not possible: the next moment
    a transfer becomes possible, or None when there is none within a year (the asked day and
    the 366 days after it) or never will be
    (no phone, transfer not allowed, no hours). `exception_message` is the message of the
    phone exception in force, also when the point is open differently that day.
    """

    possible: bool
    reason: Reason
    reason_text: str
    closes_at: datetime | None = None
    next_possible_at: datetime | None = None
    exception_message: str | None = None

    def __init__(
        self,
        possible: bool,
        reason: Reason,
        reason_text: str,
        closes_at: datetime | None = None,
        next_possible_at: datetime | None = None,
        exception_message: str | None = None,
    ) -> None:
        # The generated frozen __init__ sets each field through object.__setattr__, which is
        # a third of the cost of an evaluation; filling __dict__ at once keeps it frozen.
        self.__dict__.update(
            possible=possible,
            reason=reason,
            reason_text=reason_text,
            closes_at=closes_at,
            next_possible_at=next_possible_at,
            exception_message=exception_message,
        )


_NEVER_NO_PHONE = Availability(False, Reason.NO_PHONE, NO_PHONE_TEXT)
_NEVER_TRANSFER_NOT_ALLOWED = Availability(
    False, Reason.TRANSFER_NOT_ALLOWED, TRANSFER_NOT_ALLOWED_TEXT
)
_NEVER_NO_HOURS = Availability(False, Reason.NO_HOURS, NO_HOURS_TEXT)

# An open interval of one local day: (start, end) as UTC instants, then the same in the
# schedule's zone, ready to be returned. Plain tuples keep the hot path cheap.
_Interval = tuple[datetime, datetime, datetime, datetime]
_Window = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class _Period:
    """A phone exception's period as UTC instants, with the same moments in the schedule's zone."""

    starts: datetime
    ends: datetime
    starts_local: datetime
    ends_local: datetime
    exception: AvailabilityException


class _PeriodIndex:
    """Periods sorted by start: which one covers a moment, which one starts next."""

    def __init__(self, periods: Iterable[_Period]) -> None:
        self.periods = sorted(periods, key=lambda period: period.starts)
        self._starts = [period.starts for period in self.periods]
        # The latest end among the periods up to each index: stops the backward scan early.
        self._latest_end_so_far = list(accumulate((period.ends for period in self.periods), max))

    def covering(self, moment: datetime) -> _Period | None:
        """The latest-starting period with starts <= moment < ends, if any."""
        index = bisect_right(self._starts, moment) - 1
        while index >= 0 and self._latest_end_so_far[index] > moment:
            period = self.periods[index]
            if period.ends > moment:
                return period
            index -= 1
        return None

    def next_start_after(self, moment: datetime) -> _Period | None:
        index = bisect_right(self._starts, moment)
        return self.periods[index] if index < len(self.periods) else None

    def overlapping(self, start: datetime, end: datetime) -> list[_Period]:
        """The periods that share at least an instant with [start, end)."""
        return [
            period
            for period in self.periods[: bisect_left(self._starts, end)]
            if period.ends > start
        ]


class PhoneSchedule:
    """The phone availability of one escalation point: weekly hours, closing days, exceptions.

    Closing days close their whole local day, also against replacement hours of an
    exception (disable the closing day to open on it). A phone exception without
    replacement slots closes the phone for its period; one with replacement slots replaces
    the weekly slots within its period. E-mail-only exceptions are ignored here.
    All moments must be timezone-aware; returned datetimes are in `tz`.

    Each local day's open intervals, and the answer for a gap between slots, are worked out
    once, on first use, and kept: build a schedule per point and reuse it. Sharing one
    between threads is safe (at worst a day is worked out twice).
    """

    def __init__(
        self,
        weekly: WeeklyHours,
        closing_days: Mapping[date, str] | None = None,
        exceptions: Sequence[AvailabilityException] = (),
        tz: tzinfo = BRUSSELS,
    ) -> None:
        self.weekly = weekly
        self.closing_days: Mapping[date, str] = MappingProxyType(dict(closing_days or {}))
        self.exceptions = tuple(
            sorted(exceptions, key=lambda exception: to_instant(exception.starts_at))
        )
        self.tz = tz
        self._slot_minutes = weekly.minute_ranges
        self._closing_names = {day.toordinal(): name for day, name in self.closing_days.items()}
        phone_periods = [self._period(exc) for exc in self.exceptions if exc.affects_phone]
        self._closures = _PeriodIndex(p for p in phone_periods if p.exception.closes_phone)
        self._replacements = _PeriodIndex(p for p in phone_periods if not p.exception.closes_phone)
        self._weekly_is_empty = weekly.is_empty
        self._has_hours = not weekly.is_empty or bool(self._replacements.periods)
        self._days: dict[int, tuple[_Interval, ...]] = {}
        self._gap_answers: dict[tuple[int, int], Availability] = {}

    def availability(
        self, at: datetime, *, has_phone: bool = True, transfer_allowed: bool = True
    ) -> Availability:
        """May the agent transfer now (at `at`), and if not, why and when next."""
        now = to_instant(at)
        if not has_phone:
            return _NEVER_NO_PHONE
        if not transfer_allowed:
            return _NEVER_TRANSFER_NOT_ALLOWED
        if not self._has_hours:
            return _NEVER_NO_HOURS
        day = self._local_day(at, now)
        closure = self._closures.covering(now)
        exception_period = closure or self._replacements.covering(now)
        if closure is not None:
            return self._closed(now, day, exception_period)
        interval, ended = self._locate(now, day)
        if interval is not None:
            return self._open(now, interval, exception_period)
        if exception_period is not None:
            return self._closed(now, day, exception_period)
        return self._closed_between_slots(now, day, ended)

    def is_open(self, at: datetime) -> bool:
        """True when the phone hours, closing days and exceptions allow a transfer at `at`."""
        now = to_instant(at)
        return self._is_open(now, self._local_day(at, now))

    def next_possible_at(self, at: datetime) -> datetime | None:
        """The first moment from `at` on (`at` itself when open) that a transfer is possible.

        None when there is none on the local day of `at` or the 366 days after it.
        """
        now = to_instant(at)
        if not self._has_hours:
            return None
        day = self._local_day(at, now)
        if self._is_open(now, day):
            return now.astimezone(self.tz)
        return self._next_open(now, day)

    def _local_day(self, at: datetime, now: datetime) -> int:
        """The ordinal of the local date of `at` (`now` is the same moment in UTC)."""
        local = at if at.tzinfo is self.tz else now.astimezone(self.tz)
        return local.toordinal()

    def _is_open(self, now: datetime, day: int) -> bool:
        return self._closures.covering(now) is None and self._locate(now, day)[0] is not None

    def _locate(self, now: datetime, day: int) -> tuple[_Interval | None, int]:
        """The interval of `day` that contains `now`, if any, and how many ended before it."""
        ended = 0
        for interval in self._day(day):
            if now < interval[1]:
                return (interval if interval[0] <= now else None), ended
            ended += 1
        return None, ended

    def _open(
        self, now: datetime, interval: _Interval, exception_period: _Period | None
    ) -> Availability:
        return Availability(
            True,
            Reason.OPEN,
            OPEN_TEXT,
            closes_at=self._closes_at(now, interval),
            exception_message=exception_period.exception.message if exception_period else None,
        )

    def _closed(self, now: datetime, day: int, exception_period: _Period | None) -> Availability:
        reason, reason_text = self._closed_reason(day, exception_period)
        return Availability(
            False,
            reason,
            reason_text,
            next_possible_at=self._next_open(now, day),
            exception_message=exception_period.exception.message if exception_period else None,
        )

    def _closed_between_slots(self, now: datetime, day: int, ended: int) -> Availability:
        """Closed with no exception in force: the same answer until the next slot of the day.

        The next possible moment lies at or after that slot's start (the search ends with a
        whole day), so one answer serves every such moment of the gap.
        """
        key = (day, ended)
        answer = self._gap_answers.get(key)
        if answer is None:
            answer = self._gap_answers[key] = self._closed(now, day, None)
        return answer

    def _closes_at(self, now: datetime, interval: _Interval) -> datetime:
        next_closure = self._closures.next_start_after(now)
        if next_closure is not None and next_closure.starts < interval[1]:
            return next_closure.starts_local
        return interval[3]

    def _closed_reason(self, day: int, exception_period: _Period | None) -> tuple[Reason, str]:
        closing_name = self._closing_names.get(day)
        if closing_name is not None:
            return Reason.CLOSING_DAY, CLOSING_DAY_TEXT.format(name=closing_name)
        if exception_period is not None:
            return Reason.EXCEPTION, exception_period.exception.message or EXCEPTION_FALLBACK_TEXT
        if self._weekly_is_empty:
            return Reason.NO_HOURS, NO_HOURS_TEXT
        return Reason.OUTSIDE_HOURS, OUTSIDE_HOURS_TEXT

    def _next_open(self, now: datetime, day: int) -> datetime | None:
        """The first open moment at or after `now` (on local day `day`) within the horizon."""
        last_day = day + SEARCH_HORIZON_DAYS
        moment, moment_local = now, None
        while True:
            found = self._first_interval_ending_after(moment, day, last_day)
            if found is None:
                return None
            (start, _, start_local, _), day = found
            if start > moment:
                moment, moment_local = start, start_local
            closure = self._closures.covering(moment)
            if closure is None:
                return moment_local or moment.astimezone(self.tz)
            moment, moment_local = closure.ends, closure.ends_local
            day = moment_local.toordinal()

    def _first_interval_ending_after(
        self, moment: datetime, day: int, last_day: int
    ) -> tuple[_Interval, int] | None:
        days = self._days
        while day <= last_day:
            intervals = days.get(day)
            if intervals is None:
                intervals = self._day(day)
            for interval in intervals:
                if interval[1] > moment:
                    return interval, day
            day += 1
        return None

    def _day(self, day: int) -> tuple[_Interval, ...]:
        intervals = self._days.get(day)
        if intervals is None:
            if len(self._days) >= _DAY_CACHE_SIZE:
                self._days.clear()
                self._gap_answers.clear()
            intervals = self._days[day] = self._build_day(day)
        return intervals

    def _build_day(self, ordinal: int) -> tuple[_Interval, ...]:
        """The open intervals of one local day, before closure exceptions are applied."""
        if ordinal in self._closing_names:
            return ()
        day = date.fromordinal(ordinal)
        windows = self._windows(day, self._slot_minutes[day.weekday()])
        if self._replacements.periods:
            windows = self._apply_replacements(day, windows)
        tz = self.tz
        return tuple(
            (start, end, start.astimezone(tz), end.astimezone(tz))
            for start, end in windows
            if start < end
        )

    def _apply_replacements(self, day: date, windows: list[_Window]) -> list[_Window]:
        [(day_start, day_end)] = self._windows(day, [(0, MINUTES_PER_DAY)])
        periods = self._replacements.overlapping(day_start, day_end)
        if not periods:
            return windows
        replaced = [(max(p.starts, day_start), min(p.ends, day_end)) for p in periods]
        kept = [part for window in windows for part in _subtract(window, replaced)]
        replacements = [
            (max(slot_start, period_start), min(slot_end, period_end))
            for period, (period_start, period_end) in zip(periods, replaced, strict=True)
            for slot_start, slot_end in self._windows(day, _minutes(period.exception))
        ]
        return _merge_overlapping(sorted(kept + replacements))

    def _windows(self, day: date, slot_minutes: Sequence[tuple[int, int]]) -> list[_Window]:
        """Wall-clock slots of `day` as (start, end) instants in UTC."""
        if not slot_minutes:
            return []
        instants = wall_to_instants(day, [m for pair in slot_minutes for m in pair], self.tz)
        return list(zip(instants[::2], instants[1::2], strict=True))

    def _period(self, exception: AvailabilityException) -> _Period:
        starts, ends = to_instant(exception.starts_at), to_instant(exception.ends_at)
        return _Period(
            starts, ends, starts.astimezone(self.tz), ends.astimezone(self.tz), exception
        )


def _minutes(exception: AvailabilityException) -> list[tuple[int, int]]:
    return [(slot.start_minute, slot.end_minute) for slot in exception.replacement_slots or ()]


def _subtract(window: _Window, holes: Iterable[_Window]) -> list[_Window]:
    """The parts of `window` outside every hole."""
    parts = [window]
    for hole_start, hole_end in holes:
        remaining = []
        for start, end in parts:
            if hole_end <= start or hole_start >= end:
                remaining.append((start, end))
                continue
            if start < hole_start:
                remaining.append((start, hole_start))
            if hole_end < end:
                remaining.append((hole_end, end))
        parts = remaining
    return parts


def _merge_overlapping(windows: list[_Window]) -> list[_Window]:
    """Merge sorted windows that overlap; windows that only touch stay apart.

    Keeping touching windows apart makes `closes_at` the end of a slot or the start of an
    exception, as the agent's screen explains it, rather than a longer merged period.
    """
    merged: list[_Window] = []
    for start, end in windows:
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
