"""The escalation point as a JSON document: the one mapping between model and JSON.

Every part of the point's JSON (DESIGN.md, 'The escalation point as JSON') is one entry of
`DOCUMENT` below: where it sits in the JSON, which model attribute holds it and how it is
read and written. Everything else derives from that list:
- `to_data(point)` reads a point, whole or in part (`only=("phone", "email")`);
- `apply_data(point, data)` writes a whole or partial document onto a point, in memory;
- `path_of(attribute)` names the JSON path of a model field in error messages;
- `input_schema()` / `output_schema()` build the API's pydantic models.

Adding a field to the point means adding it to the model and one entry here.
"""

import datetime as dt
import functools
import keyword
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import Schema
from pydantic import ConfigDict, StrictBool, StrictInt, StrictStr, create_model
from pydantic import Field as SchemaField

from calendar_engine import WEEKDAY_KEYS, Channel
from core.text import clean_data
from points import phone_hours
from points.models import EmailDelivery, EscalationPoint, PointStatus, TransferMode
from points.rules import default_line_codes, parse_replacement_hours, split_lines, warnings

NOT_FOUND = "Onbekende {what} '{value}'."
BAD_DATE = "Vul een datum in als JJJJ-MM-DD."
TimeRange = tuple[str, str]
MISSING = object()


class DocumentError(Exception):
    """Bad input: Dutch messages per JSON path. Nothing was changed on the point."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class Errors(dict):
    def add(self, path: str, message: str) -> None:
        self.setdefault(path, []).append(message)


def _stripped(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _local_iso(moment: dt.datetime) -> str:
    local = moment.astimezone(timezone.get_current_timezone())
    # Brussels' offset before 1892 (+00:17:30) has seconds, which ISO 8601 clients refuse.
    return (local if local.utcoffset().seconds % 60 == 0 else moment.astimezone(dt.UTC)).isoformat()


def _same(value):
    return value


def _aware(moment):
    """A moment from JSON (ISO 8601 text or a datetime); without a zone it is Brussels time."""
    if isinstance(moment, str):
        moment = parse_datetime(moment.strip()) or moment
    if isinstance(moment, dt.datetime) and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


# --- Entries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One part of the document. `value_type` is the JSON value's type for the schemas."""

    path: str
    value_type: Any
    description: str = ""

    attribute = None  # the model field it is stored in, if any
    read_only = False

    def __post_init__(self):
        # "phone.number" is stored in `phone_number` unless an entry names another field.
        if self.attribute == "":
            object.__setattr__(self, "attribute", self.path.replace(".", "_"))

    def related_model(self) -> type[models.Model]:
        """The model a reference or a child row points at, read from the point's field."""
        return EscalationPoint._meta.get_field(self.attribute).related_model

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    def read(self, point):
        raise NotImplementedError

    def write(self, point, value, errors: Errors) -> None:
        raise NotImplementedError

    def input_type(self):
        return self.value_type | None


@dataclass(frozen=True)
class Text(Entry):
    """Free text; null clears it."""

    attribute: str = ""
    value_type: Any = str

    def read(self, point):
        return getattr(point, self.attribute)

    def write(self, point, value, errors):
        setattr(point, self.attribute, _stripped(value))

    def input_type(self):
        # null clears a text; a text the point cannot do without (the title) cannot be null.
        try:
            required = not EscalationPoint._meta.get_field(self.attribute).blank
        except FieldDoesNotExist:  # an attribute that is not a database field
            required = False
        return StrictStr if required else StrictStr | None


@dataclass(frozen=True)
class PublicTitle(Text):
    """R2: reads as the title agents and citizens see; stored empty when it follows the
    editorial title."""

    def read(self, point):
        return point.shown_public_title


@dataclass(frozen=True)
class Value(Entry):
    """A yes/no, a number or a choice; null keeps the current value."""

    attribute: str = ""

    def read(self, point):
        return getattr(point, self.attribute)

    def write(self, point, value, errors):
        if value is not None:
            setattr(point, self.attribute, value)

    def input_type(self):
        strict = {bool: StrictBool, int: StrictInt}.get(self.value_type, self.value_type)
        return strict | None


@dataclass(frozen=True)
class Date(Entry):
    """A date as YYYY-MM-DD; null clears it."""

    attribute: str = ""
    value_type: Any = dt.date | None

    def read(self, point):
        value = getattr(point, self.attribute)
        return value.isoformat() if value else None

    def write(self, point, value, errors):
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip()) if value.strip() else None
            except ValueError:
                errors.add(self.path, BAD_DATE)
                return
        setattr(point, self.attribute, value)


@dataclass(frozen=True)
class Lines(Entry):
    """A list of short texts stored one per line (search terms)."""

    attribute: str = ""
    value_type: Any = list[str]

    def read(self, point):
        return split_lines(getattr(point, self.attribute))

    def write(self, point, value, errors):
        terms = (_stripped(term) for term in value or [])
        setattr(point, self.attribute, "\n".join(term for term in terms if term))

    def input_type(self):
        return list[StrictStr] | None


@dataclass(frozen=True)
class Reference(Entry):
    """A row of reference data, referred to by its code, name or abbreviation."""

    attribute: str = ""
    model: type[models.Model] | None = None
    lookup: str = "code"
    what: str = ""
    value_type: Any = str | None

    def __post_init__(self):
        super().__post_init__()
        if self.model is None:
            object.__setattr__(self, "model", self.related_model())
        if not self.what:
            object.__setattr__(self, "what", str(self.model._meta.verbose_name))

    def read(self, point):
        if getattr(point, f"{self.attribute}_id") is None:
            return None
        return getattr(getattr(point, self.attribute), self.lookup)

    def find(self, value, errors: Errors):
        if value in (None, ""):
            return None
        found = self.model.objects.filter(**{f"{self.lookup}__iexact": value}).first()
        if found is None:
            errors.add(self.path, NOT_FOUND.format(what=self.what, value=value))
        return found

    def write(self, point, value, errors):
        setattr(point, self.attribute, self.find(value, errors))

    def input_type(self):
        return StrictStr | None


@dataclass(frozen=True)
class References(Reference):
    """Several rows of reference data (line codes, editorial domains)."""

    value_type: Any = list[str]
    default: Callable[[], list] | None = None  # for a new point that leaves it out

    def read(self, point):
        return [getattr(row, self.lookup) for row in getattr(point, self.attribute).all()]

    def write(self, point, value, errors):
        found = (self.find(item, errors) for item in value or [])
        setattr(point, self.attribute, [row for row in found if row is not None])

    def input_type(self):
        return list[StrictStr] | None


@dataclass(frozen=True)
class Column:
    """One key of a row in a list of child rows (exceptions, contact persons)."""

    key: str
    value_type: Any
    default: Any = ...
    to_json: Callable = _same
    from_json: Callable = _same

    @property
    def attribute(self) -> str:
        return self.key


@dataclass(frozen=True)
class Rows(Entry):
    """Child rows of the point, each with its own columns and its own model validation."""

    attribute: str = ""
    model: type[models.Model] | None = None
    columns: tuple[Column, ...] = ()
    schema_name: str = ""
    value_type: Any = list
    keep: Callable | None = field(default=None, compare=False)  # which rows to show

    def __post_init__(self):
        super().__post_init__()
        if self.model is None:
            object.__setattr__(self, "model", self.related_model())
        if not self.schema_name:  # "contact_persons" -> "ContactPerson"
            name = self.path.title().replace("_", "").removesuffix("s")
            object.__setattr__(self, "schema_name", name)

    def read(self, point):
        return [
            {column.key: column.to_json(getattr(row, column.attribute)) for column in self.columns}
            for row in getattr(point, self.attribute).all()
            if self.keep is None or self.keep(row)
        ]

    def write(self, point, value, errors):
        rows = []
        for index, item in enumerate(value or []):
            row = self.model(
                **{
                    column.attribute: column.from_json(
                        item.get(column.key, None if column.default is ... else column.default)
                    )
                    for column in self.columns
                }
            )
            try:
                row.full_clean(exclude=["point", "sort_order"])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        errors.add(f"{self.path}.{index}.{name}", message)
            rows.append(row)
        setattr(point, self.attribute, rows)


@dataclass(frozen=True)
class Week(Entry):
    """Phone hours: per weekday key a list of ["HH:MM", "HH:MM"] slots (R17)."""

    attribute: str = "time_slots"
    value_type: Any = dict[str, list[TimeRange]]

    def read(self, point):
        return phone_hours.week_from_slots(point.time_slots.all())

    def write(self, point, value, errors):
        week = value or {}
        week_errors = phone_hours.week_errors(week)
        for day, messages in week_errors.items():
            for message in messages:
                errors.add(f"{self.path}.{day}", message)
        if not week_errors:
            point.set_phone_hours(week)


@dataclass(frozen=True)
class ReadOnly(Entry):
    """Given in responses, accepted and ignored in requests (so the JSON round-trips).
    Without `reader` the API fills it in (availability now, linked items)."""

    reader: Callable | None = field(default=None, compare=False)
    read_only = True

    def read(self, point):
        return self.reader(point) if self.reader else MISSING


# --- The document -------------------------------------------------------------------------

EXCEPTION_COLUMNS = (
    Column("starts_at", dt.datetime, to_json=_local_iso, from_json=_aware),
    Column("ends_at", dt.datetime, to_json=_local_iso, from_json=_aware),
    Column("channel", Channel, Channel.PHONE, from_json=lambda value: value or Channel.PHONE),
    Column("whole_days", StrictBool, False, from_json=bool),
    Column(
        "replacement_hours",
        list[TimeRange] | None,
        None,
        to_json=parse_replacement_hours,
        from_json=lambda slots: ", ".join("-".join(pair) for pair in slots or []),
    ),
    Column("message", StrictStr, from_json=_stripped),
)
CONTACT_PERSON_COLUMNS = tuple(
    Column(key, StrictStr, default, from_json=_stripped)
    for key, default in (("name", ...), ("role", ""), ("email", ""), ("phone", ""))
)

DOCUMENT: tuple[Entry, ...] = (
    ReadOnly("id", int, reader=lambda point: point.pk),
    ReadOnly(
        "status",
        PointStatus,
        "draft: een concept bewaren; published: publiceren als elke regel klopt (R22).",
        reader=lambda point: point.status,
    ),
    ReadOnly("has_unpublished_changes", bool, reader=lambda p: bool(p.has_unpublished_changes)),
    Text("editorial_title", description="R2"),
    PublicTitle("public_title", description="Leeg of gelijk aan de redactietitel = die (R2)."),
    Text("instructions", description="Kort, gebiedende wijs (R3)."),
    Text("content", description="R4"),
    Text("phone.number", description="Genormaliseerd (R5)."),
    Value("phone.transfer_allowed", bool, "Standaard true (R7)."),
    Value("phone.transfer_mode", TransferMode, "Standaard closed (R8).", "transfer_mode"),
    Value("phone.share_with_citizen", bool, "R9"),
    Text("email.address", description="R10"),
    Value("email.forward_allowed", bool, "Standaard true (R11)."),
    Value("email.delivery", EmailDelivery, "Standaard email (R12)."),
    Value("email.share_with_citizen", bool, "R13"),
    Reference("email.template", description="Code van de template, standaard 1700 (R14)."),
    Value("email.requires_national_number", bool, "Rijksregisternummer verplicht (R3)."),
    Week("phone_hours", description="Per weekdag de tijdsloten (R17)."),
    ReadOnly("phone_hours_summary", str, reader=lambda p: phone_hours.summary(p.time_slots.all())),
    Rows(
        "exceptions",
        description="Afwijkende bereikbaarheid (R16): die van nu en later; voorbije vallen weg.",
        columns=EXCEPTION_COLUMNS,
        keep=lambda exception: not exception.is_over,
    ),
    Value("handling_term.working_days", int, "Standaard 5 (R18).", "handling_working_days"),
    Text("handling_term.info", attribute="handling_info", description="R18"),
    Rows("contact_persons", description="R19", columns=CONTACT_PERSON_COLUMNS),
    Lines("search_terms", description="R19"),
    References("line_codes", description="Standaard ['1700'] (R20).", default=default_line_codes),
    References("reporting.editorial_domains", attribute="editorial_domains", lookup="name"),
    Reference("reporting.theme", lookup="name"),
    Reference("reporting.organisation", description="Afkorting (R21).", lookup="abbreviation"),
    Date("agreements.date", description="R22"),
    Text("agreements.with", description="R22"),
    ReadOnly("warnings", list[str], "Advies dat niet blokkeert (R2, R3, R10).", reader=warnings),
)

# What a list of an item's points shows (console, knowledge API).
SUMMARY = ("id", "editorial_title", "instructions", "phone", "email")


# --- Reading and writing --------------------------------------------------------------------


def _selected(entries: Iterable[Entry], only: Iterable[str] | None) -> list[Entry]:
    if only is None:
        return list(entries)
    prefixes = tuple(only)
    return [
        entry
        for entry in entries
        if any(entry.path == prefix or entry.path.startswith(f"{prefix}.") for prefix in prefixes)
    ]


def _put(data: dict, keys: tuple[str, ...], value) -> None:
    for key in keys[:-1]:
        data = data.setdefault(key, {})
    data[keys[-1]] = value


def _get(data: dict, keys: tuple[str, ...]):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return MISSING
        data = data[key]
    return data


def to_data(point: EscalationPoint, *, only: Iterable[str] | None = None) -> dict:
    """The point as JSON; `only` keeps the parts under the given paths ("phone", "id")."""
    data: dict = {}
    for entry in _selected(DOCUMENT, only):
        value = entry.read(point)
        if value is not MISSING:
            _put(data, entry.keys, value)
    return data


def apply_data(point: EscalationPoint, data: dict) -> None:
    """Write a whole or partial document onto the point, in memory.

    Keys left out keep the point's value, or the guideline's default on a new point.
    Read-only parts are ignored. Raises DocumentError with messages per JSON path.
    """
    errors = Errors()
    data = clean_data(data)
    for entry in DOCUMENT:
        if entry.read_only:
            continue
        value = _get(data, entry.keys)
        if value is not MISSING:
            entry.write(point, value, errors)
        elif point.pk is None and getattr(entry, "default", None):
            setattr(point, entry.attribute, entry.default())
    if errors:
        raise DocumentError(dict(errors))


def changed_entries(before: EscalationPoint, after: EscalationPoint) -> list[Entry]:
    """The editable parts whose value differs between two versions of a point."""
    return [
        entry
        for entry in DOCUMENT
        if not entry.read_only and entry.read(before) != entry.read(after)
    ]


UNKNOWN_PART = "Onbekend deel van een escalatiepunt."
READ_ONLY_PART = "Dit deel volgt uit de rest en kan niet gewijzigd worden."
NOT_A_GROUP = "Geef een object."


def parts_in(data: dict, *, prefix: str = "") -> list[str]:
    """The paths of the editable parts a partial document sets ("phone.number", "exceptions").

    Unlike `apply_data`, which ignores what it does not know, a key that is no part of the
    point, or a part that is read-only, raises DocumentError (paths start with `prefix`).
    """
    errors = Errors()
    paths: list[str] = []
    _collect_parts(data, (), paths, errors, prefix)
    if errors:
        raise DocumentError(dict(errors))
    return paths


def _collect_parts(data, keys: tuple[str, ...], paths: list, errors: Errors, prefix: str):
    for key, value in data.items():
        path = ".".join((*keys, str(key)))
        entry = next((entry for entry in DOCUMENT if entry.path == path), None)
        is_group = any(entry.path.startswith(f"{path}.") for entry in DOCUMENT)
        if entry is not None:
            if entry.read_only:
                errors.add(prefix + path, READ_ONLY_PART)
            else:
                paths.append(path)
        elif is_group and isinstance(value, dict):
            _collect_parts(value, (*keys, str(key)), paths, errors, prefix)
        else:
            errors.add(prefix + path, NOT_A_GROUP if is_group else UNKNOWN_PART)


def only_parts(data: dict, paths: Iterable[str]) -> dict:
    """The parts of a document under the given paths, in the document's shape."""
    kept: dict = {}
    for path in paths:
        value = _get(data, tuple(path.split(".")))
        if value is not MISSING:
            _put(kept, tuple(path.split(".")), value)
    return kept


def path_of(attribute: str) -> str:
    """The JSON path of a model field, so an error points at what the caller sent."""
    if attribute == NON_FIELD_ERRORS:
        return "point"
    return next((entry.path for entry in DOCUMENT if entry.attribute == attribute), attribute)


# --- Schemas ----------------------------------------------------------------------------------


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _field_name(key: str) -> str:
    return f"{key}_" if keyword.iskeyword(key) else key


def _schema_field(value_type, default, key: str, description: str = ""):
    alias = key if _field_name(key) != key else None
    return (value_type, SchemaField(default, alias=alias, description=description or None))


@functools.cache
def _row_schema(rows: Rows, *, for_input: bool):
    base = InputSchema if for_input else Schema
    fields = {
        _field_name(column.key): _schema_field(
            column.value_type, column.default if for_input else ..., column.key
        )
        for column in rows.columns
    }
    suffix = "In" if for_input else "Out"
    return create_model(f"{rows.schema_name}{suffix}", __base__=base, **fields)


@functools.cache
def _week_input_schema():
    days = {key: (list[TimeRange], []) for key in WEEKDAY_KEYS}
    return create_model("PhoneHoursIn", __base__=InputSchema, **days)


def _value_type(entry: Entry, *, for_input: bool):
    if isinstance(entry, Rows):
        return list[_row_schema(entry, for_input=for_input)] | (None if for_input else list)
    if isinstance(entry, Week) and for_input:
        return _week_input_schema() | None
    if entry.read_only:
        return entry.value_type | None if for_input else entry.value_type
    return entry.input_type() if for_input else entry.value_type


_built: dict[tuple, type] = {}


def _build(
    name: str,
    entries: list[tuple[tuple[str, ...], Entry]],
    *,
    for_input: bool,
    group_prefix: str = "",
):
    """A pydantic model for the entries whose remaining keys are given; groups nest and are
    named after their key (after `group_prefix`, for a document with other groups).
    A group built before with the same parts is reused, so the schema names it once."""
    signature = (name, for_input, tuple((keys, entry.path) for keys, entry in entries))
    if signature not in _built:
        _built[signature] = _create(name, entries, for_input=for_input, group_prefix=group_prefix)
    return _built[signature]


def _create(
    name: str,
    entries: list[tuple[tuple[str, ...], Entry]],
    *,
    for_input: bool,
    group_prefix: str = "",
):
    fields: dict[str, tuple] = {}
    groups: dict[str, list] = {}
    for keys, entry in entries:
        if len(keys) > 1:
            groups.setdefault(keys[0], []).append((keys[1:], entry))
            continue
        optional = for_input or getattr(entry, "optional", False)
        default = None if optional else ...
        if for_input and entry.path == "status":
            value_type, default = PointStatus, PointStatus.DRAFT
        else:
            value_type = _value_type(entry, for_input=for_input)
            if optional and not for_input:
                value_type = value_type | None
        fields[_field_name(keys[0])] = _schema_field(
            value_type, default, keys[0], entry.description
        )
    for key, members in groups.items():
        group = _build(
            group_prefix + key.title().replace("_", ""),
            members,
            for_input=for_input,
            group_prefix=group_prefix,
        )
        if for_input:
            fields[_field_name(key)] = _schema_field(group | None, None, key)
        else:
            fields[_field_name(key)] = _schema_field(group, ..., key)
    suffix = "In" if for_input else "Out"
    base = InputSchema if for_input else Schema
    return create_model(f"{name}{suffix}", __base__=base, **fields)


@dataclass(frozen=True)
class Extra(ReadOnly):
    """A part the API adds to a response (availability now, linked items): optional."""

    optional = True


def input_schema(name: str = "Point", extras: Iterable[Entry] = ()):
    """The request body: every part optional; read-only parts accepted and ignored."""
    entries = [*DOCUMENT, *extras]
    return _build(name, [(entry.keys, entry) for entry in entries], for_input=True)


def output_schema(name: str = "Point", extras: Iterable[Entry] = (), only=None):
    """The response body; `extras` are parts the API adds, `only` as in `to_data`."""
    entries = [*_selected(DOCUMENT, only), *extras]
    return _build(name, [(entry.keys, entry) for entry in entries], for_input=False)


def changes_schema(name: str = "PointChanges"):
    """A part of the point to change (R25): the editable parts only, every one optional;
    its groups are named with `name` first, apart from the point's own."""
    entries = [entry for entry in DOCUMENT if not entry.read_only]
    return _build(
        name, [(entry.keys, entry) for entry in entries], for_input=True, group_prefix=name
    )
