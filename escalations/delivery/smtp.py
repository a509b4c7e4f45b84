"""The SMTP route: the message as a plain-text e-mail through Django's mail connection
(EMAIL_HOST, EMAIL_PORT, EMAIL_TIMEOUT …), with the message's own Message-ID on every
attempt, so a mailbox or mail server can drop a second copy."""

import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from escalations.delivery.errors import DeliveryError
from escalations.models import MessageKind, OutboxMessage


def smtp_code_is_permanent(code: int) -> bool:
    return 500 <= code < 600


def as_text(answer: bytes | str) -> str:
    return answer.decode(errors="replace") if isinstance(answer, bytes) else str(answer)


def as_delivery_error(error: Exception) -> DeliveryError:
    """A Dutch reason; a 5xx answer about the recipient, the sender or the content is
    permanent, anything else (4xx, no connection, a time-out) is worth another attempt."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        answer = "; ".join(f"{code} {as_text(text)}" for code, text in error.recipients.values())
        permanent = bool(codes) and all(smtp_code_is_permanent(code) for code in codes)
        return DeliveryError(f"De mailserver weigert de ontvanger: {answer}", permanent=permanent)
    if isinstance(error, smtplib.SMTPResponseException):
        return DeliveryError(
            f"De mailserver antwoordt {error.smtp_code}: {as_text(error.smtp_error)}",
            permanent=smtp_code_is_permanent(error.smtp_code),
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return DeliveryError("De mailserver verbrak de verbinding.")
    if isinstance(error, TimeoutError):
        return DeliveryError("De mailserver antwoordde niet op tijd.")
    if isinstance(error, ConnectionRefusedError):
        return DeliveryError("De mailserver is niet bereikbaar (verbinding geweigerd).")
    if isinstance(error, OSError):
        return DeliveryError(f"De mailserver is niet bereikbaar ({type(error).__name__}).")
    return DeliveryError(f"Versturen mislukte ({type(error).__name__}).")


def email_for(message: OutboxMessage) -> EmailMessage:
    headers = {
        "Message-ID": message.message_id,
        "X-Escalatiepunten-Referentie": message.escalation.reference,
    }
    if message.kind == MessageKind.CITIZEN:
        headers["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to us
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers=headers,
    )


class SmtpAdapter:
    """Keeps one connection open over the messages of one sweep; after an error the next
    message opens a new one."""

    def __init__(self):
        self.connection = None

    def send(self, message: OutboxMessage) -> None:
        if not message.recipient.strip():
            raise DeliveryError("Er is geen e-mailadres om naar te sturen.", permanent=True)
        try:
            email = email_for(message)
        except ValueError as error:  # e.g. a line break in the subject
            reason = f"Het bericht is ongeldig ({type(error).__name__})."
            raise DeliveryError(reason, permanent=True) from None
        if self.connection is None:
            self.connection = get_connection(fail_silently=False)
        try:
            self.connection.open()
            self.connection.send_messages([email])
        except Exception as error:
            self.close()
            raise as_delivery_error(error) from None

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):  # a broken connection is simply dropped
                self.connection.close()
            self.connection = None
