"""factory_boy factories for escalations and their outbox messages."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from escalations.models import (
    DeliveryState,
    Escalation,
    EscalationChannel,
    EscalationState,
    MessageKind,
    MessageRoute,
    OutboxMessage,
)


class EscalationFactory(DjangoModelFactory):
    """An e-mail escalation waiting for delivery, with a citizen's data."""

    class Meta:
        model = Escalation

    channel = EscalationChannel.EMAIL
    point_title = "ANB - Team Jacht"
    state = EscalationState.QUEUED
    delivery = "email"
    service_address = "jacht@anb.example.be"
    working_days = 5
    due_date = date(2026, 12, 7)
    citizen_name = "Lies Peeters"
    citizen_email = "lies.peeters@example.be"
    citizen_phone = "0477 12 34 56"
    citizen_national_number = "85073003328"
    question = "Wanneer krijg ik mijn jachtverlof?"
    internal_note = "Beller is ongerust over de termijn."


class OutboxMessageFactory(DjangoModelFactory):
    """The escalation's message to the service by e-mail, written straight to the table
    (no delivery is started; `outbox.enqueue_message` starts one)."""

    class Meta:
        model = OutboxMessage

    escalation = factory.SubFactory(EscalationFactory)
    kind = MessageKind.SERVICE
    route = MessageRoute.SMTP
    recipient = factory.LazyAttribute(lambda message: message.escalation.service_address)
    subject = factory.LazyAttribute(lambda message: f"Escalatie {message.escalation.reference}")
    body = "Vraag van de burger: Wanneer krijg ik mijn jachtverlof?"
    state = DeliveryState.PENDING
