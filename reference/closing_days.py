"""One year's closing days as a beheerder manages them (R18): the generated Belgian holidays
and 11 July, switched on or off, and the days a beheerder added, for everyone or one entity."""

from dataclasses import dataclass
from datetime import date

from calendar_engine import belgian_closing_days
from reference.models import ClosingDay

GENERATED, ADDED, SWITCHED_OFF = "feestdag", "toegevoegd", "uitgeschakeld"


@dataclass(frozen=True)
class YearDay:
    day: date
    name: str
    kind: str  # GENERATED, ADDED or SWITCHED_OFF
    row: ClosingDay | None  # the beheerder's row behind an added or switched-off day

    @property
    def closed(self) -> bool:
        return self.kind != SWITCHED_OFF


def year_overview(year: int, organisation_id: int | None = None) -> list[YearDay]:
    """Every closing day of `year` for all points (or those of one entity), by date. A row
    of the entity itself wins over a row for everyone on the same date."""
    by_day = ClosingDay.objects.by_day(organisation_id, [year])
    days = {}
    for day, name in belgian_closing_days([year]).items():
        row = by_day.get(day)
        kind = SWITCHED_OFF if row is not None and not row.closed else GENERATED
        days[day] = YearDay(day, name, kind, row if kind == SWITCHED_OFF else None)
    for day, row in by_day.items():
        if row.closed:
            days[day] = YearDay(day, row.name, ADDED, row)
    return [days[day] for day in sorted(days)]


def switch_off(day: date, name: str, organisation_id: int | None) -> ClosingDay:
    """A generated holiday does not close the points (of this entity) this year."""
    row, _ = ClosingDay.objects.update_or_create(
        day=day, organisation_id=organisation_id, defaults={"name": name, "closed": False}
    )
    return row


def switch_on(day: date, organisation_id: int | None) -> None:
    ClosingDay.objects.filter(day=day, organisation_id=organisation_id, closed=False).delete()
