"""`POST /api/v1/escalations` and `GET /api/v1/escalations/{id}` (R8, R11, R12, R14, R18,
R26): the same checks, records and Dutch messages as the console's forms, through
`escalations.services`.

Errors: 400 with a message per field (JSON path, e.g. `citizen.national_number`), also for
a point that does not exist or is not published (`point`): the point is part of the body, as
the services treat it. 401 without login or token, 403 without the right to escalate, 404
for an escalation the caller may not see (its existence is not revealed).
"""

import datetime as dt
from typing import Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, StrictInt

from api.schemas import ErrorOut
from core.ids import is_row_id
from core.permissions import has_permission
from core.text import clean_text
from escalations.models import (
    DeliveryState,
    Escalation,
    EscalationState,
    MessageKind,
    MessageRoute,
)
from escalations.services import (
    ADD_ESCALATION,
    Citizen,
    EscalationRefused,
    EscalationRequest,
    MayNotEscalate,
    escalate,
)

router = Router(tags=["escalaties"])

VIEW_ESCALATION = "escalations.view_escalation"
NO_ADD = "Je hebt geen rechten om te escaleren."
NO_VIEW = "Je hebt geen rechten om escalaties te bekijken."
NOT_RECORDED = "De escalatie is niet geregistreerd."
KEY_REQUIRED = (
    "Geef een idempotentiesleutel mee (bijv. een UUID): met dezelfde sleutel geeft een "
    "herhaalde aanvraag dezelfde escalatie terug."
)
REPLAYED_HEADER = "Idempotent-Replayed"


class CitizenIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    email: str = ""
    phone: str = ""
    national_number: str = Field("", description="Rijksregisternummer, bijv. 85.07.30-033.28.")


class EscalationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    point: StrictInt = Field(description="Het id van een gepubliceerd escalatiepunt.")
    channel: Literal["email", "phone"]
    citizen: CitizenIn = Field(
        default_factory=CitizenIn,
        description="Verplicht voor e-mail (naam, en e-mailadres of telefoonnummer; het "
        "rijksregisternummer als het escalatiepunt het vraagt).",
    )
    question: str = ""
    note: str = Field("", description="Interne notitie: nooit aan de burger.")
    reason: str = Field(
        "",
        description="Verplicht als de route op dit moment niet toegestaan of niet mogelijk is.",
    )
    line: str = Field("", description="Lijncode; standaard een lijn van de voorlichter (R20).")
    idempotency_key: str = Field(
        description="Eén sleutel per escalatie (hoogstens 100 tekens): een herhaling met "
        "dezelfde sleutel geeft dezelfde escalatie terug, met header Idempotent-Replayed: true."
    )


class EscalationOut(Schema):
    id: int
    reference: str = Field(description="Bijv. E-2026-000123.")
    state: EscalationState
    contact_closed: bool = Field(description="R26: het contact is afgesloten in het contactcenter.")
    channel: Literal["email", "phone"]
    point: int | None
    created_at: dt.datetime
    due_date: dt.date | None = Field(description="R18: e-mail: de burger hoort uiterlijk dan iets.")
    working_days: int | None
    route_possible: bool = Field(description="Nee als er met een reden toch geëscaleerd werd.")
    reason: str


class CitizenOut(Schema):
    name: str
    email: str
    phone: str
    national_number: str


class MessageStateOut(Schema):
    kind: MessageKind
    route: MessageRoute
    state: DeliveryState
    attempts: int
    delivered_at: dt.datetime | None


class EscalationDetailOut(EscalationOut):
    point_title: str
    line: str | None
    delivery: Literal["email", "crm", ""]
    messages: list[MessageStateOut] = Field(description="De aflevering van elk bericht.")
    personal_data_erased: bool = Field(
        description="Na de bewaartermijn: geen gegevens van de burger meer (citizen, question "
        "en note zijn dan null)."
    )
    citizen: CitizenOut | None
    question: str | None
    note: str | None


def escalation_data(escalation: Escalation) -> dict:
    return {
        "id": escalation.pk,
        "reference": escalation.reference,
        "state": escalation.state,
        "contact_closed": escalation.contact_closed,
        "channel": escalation.channel,
        "point": escalation.point_id,
        "created_at": timezone.localtime(escalation.created_at),
        "due_date": escalation.due_date,
        "working_days": escalation.working_days,
        "route_possible": escalation.route_possible,
        "reason": escalation.reason,
    }


def detail_data(escalation: Escalation) -> dict:
    erased = escalation.personal_data_erased_at is not None
    return {
        **escalation_data(escalation),
        "point_title": escalation.point_title,
        "line": escalation.line_code.code if escalation.line_code else None,
        "delivery": escalation.delivery,
        "messages": [
            {
                "kind": message.kind,
                "route": message.route,
                "state": message.state,
                "attempts": message.attempts,
                "delivered_at": message.delivered_at,
            }
            for message in sorted(escalation.messages.all(), key=lambda message: message.pk)
        ],
        "personal_data_erased": erased,
        "citizen": None if erased else citizen_data(escalation),
        "question": None if erased else escalation.question,
        "note": None if erased else escalation.internal_note,
    }


def citizen_data(escalation: Escalation) -> dict:
    return {
        "name": escalation.citizen_name,
        "email": escalation.citizen_email,
        "phone": escalation.citizen_phone,
        "national_number": escalation.citizen_national_number,
    }


def request_of(payload: EscalationIn) -> EscalationRequest:
    citizen = payload.citizen
    return EscalationRequest(
        point_id=payload.point,
        channel=payload.channel,
        citizen=Citizen(
            name=citizen.name,
            email=citizen.email,
            phone=citizen.phone,
            national_number=citizen.national_number,
        ),
        question=payload.question,
        note=payload.note,
        reason=payload.reason,
        line_code=payload.line,
        idempotency_key=payload.idempotency_key,
    )


@router.post(
    "",
    response={201: EscalationOut, 400: ErrorOut, 403: ErrorOut},
    summary="Escaleren: doorschakelen registreren of een e-mail escalatie versturen",
)
def create_escalation(request, response: HttpResponse, payload: EscalationIn):
    """Records the escalation (an e-mail escalation with its messages in the outbox). A
    repeated `idempotency_key` of the same user answers the earlier escalation, with the same
    status and body and the header `Idempotent-Replayed: true`."""
    if not has_permission(request.user, ADD_ESCALATION):
        raise HttpError(403, NO_ADD)
    if not clean_text(payload.idempotency_key).strip():
        return Status(400, {"detail": NOT_RECORDED, "errors": {"idempotency_key": [KEY_REQUIRED]}})
    try:
        escalation, created = escalate(agent=request.user, request=request_of(payload))
    except MayNotEscalate as error:
        raise HttpError(403, NO_ADD) from error
    except EscalationRefused as refused:
        return Status(400, {"detail": NOT_RECORDED, "errors": refused.errors})
    if not created:
        response[REPLAYED_HEADER] = "true"
    return Status(201, escalation_data(escalation))


@router.get(
    "/{int:escalation_id}",
    response={200: EscalationDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="Eén escalatie met haar aflevering",
)
def get_escalation(request, escalation_id: int):
    """A voorlichter sees their own escalations, a beheerder every one. The citizen's data
    is null after the retention period (`personal_data_erased`)."""
    may_view_all = has_permission(request.user, VIEW_ESCALATION)
    if not may_view_all and not has_permission(request.user, ADD_ESCALATION):
        raise HttpError(403, NO_VIEW)
    if not is_row_id(escalation_id):
        raise HttpError(404, "Niet gevonden.")
    escalation = (
        Escalation.objects.select_related("line_code")
        .prefetch_related("messages")
        .filter(pk=escalation_id)
        .first()
    )
    if escalation is None or not (may_view_all or escalation.agent_id == request.user.pk):
        raise HttpError(404, "Niet gevonden.")
    return detail_data(escalation)
