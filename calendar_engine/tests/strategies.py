"""Hypothesis strategies: weekly hours, closing days, exceptions and moments around 2026-2027."""

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import strategies as st

from calendar_engine import BRUSSELS, AvailabilityException, Slot, WeeklyHours, belgian_closing_days

FIRST_DAY = date(2026, 1, 1)
LAST_DAY = date(2027, 12, 31)
# Last Sundays of March and October: the clock changes in the night.
CLOCK_CHANGE_DAYS = (date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31))
QUARTER = 15
# Slot boundaries from 05:00 to 24:00: clear of the night hours in which the clock changes.
EARLIEST_BOUNDARY, LATEST_BOUNDARY = 5 * 60 // QUARTER, 24 * 60 // QUARTER


def minute_to_time(minute_of_day: int) -> time:
    return time(0, 0) if minute_of_day == 24 * 60 else time(*divmod(minute_of_day, 60))


@st.composite
def day_slots(draw, max_slots: int = 3) -> tuple[Slot, ...]:
    """Non-overlapping slots on quarter hours; touching slots occur too."""
    boundaries = draw(
        st.lists(
            st.integers(EARLIEST_BOUNDARY, LATEST_BOUNDARY),
            max_size=2 * max_slots,
            unique=True,
        ).map(sorted)
    )
    pairs = list(zip(boundaries[::2], boundaries[1::2], strict=False))
    if draw(st.booleans()) and len(pairs) >= 2:
        # Let the second slot start where the first ends.
        pairs[1] = (pairs[0][1], pairs[1][1])
    return tuple(
        Slot(minute_to_time(start * QUARTER), minute_to_time(end * QUARTER)) for start, end in pairs
    )


def weekly_hours() -> st.SearchStrategy[WeeklyHours]:
    return st.lists(day_slots(), min_size=7, max_size=7).map(lambda days: WeeklyHours(tuple(days)))


def office_weekly_hours() -> st.SearchStrategy[WeeklyHours]:
    """Weekdays with at least one slot, weekends mostly closed: a realistic point."""
    weekday = day_slots().filter(bool)
    return st.tuples(
        st.lists(weekday, min_size=5, max_size=5), st.lists(day_slots(), min_size=2, max_size=2)
    ).map(lambda parts: WeeklyHours(tuple(parts[0] + parts[1])))


def days_in_range() -> st.SearchStrategy[date]:
    return st.one_of(
        st.dates(FIRST_DAY, LAST_DAY),
        st.sampled_from(CLOCK_CHANGE_DAYS),
        st.sampled_from(CLOCK_CHANGE_DAYS).map(lambda day: day - timedelta(days=1)),
    )


def closing_days() -> st.SearchStrategy[dict[date, str]]:
    random_days = st.sets(days_in_range(), max_size=12).map(
        lambda days: dict.fromkeys(days, "Sluitingsdag")
    )
    closing_block = st.tuples(st.dates(FIRST_DAY, LAST_DAY), st.integers(1, 20)).map(
        lambda block: {
            block[0] + timedelta(days=offset): "Collectieve sluiting" for offset in range(block[1])
        }
    )
    holidays = st.just(belgian_closing_days([2026, 2027]))
    return st.one_of(random_days, closing_block, holidays)


@st.composite
def moments(draw) -> datetime:
    """Aware moments in 2026-2027, in Brussels (either fold) or UTC, often near a clock change."""
    day = draw(days_in_range())
    local = datetime.combine(day, time(0, 0)) + timedelta(
        seconds=draw(st.integers(0, 24 * 3600 - 1)), microseconds=draw(st.integers(0, 999_999))
    )
    moment = local.replace(tzinfo=BRUSSELS, fold=draw(st.integers(0, 1)))
    if moment.astimezone(UTC).astimezone(BRUSSELS).replace(tzinfo=None) != local:
        moment = moment.replace(fold=0)  # a wall time the clock skips: read it as before the jump
    return moment.astimezone(UTC) if draw(st.booleans()) else moment


@st.composite
def whole_minute_moments(draw) -> datetime:
    return draw(moments()).astimezone(UTC).replace(second=0, microsecond=0)


@st.composite
def availability_exceptions(draw) -> AvailabilityException:
    starts_at = draw(whole_minute_moments())
    duration = draw(
        st.one_of(
            st.integers(1, 24 * 60).map(lambda minutes: timedelta(minutes=minutes)),
            st.integers(1, 20).map(lambda days: timedelta(days=days)),
        )
    )
    replacement = draw(st.one_of(st.none(), day_slots(max_slots=2)))
    return AvailabilityException(
        starts_at=starts_at,
        ends_at=starts_at + duration,
        channel=draw(st.sampled_from(("phone", "email", "both"))),
        message="Afwijkende bereikbaarheid.",
        replacement_slots=replacement,
    )


def exception_lists() -> st.SearchStrategy[list[AvailabilityException]]:
    return st.lists(availability_exceptions(), max_size=3)
