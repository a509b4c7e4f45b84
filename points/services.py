"""Saving escalation points written as data (the JSON document of `points.document`).

The API, the demo data and imports use these functions, so a point written through any
of them passes the same rules (`points.rules`) and the same Wagtail revision/publish path
as one written in the admin.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction

from points import rules, schedules
from points.document import DocumentError, Errors, apply_data, path_of
from points.models import EscalationPoint, PointStatus

LOCKED = "Dit escalatiepunt is vergrendeld door een andere gebruiker. Probeer later opnieuw."
NO_PERMISSION_EDIT = "Je hebt geen rechten om escalatiepunten te bewaren."
NO_PERMISSION_PUBLISH = "Je hebt geen rechten om escalatiepunten te publiceren."


class PointPermissionError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleVersionError(Exception):
    """The caller edited another version than the latest one: nothing was saved."""

    def __init__(self, current: EscalationPoint):
        super().__init__(current.latest_revision_id)
        self.current = current


def version_of(point: EscalationPoint) -> str:
    """The version an editor continues from (an ETag): the id of the latest revision."""
    return str(point.latest_revision_id or 0)


def with_state_now(point: EscalationPoint, data: dict) -> dict:
    """Add to the point's JSON what an agent needs now: availability and the due date."""
    data["availability"] = schedules.availability_to_data(schedules.availability_at(point))
    data["handling_term"]["due_date"] = schedules.handling_due_date(point).isoformat()
    return data


def validate_point(point: EscalationPoint, *, publishing: bool) -> None:
    """All rules for a save (and for publishing); raises DocumentError with JSON paths."""
    errors = Errors()
    try:
        point.full_clean(exclude=["latest_revision", "live_revision", "locked_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                errors.add(path_of(field), message)
    if publishing:
        line_codes = point.line_codes.all()
        for field, messages in rules.publish_errors(point, line_codes=line_codes).items():
            for message in messages:
                errors.add(path_of(field), message)
    if errors:
        raise DocumentError(dict(errors))


def editable_copy(point: EscalationPoint) -> EscalationPoint:
    """The version an editor continues from: the latest draft if there is one."""
    if point.has_unpublished_changes and point.latest_revision_id:
        return point.get_latest_revision_as_object()
    return point


@transaction.atomic
def save_point(
    *,
    point: EscalationPoint,
    user,
    publish: bool,
    log_action: str | bool = "wagtail.edit",
    check_permissions: bool = True,
) -> EscalationPoint:
    """Validate and save through Wagtail's actions: a revision, and a publish if asked.

    `check_permissions=False` saves in the name of `user` without asking again whether they
    may (the background worker applying a change `user` planned, R25); `log_action` names
    the history entry of an edit (False: none, the caller logs its own)."""
    validate_point(point, publishing=publish)
    if point.pk:
        action = EditAction(point, user=user, publish=publish, clean=False, log_action=log_action)
    else:
        action = CreateAction(point, user=user, publish=publish, clean=False)
    try:
        action.execute(skip_permission_checks=user is None or not check_permissions)
    except PermissionDenied as error:
        if "locked" in str(error):
            raise PointPermissionError(LOCKED) from error
        raise PointPermissionError(
            NO_PERMISSION_PUBLISH if "publish" in str(error) else NO_PERMISSION_EDIT
        ) from error
    return EscalationPoint.objects.get(pk=action.instance.pk)


@transaction.atomic
def create_or_update_point(
    *, data: dict, user, point: EscalationPoint | None = None, expected_version: str = ""
):
    """Apply JSON data to a new or existing point and save it as a draft or published.

    An update locks the point's row first, so two concurrent writers take turns and the
    second applies its part on top of the first: no change is lost. With
    `expected_version` (an If-Match) a write on another version than the latest raises
    StaleVersionError and changes nothing.
    """
    publish = data.get("status", PointStatus.DRAFT) == PointStatus.PUBLISHED
    if point is None:
        target = EscalationPoint()
    else:
        point = EscalationPoint.objects.select_for_update().get(pk=point.pk)
        if expected_version not in ("", "*", version_of(point)):
            raise StaleVersionError(point)
        target = editable_copy(point)
    apply_data(target, data)
    return save_point(point=target, user=user, publish=publish)
