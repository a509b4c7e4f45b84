"""Benchmark: `python -m calendar_engine.bench`.

Measures availability evaluations per second for a realistic point and the time to find the
next possible moment across an 18-day Christmas closure. Prints best and median of several
repeats; it asserts nothing.
"""

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from calendar_engine import (
    BRUSSELS,
    AvailabilityException,
    PhoneSchedule,
    WeeklyHours,
    belgian_closing_days,
)

REPEATS = 7
MOMENTS = 20_000
CALLS_PER_REPEAT = 2_000
CHRISTMAS_CLOSURE_START = date(2026, 12, 19)
CHRISTMAS_CLOSURE_DAYS = 18
ASKED_BEFORE_CLOSURE = datetime(2026, 12, 18, 16, 30, tzinfo=BRUSSELS)


def realistic_weekly_hours() -> WeeklyHours:
    two_slots = [("09:00", "12:00"), ("13:00", "16:00")]
    return WeeklyHours.from_dict(dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), two_slots))


def three_exceptions() -> list[AvailabilityException]:
    return [
        AvailabilityException(
            datetime(2026, 6, 11, tzinfo=BRUSSELS),
            datetime(2026, 6, 12, tzinfo=BRUSSELS),
            "phone",
            "Telefonisch niet bereikbaar op donderdag 11-06-2026.",
        ),
        AvailabilityException(
            datetime(2026, 9, 14, tzinfo=BRUSSELS),
            datetime(2026, 9, 15, tzinfo=BRUSSELS),
            "both",
            "Vandaag enkel bereikbaar van 10:00 tot 12:00.",
            replacement_slots=(("10:00", "12:00"),),
        ),
        AvailabilityException(
            datetime(2026, 10, 1, tzinfo=BRUSSELS),
            datetime(2026, 10, 8, tzinfo=BRUSSELS),
            "email",
            "Mailbox tijdelijk niet opgevolgd.",
        ),
    ]


def realistic_schedule() -> PhoneSchedule:
    return PhoneSchedule(
        realistic_weekly_hours(), belgian_closing_days([2026, 2027]), three_exceptions()
    )


def christmas_closing_days() -> dict[date, str]:
    closure = {
        CHRISTMAS_CLOSURE_START + timedelta(days=offset): "Kerstvakantie"
        for offset in range(CHRISTMAS_CLOSURE_DAYS)
    }
    return belgian_closing_days([2026, 2027], extra=closure)


def christmas_exception() -> AvailabilityException:
    starts_at = datetime.combine(CHRISTMAS_CLOSURE_START, datetime.min.time(), tzinfo=BRUSSELS)
    return AvailabilityException(
        starts_at,
        starts_at + timedelta(days=CHRISTMAS_CLOSURE_DAYS),
        "phone",
        "Gesloten tijdens de kerstvakantie.",
    )


def random_moments(count: int, seed: int = 1700) -> list[datetime]:
    rng = random.Random(seed)
    year_start = datetime(2026, 1, 1, tzinfo=BRUSSELS)
    return [year_start + timedelta(minutes=rng.randrange(365 * 24 * 60)) for _ in range(count)]


def time_per_call(call: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - started) / calls


def evaluations_per_second(
    make_schedule: Callable[[], PhoneSchedule], moments: list[datetime], *, fresh: bool
) -> list[float]:
    """Rates of REPEATS passes; with `fresh`, every pass starts on a new schedule."""
    schedule = make_schedule()
    rates = []
    for _ in range(REPEATS):
        if fresh:
            schedule = make_schedule()
        started = time.perf_counter()
        for moment in moments:
            schedule.availability(moment)
        rates.append(len(moments) / (time.perf_counter() - started))
    return rates


def bench_availability() -> None:
    moments = random_moments(MOMENTS)
    in_utc = [moment.astimezone(UTC) for moment in moments]
    schedule = realistic_schedule()
    open_share = sum(schedule.is_open(moment) for moment in moments) / len(moments)
    print(
        f"availability(): {MOMENTS:,} random moments in 2026 ({open_share:.0%} open), "
        "two slots Mon-Fri, closing days 2026-2027, three exceptions"
    )
    for label, asked, fresh in (
        ("asked in Brussels time", moments, False),
        ("asked in UTC", in_utc, False),
        ("first pass, new schedule", moments, True),
    ):
        rates = evaluations_per_second(realistic_schedule, asked, fresh=fresh)
        print(
            f"  {label:<25} best {max(rates):>9,.0f} evaluations/s"
            f"   median {statistics.median(rates):>9,.0f} evaluations/s"
        )


def bench_next_possible(label: str, make_schedule: Callable[[], PhoneSchedule]) -> None:
    schedule = make_schedule()
    found = schedule.next_possible_at(ASKED_BEFORE_CLOSURE)
    warm = [
        time_per_call(lambda: schedule.next_possible_at(ASKED_BEFORE_CLOSURE), CALLS_PER_REPEAT)
        for _ in range(REPEATS)
    ]
    cold = []
    for _ in range(REPEATS):
        fresh_schedules = [make_schedule() for _ in range(CALLS_PER_REPEAT // 10)]
        started = time.perf_counter()
        for fresh in fresh_schedules:
            fresh.next_possible_at(ASKED_BEFORE_CLOSURE)
        cold.append((time.perf_counter() - started) / len(fresh_schedules))
    print(f"next_possible_at() across {label}: {ASKED_BEFORE_CLOSURE} -> {found}")
    for name, seconds in (("warm (days built)", warm), ("cold (new schedule)", cold)):
        best, median = min(seconds), statistics.median(seconds)
        print(f"  {name:<25} best {best * 1e6:6.2f} µs   median {median * 1e6:6.2f} µs")


def main() -> None:
    print(f"calendar_engine bench, Python {sys.version.split()[0]}, {REPEATS} repeats")
    bench_availability()
    weekly = realistic_weekly_hours()
    bench_next_possible(
        f"{CHRISTMAS_CLOSURE_DAYS} consecutive closing days",
        lambda: PhoneSchedule(weekly, christmas_closing_days()),
    )
    closing_days = belgian_closing_days([2026, 2027])
    bench_next_possible(
        f"one {CHRISTMAS_CLOSURE_DAYS}-day phone exception",
        lambda: PhoneSchedule(weekly, closing_days, [christmas_exception()]),
    )


if __name__ == "__main__":
    main()
