"""factory_boy factories for escalations, their outbox messages, and the requests the
console and the API send."""

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
from escalations.services import Citizen, EscalationRequest


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


class CitizenFactory(factory.Factory):
    class Meta:
        model = Citizen

    name = "Jan Janssens"
    email = "jan.janssens@example.be"
    phone = "0477 12 34 56"
    national_number = "85.07.30-033.28"


class EmailRequestFactory(factory.Factory):
    """An e-mail escalation to `point_id` with complete, valid citizen data."""

    class Meta:
        model = EscalationRequest

    point_id = 0
    channel = "email"
    citizen = factory.SubFactory(CitizenFactory)
    question = "Hoe lang blijft mijn jachtverlof geldig?"
    note = "Burger belde al twee keer."
    idempotency_key = factory.Sequence(lambda n: f"key-{n}")


class TransferRequestFactory(factory.Factory):
    class Meta:
        model = EscalationRequest

    point_id = 0
    channel = "phone"
    idempotency_key = factory.Sequence(lambda n: f"transfer-{n}")
