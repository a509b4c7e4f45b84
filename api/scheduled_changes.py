"""Planned changes of a point (R25) in API v1: editors list, plan, edit and cancel them.

Agents do not see plans: they see a change once it has taken effect. Writes need the rights
to change and to publish a point, because a planned change is published at its moment.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from api.points import require, require_row_id
from api.schemas import ErrorOut
from points import planning
from points.document import DocumentError, changes_schema
from points.models import ChangeState, EscalationPoint, ScheduledChange

router = Router(tags=["geplande wijzigingen"])

NO_VIEW = "Je hebt geen rechten om geplande wijzigingen te bekijken."
NO_PLAN = (
    "Je hebt geen rechten om wijzigingen te plannen: je moet escalatiepunten mogen publiceren."
)
NOT_PLANNED = "De wijziging is niet gepland."
NOT_SAVED = "De wijziging is niet bewaard."

PointChangesIn = changes_schema()


class ScheduledChangeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    effective_at: dt.datetime
    revert_at: dt.datetime | None = None
    changes: PointChangesIn


class ScheduledChangeOut(Schema):
    id: int
    point: int
    effective_at: dt.datetime
    revert_at: dt.datetime | None
    changes: dict
    parts: list[str]
    state: ChangeState
    state_label: str
    planned_by: str | None
    applied_at: dt.datetime | None
    reverted_at: dt.datetime | None
    failure: str


def change_data(change: ScheduledChange) -> dict:
    return {
        "id": change.pk,
        "point": change.point_id,
        "effective_at": change.effective_at,
        "revert_at": change.revert_at,
        "changes": change.changes,
        "parts": planning.change_labels(change),
        "state": change.state,
        "state_label": change.get_state_display(),
        "planned_by": change.planned_by.get_username() if change.planned_by else None,
        "applied_at": change.applied_at,
        "reverted_at": change.reverted_at,
        "failure": change.failure,
    }


def require_planner(request) -> None:
    require(request, "change", NO_PLAN)
    require(request, "publish", NO_PLAN)


def point_or_404(point_id: int) -> EscalationPoint:
    require_row_id(point_id)
    return get_object_or_404(EscalationPoint, pk=point_id)


def change_or_404(point_id: int, change_id: int) -> ScheduledChange:
    require_row_id(point_id)
    require_row_id(change_id)
    return get_object_or_404(ScheduledChange, pk=change_id, point_id=point_id)


def _plan_arguments(payload: ScheduledChangeIn) -> dict:
    return {
        "effective_at": payload.effective_at,
        "revert_at": payload.revert_at,
        "changes": payload.changes.model_dump(by_alias=True, exclude_unset=True),
    }


@router.get(
    "/{int:point_id}/scheduled-changes",
    response={200: list[ScheduledChangeOut], 404: ErrorOut},
    summary="Geplande wijzigingen van een escalatiepunt (R25)",
)
def list_changes(request, point_id: int):
    """Every change of the point, pending and past, by the moment it takes effect."""
    require(request, "change", NO_VIEW)
    point = point_or_404(point_id)
    return [change_data(change) for change in point.scheduled_changes.select_related("planned_by")]


@router.post(
    "/{int:point_id}/scheduled-changes",
    response={201: ScheduledChangeOut, 400: ErrorOut, 404: ErrorOut},
    summary="Een wijziging plannen (R25)",
)
def create_change(request, point_id: int, payload: ScheduledChangeIn):
    """`changes` is a part of the point's JSON; what it leaves out stays as it is then.
    Refused with messages per path (`changes.phone.number`) when the published point with
    the change would break a rule, or when a moment is not in the future."""
    require_planner(request)
    point = point_or_404(point_id)
    try:
        change = planning.plan_change(point=point, user=request.user, **_plan_arguments(payload))
    except DocumentError as error:
        return Status(400, {"detail": NOT_PLANNED, "errors": error.errors})
    return Status(201, change_data(change))


@router.put(
    "/{int:point_id}/scheduled-changes/{int:change_id}",
    response={200: ScheduledChangeOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Een geplande wijziging aanpassen (R25)",
)
def update_change(request, point_id: int, change_id: int, payload: ScheduledChangeIn):
    """The whole change again; 409 once it has taken effect (or was cancelled)."""
    require_planner(request)
    change = change_or_404(point_id, change_id)
    try:
        change = planning.update_change(
            change=change, user=request.user, **_plan_arguments(payload)
        )
    except DocumentError as error:
        return Status(400, {"detail": NOT_SAVED, "errors": error.errors})
    except planning.ChangeNotEditable as error:
        raise HttpError(409, error.message) from error
    return change_data(change)


@router.delete(
    "/{int:point_id}/scheduled-changes/{int:change_id}",
    response={204: None, 404: ErrorOut, 409: ErrorOut},
    summary="Een geplande wijziging annuleren (R25)",
)
def cancel_change(request, point_id: int, change_id: int):
    """The change is kept, as cancelled, and never takes effect; 409 once it has."""
    require_planner(request)
    change = change_or_404(point_id, change_id)
    try:
        planning.cancel_change(change=change)
    except planning.ChangeNotEditable as error:
        raise HttpError(409, error.message) from error
    return Status(204, None)
