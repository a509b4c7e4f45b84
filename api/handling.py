"""POST /api/v1/escalations/{reference}/handled: a service's CRM confirms it handled an
escalation (R18, R12). No user login: the call is signed with HMAC-SHA256 over the raw body,
keyed with the organisation's CRM secret (`escalations.handling`). Replaying it changes
nothing: the first confirmation stands."""

import datetime as dt
import json
from datetime import timedelta

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from api.schemas import ErrorOut
from core.moments import parse_moment
from escalations.handling import SIGNATURE_HEADER, TIMESTAMP_HEADER, callback_signature_is_valid
from escalations.models import CrmEndpoint
from reports.confirmations import confirm, escalation_for_reference, on_time
from reports.models import ConfirmedVia

router = Router(tags=["escalaties"])

NOT_FOUND = "Geen e-mailescalatie met deze referentie (bijv. E-2026-000123)."
NO_CRM = "De organisatie van deze escalatie heeft geen actieve CRM-koppeling."
NO_SIGNATURE = (
    f"Onderteken het verzoek: header {TIMESTAMP_HEADER}: <Unix-tijd in seconden> en "
    f"{SIGNATURE_HEADER}: sha256=<HMAC-SHA256 van tijd + '.' + inhoud met de geheime sleutel "
    "van de CRM-koppeling, hexadecimaal>."
)
BAD_SIGNATURE = (
    "De handtekening klopt niet of het verzoek is ouder dan vijf minuten: controleer de "
    "geheime sleutel, de tijd en de inhoud."
)
BAD_BODY = (
    'Stuur een leeg verzoek of een JSON-object, bijv. {"handled_at": "2026-12-03T10:00:00+01:00"}.'
)
HANDLED_AT_OUT_OF_RANGE = "handled_at ligt voor de escalatie of in de toekomst."
CLOCK_SKEW = timedelta(minutes=5)


class HandledOut(Schema):
    reference: str
    confirmed_at: dt.datetime
    via: str
    due_date: dt.date | None
    on_time: bool | None
    already_confirmed: bool


def handled_at(body: bytes, escalation) -> dt.datetime | None:
    """The moment the CRM says it handled the question (optional), checked."""
    if not body.strip():
        return None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, BAD_BODY) from None
    if not isinstance(data, dict):
        raise HttpError(400, BAD_BODY)
    text = data.get("handled_at")
    if text in (None, ""):
        return None
    if not isinstance(text, str):
        raise HttpError(400, BAD_BODY)
    try:
        moment = parse_moment(text)
    except ValueError as error:
        raise HttpError(400, str(error)) from None
    if moment < escalation.created_at or moment > timezone.now() + CLOCK_SKEW:
        raise HttpError(400, HANDLED_AT_OUT_OF_RANGE)
    return min(moment, timezone.now())


@router.post(
    "/{reference}/handled",
    auth=None,
    response={200: HandledOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Een CRM bevestigt dat de dienst een escalatie behandeld heeft (R18)",
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": SIGNATURE_HEADER,
                "required": True,
                "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"},
                "description": "sha256=<HMAC-SHA256 van de ruwe inhoud, met de geheime "
                "sleutel van de CRM-koppeling van de organisatie, hexadecimaal>.",
            }
        ],
        "requestBody": {
            "required": False,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"handled_at": {"type": "string", "format": "date-time"}},
                    }
                }
            },
        },
    },
)
def escalation_handled(request, reference: str):
    """`reference` is the escalation's reference as in the mail (E-2026-000123) or its id.
    The body is empty or `{"handled_at": ISO 8601}` (default: now). The first confirmation
    stands; a repeated call answers it again with `already_confirmed`."""
    escalation = escalation_for_reference(reference)
    if escalation is None:
        raise HttpError(404, NOT_FOUND)
    endpoint = CrmEndpoint.objects.filter(
        organisation_id=escalation.reporting_organisation_id, active=True
    ).first()
    if endpoint is None:
        raise HttpError(403, NO_CRM)
    if not request.headers.get(SIGNATURE_HEADER) or not request.headers.get(TIMESTAMP_HEADER):
        raise HttpError(401, NO_SIGNATURE)
    if not callback_signature_is_valid(endpoint.secret, request.body, request.headers):
        raise HttpError(403, BAD_SIGNATURE)
    confirmation, created = confirm(
        escalation, via=ConfirmedVia.CRM, at=handled_at(request.body, escalation)
    )
    return Status(
        200,
        {
            "reference": escalation.reference,
            "confirmed_at": timezone.localtime(confirmation.confirmed_at),
            "via": confirmation.via,
            "due_date": escalation.due_date,
            "on_time": on_time(escalation, confirmation),
            "already_confirmed": not created,
        },
    )
