"""R18 handling term: working days skip weekends and closing days."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_engine import (
    add_working_days,
    belgian_closing_days,
    is_working_day,
    working_days_between,
)

CLOSING_DAYS = belgian_closing_days(range(2025, 2030))
STARTS = st.dates(date(2026, 1, 1), date(2027, 12, 31))
TERMS = st.integers(0, 60)
CLOSING_DAY_SETS = st.one_of(
    st.just(CLOSING_DAYS),
    st.sets(st.dates(date(2026, 1, 1), date(2028, 12, 31)), max_size=40),
)


def test_r18_five_working_days_skip_christmas():
    # Christmas Eve and the days after Christmas count; Christmas and the weekend do not.
    assert add_working_days(date(2026, 12, 23), 5, CLOSING_DAYS) == date(2026, 12, 31)


def test_r18_five_working_days_span_christmas_and_new_year():
    # 28, 29, 30, 31 December, then New Year's Day is skipped: Monday 4 January.
    assert add_working_days(date(2026, 12, 24), 5, CLOSING_DAYS) == date(2027, 1, 4)
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4), CLOSING_DAYS) == 5


def test_r18_start_day_never_counts():
    assert add_working_days(date(2026, 6, 8), 1, CLOSING_DAYS) == date(2026, 6, 9)


def test_r18_friday_plus_one_working_day_is_monday():
    assert add_working_days(date(2026, 6, 12), 1, CLOSING_DAYS) == date(2026, 6, 15)


def test_r18_term_received_on_a_sunday_starts_counting_on_monday():
    assert add_working_days(date(2026, 6, 14), 1, CLOSING_DAYS) == date(2026, 6, 15)


def test_r18_zero_working_days_is_the_start_day_itself():
    sunday = date(2026, 6, 14)
    assert add_working_days(sunday, 0, CLOSING_DAYS) == sunday


def test_r18_negative_term_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 6, 8), -1, CLOSING_DAYS)


def test_r18_easter_monday_and_ascension_are_not_working_days():
    assert not is_working_day(date(2026, 4, 6), CLOSING_DAYS)
    assert not is_working_day(date(2026, 5, 14), CLOSING_DAYS)
    assert add_working_days(date(2026, 4, 3), 1, CLOSING_DAYS) == date(2026, 4, 7)


def test_r18_flemish_community_day_is_not_a_working_day():
    assert not is_working_day(date(2025, 7, 11), CLOSING_DAYS)  # a Friday
    assert add_working_days(date(2025, 7, 10), 1, CLOSING_DAYS) == date(2025, 7, 14)


def test_r18_administrator_bridge_day_is_skipped():
    with_bridge = belgian_closing_days([2026], extra={date(2026, 5, 15): "Brugdag"})
    assert add_working_days(date(2026, 5, 13), 1, with_bridge) == date(2026, 5, 18)


def test_r18_working_days_between_counts_after_a_up_to_and_including_b():
    assert working_days_between(date(2026, 6, 8), date(2026, 6, 12), CLOSING_DAYS) == 4
    assert working_days_between(date(2026, 6, 8), date(2026, 6, 15), CLOSING_DAYS) == 5
    assert working_days_between(date(2026, 6, 12), date(2026, 6, 8), CLOSING_DAYS) == 0
    assert working_days_between(date(2026, 6, 8), date(2026, 6, 8), CLOSING_DAYS) == 0


@given(start=STARTS, n=TERMS, closing_days=CLOSING_DAY_SETS)
def test_r18_added_working_days_never_land_on_a_weekend_or_closing_day(start, n, closing_days):
    due = add_working_days(start, n + 1, closing_days)
    assert due.weekday() < 5
    assert due not in closing_days


@given(start=STARTS, n=TERMS, closing_days=CLOSING_DAY_SETS)
def test_r18_longer_term_ends_later(start, n, closing_days):
    assert add_working_days(start, n, closing_days) < add_working_days(start, n + 1, closing_days)


@given(start=STARTS, delay=st.integers(0, 30), n=TERMS, closing_days=CLOSING_DAY_SETS)
def test_r18_later_start_never_ends_earlier(start, delay, n, closing_days):
    later_start = start + timedelta(days=delay)
    assert add_working_days(start, n, closing_days) <= add_working_days(
        later_start, n, closing_days
    )


@given(start=STARTS, n=TERMS, closing_days=CLOSING_DAY_SETS)
def test_r18_working_days_between_is_the_inverse_of_adding(start, n, closing_days):
    assert working_days_between(start, add_working_days(start, n, closing_days), closing_days) == n


@given(a=STARTS, b=STARTS, closing_days=CLOSING_DAY_SETS)
def test_r18_working_days_between_counts_day_by_day(a, b, closing_days):
    counted = sum(
        is_working_day(a + timedelta(days=offset), closing_days)
        for offset in range(1, (b - a).days + 1)
    )
    assert working_days_between(a, b, closing_days) == counted


@given(start=STARTS, n=TERMS, closing_days=CLOSING_DAY_SETS)
def test_r18_every_day_skipped_is_a_weekend_or_closing_day(start, n, closing_days):
    due = add_working_days(start, n, closing_days)
    between = [start + timedelta(days=offset) for offset in range(1, (due - start).days)]
    assert sum(is_working_day(day, closing_days) for day in between) == max(n - 1, 0)
