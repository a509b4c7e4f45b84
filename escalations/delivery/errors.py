"""What an adapter raises when a message did not get through, and how its reason is kept."""

import re

# An address or a national number in a server's answer is personal data: it never reaches
# the database's last_error, a log or the CMS.
EMAIL_ADDRESS = re.compile(r"[^\s<>()\[\]\"',;:]+@[^\s<>()\[\]\"',;:]+")
LONG_NUMBER = re.compile(r"\d(?:[\s.\-]?\d){8,}")
MAX_REASON_LENGTH = 500


def redact(text: str) -> str:
    """The text without e-mail addresses and long numbers, on one line, at most 500 chars."""
    text = EMAIL_ADDRESS.sub("<adres>", text)
    text = LONG_NUMBER.sub("<nummer>", text)
    text = " ".join(text.split())
    return text[:MAX_REASON_LENGTH]


class DeliveryError(Exception):
    """The attempt failed. `permanent`: trying again will not help (a refused recipient, a
    CRM that rejects the document, no CRM link), so the message fails at once and waits for
    a beheerder. The reason is Dutch and already redacted."""

    def __init__(self, reason: str, *, permanent: bool = False):
        self.reason = redact(reason)
        self.permanent = permanent
        super().__init__(self.reason)
