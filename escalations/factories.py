"""Test data for escalations: a request as the console or the API sends it."""

import factory

from escalations.services import Citizen, EscalationRequest


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
