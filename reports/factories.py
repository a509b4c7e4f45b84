"""Test data for the reports: escalation records as `escalations.services.escalate` leaves
them (the reporting snapshot and, for e-mail, the citizen's data), written directly so a
test can place them at any moment, and confirmations of handling."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from escalations.models import Escalation, EscalationChannel, EscalationState
from points.models import EmailDelivery
from reports.models import ConfirmedVia, HandlingConfirmation


class EscalationRecordFactory(DjangoModelFactory):
    """A transfer by default; `email=True` or `crm=True` makes an e-mail escalation with a
    citizen, delivered by e-mail or to the CRM. `domains` sets the editorial domains."""

    class Meta:
        model = Escalation
        skip_postgeneration_save = True

    class Params:
        email = factory.Trait(
            channel=EscalationChannel.EMAIL,
            delivery=EmailDelivery.EMAIL,
            state=EscalationState.DELIVERED,
            working_days=5,
            citizen_name="Jan Janssens",
            citizen_email="jan.janssens@example.be",
            citizen_phone="0477 12 34 56",
            citizen_national_number="85073003328",
            question="Hoe lang blijft mijn jachtverlof geldig?",
            internal_note="Burger belde al twee keer.",
        )
        crm = factory.Trait(email=True, delivery=EmailDelivery.CRM)

    created_at = factory.LazyFunction(timezone.now)
    channel = EscalationChannel.PHONE
    point_title = "ANB - Team Jacht"
    state = EscalationState.RECORDED

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.editorial_domains.set(extracted)


def confirm_at(escalation: Escalation, at, via: str = ConfirmedVia.LINK) -> HandlingConfirmation:
    return HandlingConfirmation.objects.create(
        escalation=escalation,
        confirmed_at=at,
        confirmed_on=timezone.localtime(at).date(),
        via=via,
    )
