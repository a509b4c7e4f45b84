from typing import Literal

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from api.schemas import (
    AvailabilityOut,
    ErrorOut,
    HandlingTermAtOut,
    PointIn,
    PointOut,
    StaleOut,
)
from core.ids import is_row_id
from core.moments import parse_day, parse_moment
from core.permissions import has_permission
from knowledge.search import search_points
from knowledge.services import items_linking
from points.document import DocumentError, to_data
from points.models import EscalationPoint, PointStatus
from points.schedules import (
    availability_at,
    availability_to_data,
    handling_due_date,
    published_availability,
)
from points.services import (
    PointPermissionError,
    StaleVersionError,
    create_or_update_point,
    editable_copy,
    version_of,
    with_state_now,
)
from reference.models import LineCode

router = Router(tags=["escalatiepunten"])

NO_VIEW = "Je hebt geen rechten om escalatiepunten te bekijken."
NO_ADD = "Je hebt geen rechten om escalatiepunten aan te maken."
NO_CHANGE = "Je hebt geen rechten om escalatiepunten te wijzigen."


def require(request, permission: str, message: str) -> None:
    """One query instead of Django's two (user and group permissions): this runs on every
    call a phone system makes while the caller waits."""
    if not has_permission(request.user, f"points.{permission}_escalationpoint"):
        raise HttpError(403, message)


def with_relations(queryset):
    return queryset.select_related(
        "email_template", "reporting_theme", "reporting_organisation"
    ).prefetch_related(
        "line_codes",
        "editorial_domains",
        Prefetch("time_slots"),
        "exceptions",
        "contact_persons",
    )


class ListFilters(Schema):
    q: str = ""
    line: str = ""
    organisation: str = ""
    limit: int = 50
    offset: int = 0


# What the point's JSON reads beyond what the search selects and prefetches.
LIST_RELATIONS = ("reporting_theme", "line_codes", "editorial_domains", "contact_persons")


@router.get("", response=list[PointOut], by_alias=True, summary="Gepubliceerde escalatiepunten")
def list_points(request, filters: Query[ListFilters]):
    """The agents' search (`knowledge.search`), best first, the caller's own lines first
    (R20); without `q`, by title."""
    require(request, "view", NO_VIEW)
    own_lines = LineCode.objects.of_agent(request.user).values_list("code", flat=True)
    points = search_points(
        filters.q,
        lines_first=tuple(own_lines),
        line=filters.line,
        organisation=filters.organisation,
        limit=filters.limit,
        offset=filters.offset,
    )
    prefetch_related_objects(points, *LIST_RELATIONS)
    return [to_data(point) for point in points]


def may_edit(request) -> bool:
    return request.user.has_perm("points.change_escalationpoint")


def get_visible(request, queryset, point_id: int) -> EscalationPoint:
    """Agents see published points only (R22); editors also the points still in draft.
    The permission is looked up only for a point that is not published."""
    require_row_id(point_id)
    point = queryset.published().filter(pk=point_id).first()
    if point is None and may_edit(request):
        point = queryset.filter(pk=point_id).first()
    if point is None:
        raise Http404
    return point


def require_row_id(point_id: int) -> None:
    if not is_row_id(point_id):
        raise Http404


def draft_data(point: EscalationPoint) -> dict:
    """The latest version an editor saved, which may not be published yet."""
    return to_data(editable_copy(point))


def detail_data(point: EscalationPoint) -> dict:
    """The point as agents see it now: availability, due date and linked items (R23)."""
    data = with_state_now(point, to_data(point))
    data["linked_items"] = [
        {key: item[key] for key in ("kind", "id", "title")} for item in items_linking(point)
    ]
    return data


@router.get("/{int:point_id}", response={200: PointOut, 404: ErrorOut}, by_alias=True)
def get_point(
    request,
    response: HttpResponse,
    point_id: int,
    version: Literal["published", "draft"] = "published",
):
    """`version=draft` (editors) gives the latest saved draft instead of what agents see.
    The `ETag` names the latest saved version; send it as `If-Match` with a PUT."""
    require(request, "view", NO_VIEW)
    if version == "draft":
        if not may_edit(request):
            raise HttpError(403, NO_CHANGE)
        require_row_id(point_id)
        point = get_object_or_404(with_relations(EscalationPoint.objects), pk=point_id)
        data = draft_data(point)
    else:
        point = get_visible(request, with_relations(EscalationPoint.objects.all()), point_id)
        data = detail_data(point)
    response["ETag"] = f'"{version_of(point)}"'
    return data


def _moment(text: str | None):
    try:
        return parse_moment(text) if text else timezone.now()
    except ValueError as error:
        raise HttpError(400, str(error)) from error


@router.get(
    "/{int:point_id}/availability",
    response={200: AvailabilityOut, 400: ErrorOut, 404: ErrorOut},
    summary="Kan er op dat moment doorgeschakeld worden? (R17)",
)
def get_availability(request, point_id: int, at: str | None = None):
    """`at` is ISO 8601; without a zone it is Brussels time; left out, it is now."""
    require(request, "view", NO_VIEW)
    require_row_id(point_id)
    moment = _moment(at)
    found = published_availability(point_id, moment)
    if found is None and may_edit(request):
        draft = EscalationPoint.objects.filter(pk=point_id).prefetch_related(
            "time_slots", "exceptions"
        )
        found = availability_at(draft.first(), moment) if draft.exists() else None
    if found is None:
        raise Http404
    return availability_to_data(found)


@router.get(
    "/{int:point_id}/handling-term",
    response={200: HandlingTermAtOut, 400: ErrorOut, 404: ErrorOut},
    summary="Vervaldag van de behandeltermijn (R18)",
)
def get_handling_term(request, point_id: int, start: str | None = Query(None, alias="from")):
    require(request, "view", NO_VIEW)
    try:
        start_date = parse_day(start) if start else timezone.localdate()
    except ValueError as error:
        raise HttpError(400, str(error)) from error
    point = get_visible(request, EscalationPoint.objects.all(), point_id)
    return {
        "working_days": point.handling_working_days,
        "due_date": handling_due_date(point, start_date),
        "info": point.handling_info,
    }


STALE = (
    "Dit escalatiepunt is intussen door iemand anders bewaard. Je wijzigingen zijn niet "
    "bewaard: hieronder staat de huidige versie. Pas die aan en stuur ze opnieuw."
)


def _save(request, response, payload: PointIn, point: EscalationPoint | None):
    data = payload.model_dump(by_alias=True, exclude_unset=True)
    expected = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    try:
        saved = create_or_update_point(
            data=data, user=request.user, point=point, expected_version=expected
        )
    except StaleVersionError as error:
        current = with_relations(EscalationPoint.objects.all()).get(pk=error.current.pk)
        response["ETag"] = f'"{version_of(current)}"'
        return Status(412, {"detail": STALE, "current": draft_data(current)})
    except DocumentError as error:
        return Status(400, {"detail": "Het escalatiepunt is niet bewaard.", "errors": error.errors})
    except PointPermissionError as error:
        raise HttpError(403, error.message) from error
    point = with_relations(EscalationPoint.objects.all()).get(pk=saved.pk)
    response["ETag"] = f'"{version_of(point)}"'
    if payload.status == PointStatus.DRAFT:
        return draft_data(point)
    return detail_data(point)


@router.post(
    "",
    response={201: PointOut, 400: ErrorOut, 403: ErrorOut},
    by_alias=True,
    summary="Escalatiepunt aanmaken (redacteurs)",
)
def create_point(request, response: HttpResponse, payload: PointIn):
    require(request, "add", NO_ADD)
    result = _save(request, response, payload, None)
    return result if isinstance(result, Status) else Status(201, result)


@router.put(
    "/{int:point_id}",
    response={200: PointOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 412: StaleOut},
    by_alias=True,
    summary="Escalatiepunt wijzigen (redacteurs)",
)
def update_point(request, response: HttpResponse, point_id: int, payload: PointIn):
    """Send the detail's `ETag` back as `If-Match`: if someone saved the point in between,
    the answer is 412 with the current version, and nothing is saved."""
    require(request, "change", NO_CHANGE)
    require_row_id(point_id)
    point = get_object_or_404(EscalationPoint, pk=point_id)
    return _save(request, response, payload, point)
