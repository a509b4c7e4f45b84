"""Closing days: Belgian public holidays, the Flemish Community's day and administrators' days."""

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache

import holidays

FLEMISH_COMMUNITY_DAY = "Feest van de Vlaamse Gemeenschap"


def belgian_closing_days(
    years: Iterable[int],
    *,
    extra: Mapping[date, str] | None = None,
    disabled: Iterable[date] = (),
) -> dict[date, str]:
    """Closing days for `years` as {date: Dutch name}, sorted by date.

    The Belgian public holidays (as the `holidays` package names them in Dutch; Easter and
    Whit Sunday included) and 11 July for the Flemish Community, without the generated days
    in `disabled` (an administrator switched them off), plus the days in `extra` (e.g. a
    bridge day an administrator added). `extra` always applies, also on a disabled date.
    """
    closing_days: dict[date, str] = {}
    for year in sorted(set(years)):
        closing_days.update(_generated_closing_days(year))
    for day in disabled:
        closing_days.pop(day, None)
    closing_days.update(extra or {})
    return dict(sorted(closing_days.items()))


@lru_cache(maxsize=64)
def _generated_closing_days(year: int) -> tuple[tuple[date, str], ...]:
    public_holidays = holidays.Belgium(years=year, language="nl")
    days = dict(public_holidays.items())
    days[date(year, 7, 11)] = FLEMISH_COMMUNITY_DAY
    return tuple(sorted(days.items()))
