"""The one interface every route's adapter offers."""

from typing import Protocol

from escalations.models import OutboxMessage


class Adapter(Protocol):
    """Sends one message; returns when the receiver has accepted it, raises
    `DeliveryError` when it has not. `close()` ends any connection it kept open."""

    def send(self, message: OutboxMessage) -> None: ...

    def close(self) -> None: ...
