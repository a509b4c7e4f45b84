"""The CRM route (R12): an HTTPS POST of a JSON document to the CRM link of the point's
organisation, signed with HMAC-SHA256.

The receiver checks, with the link's secret:

    signed = X-Escalatiepunten-Timestamp + "." + the exact body bytes
    X-Escalatiepunten-Signature == "sha256=" + hex(HMAC-SHA256(secret, signed))

and drops a second copy by `X-Delivery-Id` (also `Idempotency-Key`, and `delivery_id` in the
document). The document is written at the first attempt and kept, so every attempt sends the
same bytes; only the timestamp and so the signature differ.
"""

import hashlib
import hmac
import http.client
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone

from escalations.delivery.errors import DeliveryError
from escalations.models import CrmEndpoint, OutboxMessage, crm_url_problem
from reference.models import Organisation

SIGNATURE_HEADER = "X-Escalatiepunten-Signature"
TIMESTAMP_HEADER = "X-Escalatiepunten-Timestamp"
RETRYABLE_CLIENT_ERRORS = {408, 429}  # the CRM asks to come back later


def delivery_id(message: OutboxMessage) -> str:
    """The Message-ID without its angle brackets: the same on every attempt."""
    return message.message_id.strip("<>")


def document(message: OutboxMessage) -> dict:
    escalation = message.escalation
    organisation = escalation.reporting_organisation
    return {
        "delivery_id": delivery_id(message),
        "reference": escalation.reference,
        "created_at": timezone.localtime(escalation.created_at).isoformat(),
        "channel": escalation.channel,
        "contact_closed": escalation.contact_closed,
        "point": {"id": escalation.point_id, "public_title": escalation.point_title},
        "organisation": (
            {"abbreviation": organisation.abbreviation, "name": organisation.name}
            if organisation
            else None
        ),
        "line_code": escalation.line_code.code if escalation.line_code else None,
        "agent": escalation.agent.get_username() if escalation.agent else None,
        "handling_term": {
            "working_days": escalation.working_days,
            "due_date": escalation.due_date.isoformat() if escalation.due_date else None,
        },
        "citizen": {
            "name": escalation.citizen_name,
            "email": escalation.citizen_email,
            "phone": escalation.citizen_phone,
            "national_number": escalation.citizen_national_number,
        },
        "question": escalation.question,
        "note": escalation.internal_note,
        "subject": message.subject,
        "text": message.body,
    }


def frozen_payload(message: OutboxMessage) -> bytes:
    """The document's bytes: written once, at the first attempt, then always those."""
    if not message.payload:
        text = json.dumps(document(message), ensure_ascii=False, sort_keys=True)
        OutboxMessage.objects.filter(pk=message.pk, payload="").update(payload=text)
        message.payload = OutboxMessage.objects.values_list("payload", flat=True).get(pk=message.pk)
    return message.payload.encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def signature_is_valid(
    secret: str, timestamp: str, received: str, body: bytes, *, max_age_seconds: int = 300
) -> bool:
    """What a receiving CRM does: the signature matches and the request is recent."""
    try:
        age = abs(time.time() - int(timestamp))
    except ValueError:
        return False
    return age <= max_age_seconds and hmac.compare_digest(
        signature(secret, timestamp, body), received
    )


def top_level(organisation: Organisation) -> Organisation:
    seen = set()
    while organisation.parent_id is not None and organisation.pk not in seen:
        seen.add(organisation.pk)
        organisation = organisation.parent
    return organisation


def endpoint_for(message: OutboxMessage) -> CrmEndpoint:
    """The active CRM link of the organisation the message is addressed to (its
    abbreviation), or of the entity that organisation belongs to."""
    organisation = Organisation.objects.filter(abbreviation=message.recipient).first()
    if organisation is None:
        organisation = message.escalation.reporting_organisation
    if organisation is None:
        raise DeliveryError(
            f"Geen organisatie '{message.recipient}' gevonden voor de CRM-route.", permanent=True
        )
    entity = top_level(organisation)
    endpoint = CrmEndpoint.objects.filter(organisation=entity).first()
    if endpoint is None or not endpoint.active:
        state = "geen" if endpoint is None else "geen actieve"
        raise DeliveryError(
            f"{entity.abbreviation} heeft {state} CRM-koppeling: voeg ze toe onder "
            "Escalaties > CRM-koppelingen en verstuur het bericht opnieuw.",
            permanent=True,
        )
    if problem := crm_url_problem(endpoint.url):
        raise DeliveryError(f"CRM-koppeling van {entity.abbreviation}: {problem}", permanent=True)
    return endpoint


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without the document: treat it as an
    answer of the CRM instead."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def as_delivery_error(status: int) -> DeliveryError:
    permanent = 300 <= status < 500 and status not in RETRYABLE_CLIENT_ERRORS
    meaning = "weigert het document" if permanent else "kon het nu niet aannemen"
    return DeliveryError(f"Het CRM {meaning} (HTTP {status}).", permanent=permanent)


class CrmAdapter:
    def send(self, message: OutboxMessage) -> None:
        endpoint = endpoint_for(message)
        body = frozen_payload(message)
        timestamp = str(int(time.time()))
        request = urllib.request.Request(
            endpoint.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "Escalatiepunten",
                "X-Delivery-Id": delivery_id(message),
                "Idempotency-Key": delivery_id(message),
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: signature(endpoint.secret, timestamp, body),
            },
        )
        # Only the status is kept: a CRM's answer may repeat the citizen's data.
        try:
            with OPENER.open(request, timeout=settings.CRM_TIMEOUT) as response:
                response.read()
        except urllib.error.HTTPError as error:
            error.close()
            raise as_delivery_error(error.code) from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as error:
            cause = getattr(error, "reason", error)
            raise DeliveryError(f"Het CRM is niet bereikbaar ({type(cause).__name__}).") from None

    def close(self) -> None:
        pass
