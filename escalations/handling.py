"""R18, R12: how a service tells us it handled an escalation.

The link in the escalation mail (`{bevestigingslink}`) carries the escalation's id signed
with the SECRET_KEY (and this module's salt), so it cannot be guessed or changed into another
escalation's link; no model is needed here. The reports app owns the page behind it and the
confirmations (`reports.confirmations`); the escalations app only builds the link.

A CRM signs what it sends (and checks what it receives) with HMAC-SHA256 over the raw body,
keyed with the organisation's `CrmEndpoint.secret`, in the header SIGNATURE_HEADER as
`sha256=<hex>`.
"""

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse

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


SIGNATURE_HEADER = "X-Escalatiepunten-Signature"
SIGNATURE_PREFIX = "sha256="


def signature(secret: str, body: bytes) -> str:
    """The header value for `body`: sha256=<hex of HMAC-SHA256 with the secret>."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def signature_matches(secret: str, body: bytes, header_value: str) -> bool:
    """In constant time, so the comparison tells an attacker nothing."""
    return hmac.compare_digest(signature(secret, body), header_value.strip())
