"""R18, R12: how a service tells us it handled an escalation.

The link in the escalation mail (`{bevestigingslink}`) carries the escalation's id signed
with the SECRET_KEY (and this module's salt), so it cannot be guessed or changed into another
escalation's link; no model is needed here. The reports app owns the page behind it and the
confirmations (`reports.confirmations`); the escalations app only builds the link.

A CRM's callback is signed as our deliveries to it are (`escalations.delivery.crm`):
HMAC-SHA256 with the organisation's `CrmEndpoint.secret` over the timestamp, a dot and the
raw body, in `X-Escalatiepunten-Signature` as `sha256=<hex>`, with the timestamp (Unix
seconds) in `X-Escalatiepunten-Timestamp`; a callback older than five minutes is refused.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from escalations.delivery.crm import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_is_valid,
)

__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER", "callback_signature_is_valid"]

SALT = "escalations.handling.confirmation-link"
URL_NAME = "handling_confirmation"
NOT_YET = "(de link volgt bij het versturen)"


def confirmation_token(escalation_id: int) -> str:
    return signing.Signer(salt=SALT).sign(str(escalation_id))


def escalation_id_of(token: str) -> int | None:
    """The escalation id a token was made for, or None for a tampered or unknown token."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def confirmation_url(escalation_id: int | None) -> str:
    """The absolute address the service opens (WAGTAILADMIN_BASE_URL is this site's)."""
    if escalation_id is None:
        return NOT_YET
    path = reverse(URL_NAME, args=[confirmation_token(escalation_id)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def callback_signature_is_valid(secret: str, body: bytes, headers) -> bool:
    """The callback's signature matches its body and timestamp, and it is recent."""
    return signature_is_valid(
        secret, headers.get(TIMESTAMP_HEADER, ""), headers.get(SIGNATURE_HEADER, "").strip(), body
    )
