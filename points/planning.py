"""Planned changes of escalation points (R25): plan, edit, cancel, apply and undo.

A planned change is a part of the point's JSON (`points.document`) with the moment it takes
effect and, optionally, the moment it is undone. Several per point may be pending; Wagtail's
own scheduling allows one, so the queue is ours (`ScheduledChange`).

- Planning (and editing) applies the part onto a copy of the live point and checks every
  publishing rule: a change that would make the point invalid is refused, with Dutch messages
  per JSON path (`changes.phone.number`). The part is stored as the rules normalised it.
- `apply_due_changes` (a periodic job of every `db_worker`, `points.apps`) settles what is
  due, oldest moment first, one change per transaction: it locks the point's row, then reads
  the point's next due change under that lock, so two workers take turns and each change is
  settled exactly once, in order, also after downtime. Applying writes the part onto the live
  version and publishes it as a new revision by the planner; the history says which change it
  was. A change that no longer fits the point when due is not applied: it is marked failed
  with the reason, shown to the planner on the dashboard and in the point's history.
- Undoing writes back the values the parts had just before the change (`previous`), unless
  someone changed one of those parts after the change was applied: their later edit stays,
  and the undo is reported as failed instead of silently overwriting it.
- A draft that an editor is working on is never published by a planned change and never
  lost: the change is published on top of the live version, and the draft is saved again
  as the latest revision with the change's parts in it, except the parts the draft itself
  changed (the editor's pending edit wins there). An edit form that was open shows the
  "saved in the meantime" message on save (`PointEditView`).
"""

import copy
import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.log_actions import log

from calendar_engine import WEEKDAY_KEYS, WEEKDAY_NAMES
from core.moments import OUT_OF_RANGE, moment_in_range
from points.document import (
    DOCUMENT,
    DocumentError,
    Errors,
    apply_data,
    only_parts,
    parts_in,
    to_data,
)
from points.models import ChangeState, EscalationPoint, ScheduledChange
from points.services import save_point, validate_point

EFFECTIVE_AT_REQUIRED = "Kies wanneer de wijziging ingaat."
EFFECTIVE_AT_PAST = "Kies een moment in de toekomst: een geplande wijziging gaat later in."
REVERT_AT_NOT_AFTER = "Het terugdraaien moet later vallen dan het ingaan van de wijziging."
NOTHING_TO_CHANGE = "Kies minstens één deel van het escalatiepunt om te wijzigen."
NOT_PUBLISHED = (
    "Publiceer het escalatiepunt eerst: een geplande wijziging gaat uit van de gepubliceerde "
    "versie en wordt meteen gepubliceerd."
)
NOT_EDITABLE = (
    "Deze wijziging is {state}: ze kan niet meer gewijzigd of geannuleerd worden. Plan een "
    "nieuwe wijziging."
)
NOT_APPLIED = (
    "Niet toegepast: met deze wijziging voldoet het escalatiepunt niet meer aan de regels. "
    "{reasons}"
)
NOT_APPLIED_UNPUBLISHED = "Niet toegepast: het escalatiepunt is niet meer gepubliceerd."
NOT_REVERTED = "Niet teruggedraaid: {reasons}"
NOT_REVERTED_UNPUBLISHED = "Niet teruggedraaid: het escalatiepunt is niet meer gepubliceerd."
NOT_REVERTED_CHANGED_SINCE = (
    "Niet teruggedraaid: {parts} werd na de wijziging nog aangepast. Die latere aanpassing "
    "blijft staan; zet de vorige waarde zelf terug als dat nog nodig is."
)

APPLIED_LOG = "points.planned_change.applied"
REVERTED_LOG = "points.planned_change.reverted"
FAILED_LOG = "points.planned_change.failed"
DRAFT_LOG = "points.planned_change.draft"

# Labels of parts whose model field does not say it well enough on its own.
PART_LABELS = {
    "phone_hours": "telefonische bereikbaarheid",
    "exceptions": "afwijkende bereikbaarheid",
    "contact_persons": "contactpersonen",
    "handling_term.working_days": "behandeltermijn (werkdagen)",
    "handling_term.info": "info bij de behandeltermijn",
}


class ChangeNotEditable(Exception):
    def __init__(self, change: ScheduledChange):
        self.message = NOT_EDITABLE.format(state=change.get_state_display().lower())
        super().__init__(self.message)


# --- Describing -----------------------------------------------------------------------------


def part_label(path: str) -> str:
    """The Dutch name of a part of the point, as its form calls it."""
    if path in PART_LABELS:
        return PART_LABELS[path]
    entry = next((entry for entry in DOCUMENT if entry.path == path), None)
    if entry is None or not entry.attribute:
        return path
    return str(EscalationPoint._meta.get_field(entry.attribute).verbose_name)


def change_paths(change: ScheduledChange) -> list[str]:
    return parts_in(change.changes)


def change_labels(change: ScheduledChange) -> list[str]:
    return [part_label(path) for path in change_paths(change)]


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "(leeg)"
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, dict):  # phone hours: per weekday its slots
        days = [
            f"{WEEKDAY_NAMES[WEEKDAY_KEYS.index(day)][:2]} "
            + ", ".join("-".join(slot) for slot in slots)
            for day, slots in value.items()
            if slots and day in WEEKDAY_KEYS
        ]
        return "; ".join(days) or "geen uren"
    if isinstance(value, list):
        return "; ".join(
            str(item.get("message") or item.get("name") or item)
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return str(value)


def describe(values: dict) -> list[tuple[str, str]]:
    """(label, value) per part of a partial document, as an editor reads it."""
    return [(part_label(path), _shown(_value_at(values, path))) for path in parts_in(values)]


def _value_at(values: dict, path: str):
    for key in path.split("."):
        values = values[key]
    return values


# --- Checking ---------------------------------------------------------------------------------


def _prefixed(errors: dict[str, list[str]], prefix: str) -> dict[str, list[str]]:
    return {
        prefix if path == "point" else f"{prefix}.{path}": messages
        for path, messages in errors.items()
    }


def _aware(moment):
    if isinstance(moment, datetime) and timezone.is_naive(moment):
        try:
            return timezone.make_aware(moment)
        except (OverflowError, ValueError):
            return moment.replace(tzinfo=dt.UTC)  # out of range: refused as such
    return moment


def _in_range(moment: datetime) -> bool:
    try:
        return moment_in_range(moment)
    except OverflowError:  # the year 9999 in another zone
        return False


def _check_moments(errors: Errors, effective_at, revert_at, now: datetime) -> None:
    if effective_at is None:
        errors.add("effective_at", EFFECTIVE_AT_REQUIRED)
    elif not _in_range(effective_at):
        errors.add("effective_at", OUT_OF_RANGE)
    elif effective_at <= now:
        errors.add("effective_at", EFFECTIVE_AT_PAST)
    if revert_at is None:
        return
    if not _in_range(revert_at):
        errors.add("revert_at", OUT_OF_RANGE)
    elif effective_at is not None and revert_at <= effective_at:
        errors.add("revert_at", REVERT_AT_NOT_AFTER)


def checked_changes(point: EscalationPoint, changes, *, effective_at, revert_at, now) -> dict:
    """The part as the rules normalise it, if the moments are sound and the live point with
    the part passes every publishing rule; else DocumentError with messages per path."""
    errors = Errors()
    effective_at, revert_at = _aware(effective_at), _aware(revert_at)
    _check_moments(errors, effective_at, revert_at, now)
    paths: list[str] = []
    if not isinstance(changes, dict) or not changes:
        errors.add("changes", NOTHING_TO_CHANGE)
    else:
        try:
            paths = parts_in(changes, prefix="changes.")
        except DocumentError as error:
            errors.update(error.errors)
    if not point.live:
        errors.add("point", NOT_PUBLISHED)
    if errors:
        raise DocumentError(dict(errors))
    candidate = EscalationPoint.objects.get(pk=point.pk)
    try:
        apply_data(candidate, changes)
        validate_point(candidate, publishing=True)
    except DocumentError as error:
        raise DocumentError(_prefixed(error.errors, "changes")) from error
    return to_data(candidate, only=paths)


# --- Planning, editing, cancelling ------------------------------------------------------------


@transaction.atomic
def plan_change(
    *, point: EscalationPoint, user, effective_at, revert_at=None, changes, now=None
) -> ScheduledChange:
    effective_at, revert_at = _aware(effective_at), _aware(revert_at)
    point = EscalationPoint.objects.select_for_update().get(pk=point.pk)
    normalised = checked_changes(
        point,
        changes,
        effective_at=effective_at,
        revert_at=revert_at,
        now=now or timezone.now(),
    )
    return ScheduledChange.objects.create(
        point=point,
        changes=normalised,
        effective_at=effective_at,
        revert_at=revert_at,
        planned_by=user,
    )


def _locked_editable(change: ScheduledChange) -> ScheduledChange:
    """The change's point and then the change itself locked (the order the worker takes),
    if it has not taken effect yet."""
    EscalationPoint.objects.select_for_update().get(pk=change.point_id)
    change = ScheduledChange.objects.select_for_update().get(pk=change.pk)
    if not change.is_editable:
        raise ChangeNotEditable(change)
    return change


@transaction.atomic
def update_change(
    *, change: ScheduledChange, user, effective_at, revert_at=None, changes, now=None
) -> ScheduledChange:
    """Edit a change that has not taken effect yet; the editor becomes its planner."""
    effective_at, revert_at = _aware(effective_at), _aware(revert_at)
    change = _locked_editable(change)
    change.changes = checked_changes(
        change.point,
        changes,
        effective_at=effective_at,
        revert_at=revert_at,
        now=now or timezone.now(),
    )
    change.effective_at = effective_at
    change.revert_at = revert_at
    change.planned_by = user
    change.save()
    return change


@transaction.atomic
def cancel_change(*, change: ScheduledChange) -> ScheduledChange:
    change = _locked_editable(change)
    change.state = ChangeState.CANCELLED
    change.save(update_fields=["state", "updated_at"])
    return change


# --- Applying and undoing ---------------------------------------------------------------------


def apply_due_changes(now: datetime | None = None) -> int:
    """Settle every change whose moment has come, oldest first; returns how many. Safe to run
    in several processes at once (each change is settled by one) and to run again."""
    now = now or timezone.now()
    settled = 0
    while (point_id := _point_of_next_due_change(now)) is not None:
        settled += _settle_next_change_of(point_id, now)
    return settled


def _point_of_next_due_change(now: datetime) -> int | None:
    due = ScheduledChange.objects.due(now).with_moment().order_by("moment", "pk")
    return due.values_list("point_id", flat=True).first()


@transaction.atomic
def _settle_next_change_of(point_id: int, now: datetime) -> int:
    """Under the lock of the point's row, so that the changes of one point are settled one
    after the other and in order whichever worker gets there first."""
    point = EscalationPoint.objects.select_for_update().filter(pk=point_id).first()
    if point is None:
        return 0
    due = point.scheduled_changes.due(now).with_moment().order_by("moment", "pk")
    change = due.select_for_update().first()
    if change is None:  # settled by another worker in the meantime
        return 0
    if change.state == ChangeState.PLANNED:
        _apply(change, point, now)
    else:
        _revert(change, point, now)
    return 1


def _apply(change: ScheduledChange, point: EscalationPoint, now: datetime) -> None:
    if not point.live:
        _fail(change, point, NOT_APPLIED_UNPUBLISHED, now)
        return
    paths = change_paths(change)
    previous = to_data(point, only=paths)
    try:
        published, draft_kept = _publish_part(change, point, change.changes, now)
    except DocumentError as error:
        _fail(change, point, NOT_APPLIED.format(reasons=_reasons(error)), now)
        return
    change.state = ChangeState.APPLIED
    change.previous = previous
    change.applied_values = to_data(published, only=paths)
    change.applied_revision_id = published.live_revision_id
    change.applied_at = now
    change.save()
    _log(published, APPLIED_LOG, change, revision_id=published.live_revision_id)
    if draft_kept:
        _log(published, DRAFT_LOG, change, revision_id=published.latest_revision_id)


def _revert(change: ScheduledChange, point: EscalationPoint, now: datetime) -> None:
    if not point.live:
        _fail(change, point, NOT_REVERTED_UNPUBLISHED, now)
        return
    paths = parts_in(change.previous)
    current = _without_ended_exceptions(to_data(point, only=paths), now)
    applied = _without_ended_exceptions(change.applied_values, now)
    changed_since = [
        path for path in paths if only_parts(current, [path]) != only_parts(applied, [path])
    ]
    if changed_since:
        parts = ", ".join(part_label(path) for path in changed_since)
        _fail(change, point, NOT_REVERTED_CHANGED_SINCE.format(parts=parts), now)
        return
    try:
        published, draft_kept = _publish_part(change, point, change.previous, now)
    except DocumentError as error:
        _fail(change, point, NOT_REVERTED.format(reasons=_reasons(error)), now)
        return
    change.state = ChangeState.REVERTED
    change.reverted_revision_id = published.live_revision_id
    change.reverted_at = now
    change.save()
    _log(published, REVERTED_LOG, change, revision_id=published.live_revision_id)
    if draft_kept:
        _log(published, DRAFT_LOG, change, revision_id=published.latest_revision_id)


def _publish_part(change, point: EscalationPoint, part: dict, now: datetime):
    """Publish the part on top of the live version by the planner; carry it into a pending
    draft. Returns the published point and whether a draft was kept as the latest version."""
    draft_revision = _pending_draft_revision(point)
    before = to_data(point, only=parts_in(part))
    part = _without_ended_exceptions(part, now)
    live = EscalationPoint.objects.get(pk=point.pk)
    apply_data(live, part)
    published = save_point(
        point=live, user=change.planned_by, publish=True, log_action=False, check_permissions=False
    )
    if draft_revision is None:
        return published, False
    _save_draft_with_part(draft_revision, before, part, change.planned_by)
    return EscalationPoint.objects.get(pk=point.pk), True


def _pending_draft_revision(point: EscalationPoint):
    if point.has_unpublished_changes and point.latest_revision_id != point.live_revision_id:
        return point.latest_revision
    return None


def _save_draft_with_part(draft_revision, before: dict, part: dict, user) -> None:
    """The draft is saved again as the latest revision, with the part in it except where the
    draft itself already changed that part (the editor's pending edit wins)."""
    draft = draft_revision.as_object()
    untouched = [
        path
        for path in parts_in(part)
        if only_parts(to_data(draft, only=[path]), [path]) == only_parts(before, [path])
    ]
    carried = only_parts(part, untouched)
    try:
        apply_data(draft, carried)
        save_point(point=draft, user=user, publish=False, log_action=False, check_permissions=False)
    except DocumentError:
        # The draft cannot take the part: it stays the latest version as the editor left it.
        draft_revision.as_object().save_revision(user=user, clean=False, log_action=False)


def _without_ended_exceptions(part: dict, now: datetime) -> dict:
    """Exceptions whose period is over are gone by themselves (R16); writing them back would
    be refused."""
    if "exceptions" not in part:
        return part
    part = copy.deepcopy(part)
    part["exceptions"] = [
        row for row in part["exceptions"] or [] if _moment(row.get("ends_at")) > now
    ]
    return part


def _moment(text) -> datetime:
    moment = parse_datetime(text) if isinstance(text, str) else text
    if moment is None:
        return datetime.max.replace(tzinfo=timezone.get_current_timezone())
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _reasons(error: DocumentError) -> str:
    known = {entry.path for entry in DOCUMENT}
    return " ".join(
        f"{part_label(path).capitalize() if path in known else 'Escalatiepunt'}: "
        f"{' '.join(messages)}"
        for path, messages in error.errors.items()
    )


def _fail(change: ScheduledChange, point: EscalationPoint, reason: str, now: datetime) -> None:
    change.state = ChangeState.FAILED
    change.failure = reason
    change.failed_at = now
    change.save(update_fields=["state", "failure", "failed_at", "updated_at"])
    _log(point, FAILED_LOG, change, reason=reason)


def _log(point: EscalationPoint, action: str, change: ScheduledChange, **data) -> None:
    revision_id = data.pop("revision_id", None)
    log(
        instance=point,
        action=action,
        user=change.planned_by,
        revision=point.revisions.filter(pk=revision_id).first() if revision_id else None,
        data={"change": change.pk, "parts": change_labels(change), **data},
    )
