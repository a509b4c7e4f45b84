"""Helpers of the tests of planned changes (R25)."""

import datetime as dt
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(moment: str) -> dt.datetime:
    """'2026-12-07 09:00' -> that moment in Brussels."""
    return dt.datetime.fromisoformat(moment).replace(tzinfo=BRUSSELS)
