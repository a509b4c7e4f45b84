"""Weekly phone hours (R17): time slots per weekday, their validation and a Dutch summary."""

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import time
from functools import cached_property
from itertools import pairwise

MINUTES_PER_DAY = 24 * 60

SLOT_END_NOT_AFTER_START = "Het einde van een tijdslot moet na het begin liggen."
SLOTS_OVERLAP = "Tijdsloten van dezelfde dag mogen niet overlappen."
SLOT_OUTSIDE_DAY = "Een tijdslot moet binnen de dag vallen (van 00:00 tot 24:00)."
SLOT_NOT_WHOLE_MINUTES = "Een tijdslot begint en eindigt op een hele minuut."
SLOT_HAS_TIME_ZONE = "Een tijdslot is een kloktijd zonder tijdzone."
NO_PHONE_HOURS_SUMMARY = "Geen telefonische bereikbaarheid"

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

_TIME_PATTERN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class Slot:
    """A wall-clock period within one local day: from `start` up to (not including) `end`.

    An `end` of `time(0, 0)` means midnight at the end of the day (24:00), so
    `Slot(time(0, 0), time(0, 0))` is the whole day. A Slot can hold an invalid period
    (an end before its start) so that forms can report it: see `validate_day_slots`.
    """

    start: time
    end: time

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        """Minutes from midnight to the end; 1440 for an end of 24:00."""
        if self.end == time(0, 0):
            return MINUTES_PER_DAY
        return self.end.hour * 60 + self.end.minute

    def __str__(self) -> str:
        return f"{format_minute(self.start_minute)}–{format_minute(self.end_minute)}"


def format_minute(minute_of_day: int) -> str:
    """'09:05' for 545; '24:00' for the end of the day."""
    hours, minutes = divmod(minute_of_day, 60)
    return f"{hours:02d}:{minutes:02d}"


_SHORTHAND = re.compile(r"^(\d{1,2})(?:[:.uh](\d{2})?)?$", re.IGNORECASE)
_DIGITS_ONLY = re.compile(r"^\d{3,4}$")


def tidy_time_text(text: str) -> str:
    """What an editor types, as 'HH:MM': '9' -> '09:00', '930' -> '09:30', '1315' ->
    '13:15'; '9.30', '9u30' and '13u' too. Anything else is returned as typed, for
    `parse_time` to refuse with its message."""
    text = (text or "").strip()
    if _DIGITS_ONLY.match(text):
        text = f"{text[:-2]}:{text[-2:]}"
    match = _SHORTHAND.match(text)
    if match is None:
        return text
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


def parse_time(text: str, *, is_end: bool = False) -> time:
    """Parse 'HH:MM'; '24:00' is accepted as an end and gives `time(0, 0)`.

    Raises ValueError with a Dutch message.
    """
    match = _TIME_PATTERN.match(text) if isinstance(text, str) else None
    if match is None or int(match.group(2)) > 59:
        raise ValueError(f"Ongeldig tijdstip '{text}': gebruik UU:MM, bijvoorbeeld 09:00.")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes == 0 and is_end:
        return time(0, 0)
    if hours > 23:
        raise ValueError(SLOT_OUTSIDE_DAY)
    return time(hours, minutes)


SlotLike = Slot | tuple[str | time, str | time] | list[str | time]


def parse_slot(value: SlotLike) -> Slot:
    """A Slot from a Slot or a pair of 'HH:MM' strings or times. ValueError (Dutch) if unusable.

    Only the form is checked here; whether the end lies after the start is for
    `validate_day_slots`.
    """
    if isinstance(value, Slot):
        return value
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"Ongeldig tijdslot {value!r}: verwacht een begin en een einde.")
    start, end = value
    return Slot(_as_time(start, is_end=False), _as_time(end, is_end=True))


def _as_time(value: str | time, *, is_end: bool) -> time:
    if isinstance(value, time):
        return value
    return parse_time(value, is_end=is_end)


def validate_day_slots(slots: Iterable[SlotLike]) -> list[str]:
    """Dutch error messages for the slots of one day; an empty list when they are valid."""
    errors: list[str] = []
    parsed: list[Slot] = []
    for value in slots:
        try:
            slot = parse_slot(value)
        except ValueError as error:
            errors.append(str(error))
            continue
        slot_errors = _slot_errors(slot)
        errors.extend(slot_errors)
        if not slot_errors:
            parsed.append(slot)
    if _any_overlap(parsed):
        errors.append(SLOTS_OVERLAP)
    return list(dict.fromkeys(errors))


def _slot_errors(slot: Slot) -> list[str]:
    if not isinstance(slot.start, time) or not isinstance(slot.end, time):
        return [f"Ongeldig tijdslot {slot.start!r}–{slot.end!r}: verwacht twee tijdstippen."]
    if slot.start.tzinfo is not None or slot.end.tzinfo is not None:
        return [SLOT_HAS_TIME_ZONE]
    if any(moment.second or moment.microsecond for moment in (slot.start, slot.end)):
        return [SLOT_NOT_WHOLE_MINUTES]
    if slot.end_minute <= slot.start_minute:
        return [SLOT_END_NOT_AFTER_START]
    return []


def _any_overlap(slots: Iterable[Slot]) -> bool:
    ordered = sorted(slots, key=lambda slot: slot.start_minute)
    return any(later.start_minute < earlier.end_minute for earlier, later in pairwise(ordered))


def sorted_valid_slots(slots: Iterable[SlotLike]) -> tuple[Slot, ...]:
    """The slots parsed and sorted; ValueError with the Dutch messages when invalid."""
    values = list(slots)
    errors = validate_day_slots(values)
    if errors:
        raise ValueError(" ".join(errors))
    return tuple(sorted((parse_slot(value) for value in values), key=_slot_sort_key))


def _slot_sort_key(slot: Slot) -> tuple[int, int]:
    return slot.start_minute, slot.end_minute


def _weekday_index(key: int | str) -> int:
    if isinstance(key, int) and not isinstance(key, bool) and 0 <= key <= 6:
        return key
    if isinstance(key, str):
        normalized = key.strip().lower()
        for names in (WEEKDAY_KEYS, WEEKDAY_ABBREVIATIONS):
            if normalized in names:
                return names.index(normalized)
    raise ValueError(f"Onbekende weekdag {key!r}: gebruik mon…sun, ma…zo of 0…6.")


@dataclass(frozen=True)
class WeeklyHours(Mapping[int, tuple[Slot, ...]]):
    """Phone hours per weekday (0 = Monday … 6 = Sunday), each day a sorted tuple of slots.

    Build it with `WeeklyHours.from_dict({"mon": [("09:00", "12:00")], ...})`; the
    constructor takes seven sequences of slots. Invalid slots raise ValueError with the
    Dutch messages of `validate_day_slots`.
    """

    days: tuple[tuple[Slot, ...], ...] = field(default=((),) * 7)

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError(f"WeeklyHours needs 7 days, got {len(self.days)}")
        normalized = tuple(sorted_valid_slots(day) for day in self.days)
        object.__setattr__(self, "days", normalized)

    @classmethod
    def from_dict(cls, spec: Mapping[int | str, Iterable[SlotLike]]) -> "WeeklyHours":
        """From {"mon": [("09:00", "12:00"), ...], ...}; keys mon…sun, ma…zo or 0…6.

        Days that are missing have no slots.
        """
        days: list[list[SlotLike]] = [[] for _ in range(7)]
        for key, slots in spec.items():
            days[_weekday_index(key)].extend(slots)
        return cls(tuple(tuple(day) for day in days))

    def to_dict(self) -> dict[str, list[list[str]]]:
        """{"mon": [["09:00", "12:00"]], ...} with all seven days; the API's format."""
        return {
            WEEKDAY_KEYS[weekday]: [
                [format_minute(slot.start_minute), format_minute(slot.end_minute)] for slot in slots
            ]
            for weekday, slots in enumerate(self.days)
        }

    @property
    def is_empty(self) -> bool:
        return not any(self.days)

    @cached_property
    def minute_ranges(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Per weekday the slots as (start, end) minutes from midnight; end 1440 is 24:00."""
        return tuple(
            tuple((slot.start_minute, slot.end_minute) for slot in slots) for slots in self.days
        )

    def __getitem__(self, weekday: int) -> tuple[Slot, ...]:
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
            raise KeyError(weekday)
        return self.days[weekday]

    def __iter__(self) -> Iterator[int]:
        return iter(range(7))

    def __len__(self) -> int:
        return 7


def weekly_summary(weekly: WeeklyHours) -> str:
    """A Dutch one-line summary: 'ma–do 09:00–12:00, 13:00–16:00; vr 09:00–12:00'.

    Consecutive weekdays with the same slots are grouped; days without slots are left out.
    """
    groups: list[tuple[int, int, tuple[Slot, ...]]] = []
    for weekday, slots in enumerate(weekly.days):
        if not slots:
            continue
        if groups and groups[-1][1] == weekday - 1 and groups[-1][2] == slots:
            first, _, _ = groups[-1]
            groups[-1] = (first, weekday, slots)
        else:
            groups.append((weekday, weekday, slots))
    if not groups:
        return NO_PHONE_HOURS_SUMMARY
    return "; ".join(
        f"{_day_range(first, last)} {', '.join(str(slot) for slot in slots)}"
        for first, last, slots in groups
    )


def _day_range(first: int, last: int) -> str:
    if first == last:
        return WEEKDAY_ABBREVIATIONS[first]
    return f"{WEEKDAY_ABBREVIATIONS[first]}–{WEEKDAY_ABBREVIATIONS[last]}"
