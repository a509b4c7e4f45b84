"""API v1: JSON for agents and integrations (CTI/CRM). Schema at /api/v1/openapi.json."""

from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from api.auth import API_AUTH
from api.escalations import router as escalations_router
from api.handling import router as handling_router
from api.health import router as health_router
from api.knowledge import router as knowledge_router
from api.points import router as points_router
from api.reports import router as reports_router
from api.scheduled_changes import router as scheduled_changes_router
from core.openapi import DocumentedErrorsAPI

api = DocumentedErrorsAPI(
    error_statuses={
        400: "Ongeldige parameters of gegevens.",
        401: "Niet aangemeld of een ongeldige API-sleutel.",
        403: "Geen rechten.",
        404: "Niet gevonden.",
        413: "Het verzoek is te groot.",
    },
    title="Escalatiepunten API",
    version="1",
    description=(
        "Escalatiepunten voor het contactcenter. Aanmelden met een sessie of met "
        "`Authorization: Bearer <API-sleutel>`."
    ),
    auth=API_AUTH,
    urls_namespace="api-v1",
    docs_url="/docs",
)

_PYDANTIC_MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Onbekend veld.",
    "bool_type": "Kies true of false.",
    "bool_parsing": "Kies true of false.",
    "int_type": "Vul een geheel getal in.",
    "int_parsing": "Vul een geheel getal in.",
    "int_from_float": "Vul een geheel getal in.",
    "string_type": "Vul tekst in.",
    "list_type": "Geef een lijst.",
    "tuple_type": "Geef een paar [van, tot].",
    "too_short": "Geef een paar [van, tot].",
    "too_long": "Geef een paar [van, tot].",
    "date_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_type": "Vul een datum in als JJJJ-MM-DD.",
    "datetime_parsing": "Vul een tijdstip in als ISO 8601, bijv. 2026-12-10T09:00:00+01:00.",
    "datetime_from_date_parsing": (
        "Vul een tijdstip in als ISO 8601, bijv. 2026-12-10T09:00:00+01:00."
    ),
    "datetime_type": "Vul een tijdstip in als ISO 8601, bijv. 2026-12-10T09:00:00+01:00.",
    "json_invalid": "Ongeldige JSON.",
    "model_attributes_type": "Geef een object.",
    "dict_type": "Geef een object.",
}


def _error_path(location) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path"}:
        parts = parts[1:]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "body"


def _message(error: dict) -> str:
    if error.get("type") in {"literal_error", "enum"}:
        expected = (error.get("ctx") or {}).get("expected", "")
        return f"Kies een van: {expected.replace(' or ', ' of ')}."
    return _PYDANTIC_MESSAGES.get(error.get("type"), "Ongeldige waarde.")


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_error_path(error.get("loc", ())), []).append(_message(error))
    return api.create_response(
        request, {"detail": "De gegevens zijn niet geldig.", "errors": errors}, status=400
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(
        request,
        {"detail": "Meld je aan of geef een geldige API-sleutel mee (Authorization: Bearer …)."},
        status=401,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Niet gevonden."}, status=404)


# django-ninja's own messages, in the language of the product.
NINJA_MESSAGES = {
    "CSRF check Failed": (
        "De CSRF-controle faalde: stuur het csrftoken mee (X-CSRFToken) of gebruik een API-sleutel."
    ),
    "Cannot parse request body": "De inhoud van het verzoek is geen geldige JSON.",
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    message = str(exc)
    detail = next(
        (dutch for english, dutch in NINJA_MESSAGES.items() if message.startswith(english)),
        message,
    )
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


api.add_router("/escalation-points", points_router)
api.add_router("/escalation-points", scheduled_changes_router)
api.add_router("/knowledge", knowledge_router)
api.add_router("/health", health_router)
api.add_router("/escalations", escalations_router)
api.add_router("/reports", reports_router)
api.add_router("/escalations", handling_router)
