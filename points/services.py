"""Reading and writing escalation points as data (the JSON shape of the API contract).

The API, the demo data and imports use these functions, so a point written through any
of them passes the same rules (`points.rules`) and the same Wagtail revision/publish path
as one written in the admin.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction

from knowledge.models import Organisation
from points import availability, phone_hours, rules
from points.models import (
    AvailabilityException,
    ContactPerson,
    EditorialDomain,
    EmailTemplate,
    EscalationPoint,
    LineCode,
    ReportingTheme,
    TimeSlot,
)

# Model field -> where it lives in the JSON shape, so errors point at what the caller sent.
FIELD_PATHS = {
    "phone_number": "phone.number",
    "phone_transfer_allowed": "phone.transfer_allowed",
    "transfer_mode": "phone.transfer_mode",
    "phone_share_with_citizen": "phone.share_with_citizen",
    "email_address": "email.address",
    "email_forward_allowed": "email.forward_allowed",
    "email_delivery": "email.delivery",
    "email_share_with_citizen": "email.share_with_citizen",
    "email_template": "email.template",
    "handling_working_days": "handling_term.working_days",
    "handling_info": "handling_term.info",
    "agreements_date": "agreements.date",
    "agreements_with": "agreements.with",
    "editorial_domains": "reporting.editorial_domains",
    "reporting_theme": "reporting.theme",
    "reporting_organisation": "reporting.organisation",
    NON_FIELD_ERRORS: "point",
}

NOT_FOUND = "Onbekende {what} '{value}'."
LOCKED = "Dit escalatiepunt is vergrendeld door een andere gebruiker. Probeer later opnieuw."
NO_PERMISSION_EDIT = "Je hebt geen rechten om escalatiepunten te bewaren."
NO_PERMISSION_PUBLISH = "Je hebt geen rechten om escalatiepunten te publiceren."


class PointDataError(Exception):
    """Bad input: a Dutch message per field (JSON paths). Nothing was saved."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class PointPermissionError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Point -> data ----------------------------------------------------------------------


def point_status(point: EscalationPoint) -> str:
    return "published" if point.live else "draft"


def point_to_data(point: EscalationPoint, *, with_state_now: bool = False) -> dict:
    """The point as JSON; `with_state_now` adds availability now and the due date (detail)."""
    data = _point_fields(point)
    if with_state_now:
        data["availability"] = availability.availability_to_data(
            availability.availability_at(point)
        )
        data["handling_term"]["due_date"] = availability.handling_due_date(point).isoformat()
        from knowledge.services import items_linking

        data["linked_items"] = [
            {key: item[key] for key in ("kind", "id", "title")} for item in items_linking(point)
        ]
    return data


def point_summary(point: EscalationPoint) -> dict:
    """What a list of an item's points needs; no related rows beyond the e-mail template."""
    fields = _routes(point)
    return {
        "id": point.pk,
        "editorial_title": point.editorial_title,
        "instructions": point.instructions,
        **fields,
    }


def _routes(point: EscalationPoint) -> dict:
    # The editor's choices as stored, so the JSON round-trips; without a number or an
    # address the route is not offered at all (R6): see `availability`.
    return {
        "phone": {
            "number": point.phone_number,
            "transfer_allowed": point.phone_transfer_allowed,
            "transfer_mode": point.transfer_mode,
            "share_with_citizen": point.phone_share_with_citizen,
        },
        "email": {
            "address": point.email_address,
            "forward_allowed": point.email_forward_allowed,
            "delivery": point.email_delivery,
            "share_with_citizen": point.email_share_with_citizen,
            "template": point.email_template.code if point.email_template_id else None,
        },
    }


def _point_fields(point: EscalationPoint) -> dict:
    tz = timezone.get_current_timezone()
    return {
        "id": point.pk,
        "status": point_status(point),
        "has_unpublished_changes": bool(point.has_unpublished_changes),
        "editorial_title": point.editorial_title,
        "public_title": point.public_title,
        "instructions": point.instructions,
        "content": point.content,
        **_routes(point),
        "phone_hours": phone_hours.week_from_slots(point.time_slots.all()),
        "phone_hours_summary": availability.hours_summary(point),
        "exceptions": [
            {
                "starts_at": exception.starts_at.astimezone(tz).isoformat(),
                "ends_at": exception.ends_at.astimezone(tz).isoformat(),
                "channel": exception.channel,
                "whole_days": exception.whole_days,
                "replacement_hours": exception.replacement_slots,
                "message": exception.message,
            }
            for exception in point.exceptions.all()
        ],
        "handling_term": {
            "working_days": point.handling_working_days,
            "info": point.handling_info,
        },
        "contact_persons": [
            {"name": person.name, "role": person.role, "email": person.email, "phone": person.phone}
            for person in point.contact_persons.all()
        ],
        "search_terms": point.search_term_list,
        "line_codes": [code.code for code in point.line_codes.all()],
        "reporting": {
            "editorial_domains": [domain.name for domain in point.editorial_domains.all()],
            "theme": point.reporting_theme.name if point.reporting_theme_id else None,
            "organisation": (
                point.reporting_organisation.abbreviation
                if point.reporting_organisation_id
                else None
            ),
        },
        "agreements": {
            "date": point.agreements_date.isoformat() if point.agreements_date else None,
            "with": point.agreements_with,
        },
        "warnings": rules.warnings(point),
    }


# --- Data -> point ----------------------------------------------------------------------


class _Errors(dict):
    def add(self, path: str, message: str) -> None:
        self.setdefault(path, []).append(message)


def _lookup(model, field: str, value, what: str, errors: _Errors, path: str):
    if value in (None, ""):
        return None
    found = model.objects.filter(**{f"{field}__iexact": value}).first()
    if found is None:
        errors.add(path, NOT_FOUND.format(what=what, value=value))
    return found


def _apply_phone_hours(point, hours: dict, errors: _Errors) -> None:
    for day, messages in phone_hours.week_errors(hours).items():
        for message in messages:
            errors.add(f"phone_hours.{day}", message)
    if not errors:
        point.time_slots = [
            TimeSlot(weekday=weekday, start=start, end=end)
            for weekday, start, end in phone_hours.slot_values(hours)
        ]


def _apply_exceptions(point, items: list[dict], errors: _Errors) -> None:
    exceptions = []
    for index, item in enumerate(items):
        replacement = item.get("replacement_hours") or []
        exception = AvailabilityException(
            starts_at=item["starts_at"],
            ends_at=item["ends_at"],
            channel=item.get("channel") or "phone",
            whole_days=bool(item.get("whole_days")),
            replacement_hours=", ".join("-".join(pair) for pair in replacement),
            message=(item.get("message") or "").strip(),
        )
        try:
            exception.full_clean(exclude=["point", "sort_order"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    errors.add(f"exceptions.{index}.{field}", message)
        exceptions.append(exception)
    point.exceptions = exceptions


def _apply_contact_persons(point, items: list[dict], errors: _Errors) -> None:
    persons = []
    for index, item in enumerate(items):
        person = ContactPerson(
            name=(item.get("name") or "").strip(),
            role=(item.get("role") or "").strip(),
            email=(item.get("email") or "").strip(),
            phone=(item.get("phone") or "").strip(),
        )
        try:
            person.full_clean(exclude=["point", "sort_order"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    errors.add(f"contact_persons.{index}.{field}", message)
        persons.append(person)
    point.contact_persons = persons


_SIMPLE_FIELDS = {
    ("editorial_title",): "editorial_title",
    ("public_title",): "public_title",
    ("instructions",): "instructions",
    ("content",): "content",
    ("phone", "number"): "phone_number",
    ("phone", "transfer_allowed"): "phone_transfer_allowed",
    ("phone", "transfer_mode"): "transfer_mode",
    ("phone", "share_with_citizen"): "phone_share_with_citizen",
    ("email", "address"): "email_address",
    ("email", "forward_allowed"): "email_forward_allowed",
    ("email", "delivery"): "email_delivery",
    ("email", "share_with_citizen"): "email_share_with_citizen",
    ("handling_term", "working_days"): "handling_working_days",
    ("handling_term", "info"): "handling_info",
    ("agreements", "date"): "agreements_date",
    ("agreements", "with"): "agreements_with",
}

_CHOICE_FIELDS = {"transfer_mode", "email_delivery"}
_MISSING = object()


def _get(data: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return _MISSING
        data = data[key]
    return data


def apply_point_data(point: EscalationPoint, data: dict) -> list[LineCode] | None:
    """Copy the given (possibly partial) JSON data onto the point, in memory.

    Keys left out keep the point's current value, or the guideline's default on a new
    point. Returns the line codes to give the point. Raises PointDataError.
    """
    errors = _Errors()
    for path, field in _SIMPLE_FIELDS.items():
        value = _get(data, path)
        if value is _MISSING:
            continue
        if value is None:
            # null clears a text or date; a choice or a yes/no keeps its value.
            if field == "agreements_date":
                point.agreements_date = None
            elif isinstance(getattr(point, field), str) and field not in _CHOICE_FIELDS:
                setattr(point, field, "")
        else:
            setattr(point, field, value.strip() if isinstance(value, str) else value)

    template = _get(data, ("email", "template"))
    if template is not _MISSING:
        point.email_template = _lookup(
            EmailTemplate, "code", template, "e-mailtemplate", errors, "email.template"
        )
    theme = _get(data, ("reporting", "theme"))
    if theme is not _MISSING:
        point.reporting_theme = _lookup(
            ReportingTheme, "name", theme, "rapporteringsthema", errors, "reporting.theme"
        )
    organisation = _get(data, ("reporting", "organisation"))
    if organisation is not _MISSING:
        point.reporting_organisation = _lookup(
            Organisation,
            "abbreviation",
            organisation,
            "organisatie",
            errors,
            "reporting.organisation",
        )
    domains = _get(data, ("reporting", "editorial_domains"))
    if domains is not _MISSING:
        point.editorial_domains = [
            found
            for name in domains or []
            if (
                found := _lookup(
                    EditorialDomain,
                    "name",
                    name,
                    "redactioneel domein",
                    errors,
                    "reporting.editorial_domains",
                )
            )
        ]
    line_codes = None
    codes = _get(data, ("line_codes",))
    if codes is not _MISSING:
        line_codes = [
            found
            for code in codes or []
            if (found := _lookup(LineCode, "code", code, "lijncode", errors, "line_codes"))
        ]
    elif point.pk is None:
        line_codes = rules.default_line_codes()
    if line_codes is not None:
        point.line_codes = line_codes

    search_terms = _get(data, ("search_terms",))
    if search_terms is not _MISSING:
        point.search_terms = "\n".join(term.strip() for term in search_terms or [] if term.strip())
    hours = _get(data, ("phone_hours",))
    if hours is not _MISSING:
        _apply_phone_hours(point, hours or {}, errors)
    exceptions = _get(data, ("exceptions",))
    if exceptions is not _MISSING:
        _apply_exceptions(point, exceptions or [], errors)
    persons = _get(data, ("contact_persons",))
    if persons is not _MISSING:
        _apply_contact_persons(point, persons or [], errors)

    if errors:
        raise PointDataError(dict(errors))
    return list(point.line_codes.all())


def validate_point(point: EscalationPoint, *, publishing: bool) -> None:
    """All rules for a save (and for publishing); raises PointDataError with JSON paths."""
    errors = _Errors()
    try:
        point.full_clean(exclude=["latest_revision", "live_revision", "locked_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                errors.add(FIELD_PATHS.get(field, field), message)
    if publishing:
        line_codes = point.line_codes.all()
        for field, messages in rules.publish_errors(point, line_codes=line_codes).items():
            for message in messages:
                errors.add(FIELD_PATHS.get(field, field), message)
    if errors:
        raise PointDataError(dict(errors))


def editable_copy(point: EscalationPoint) -> EscalationPoint:
    """The version an editor continues from: the latest draft if there is one."""
    if point.has_unpublished_changes and point.latest_revision_id:
        return point.get_latest_revision_as_object()
    return point


@transaction.atomic
def save_point(*, point: EscalationPoint, user, publish: bool) -> EscalationPoint:
    """Validate and save through Wagtail's actions: a revision, and a publish if asked."""
    validate_point(point, publishing=publish)
    action_class = EditAction if point.pk else CreateAction
    action = action_class(point, user=user, publish=publish, clean=False)
    try:
        action.execute(skip_permission_checks=user is None)
    except PermissionDenied as error:
        if "locked" in str(error):
            raise PointPermissionError(LOCKED) from error
        raise PointPermissionError(
            NO_PERMISSION_PUBLISH if "publish" in str(error) else NO_PERMISSION_EDIT
        ) from error
    return EscalationPoint.objects.get(pk=action.instance.pk)


def create_or_update_point(*, data: dict, user, point: EscalationPoint | None = None):
    """Apply JSON data to a new or existing point and save it as a draft or published."""
    publish = data.get("status", "draft") == "published"
    target = editable_copy(point) if point is not None else EscalationPoint()
    apply_point_data(target, data)
    return save_point(point=target, user=user, publish=publish)
