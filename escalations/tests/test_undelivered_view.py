"""Escalaties -> Niet afgeleverd in the CMS (R12): a beheerder sees why a message was not
delivered, without the citizen's data, and sends it again; nobody else sees or resends."""

import pytest
from django.urls import reverse

from escalations.delivery.run import deliver_due
from escalations.factories import EscalationFactory, OutboxMessageFactory
from escalations.models import CrmEndpoint, DeliveryState, EscalationState, MessageKind
from escalations.tests.conftest import fresh, make_due
from reference.factories import DivisionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("escalations_undelivered")


def resend_url(message):
    return reverse("escalations_resend", args=[message.pk])


@pytest.fixture
def failed_pair(smtp_sink, settings):
    """A mail to a service that failed, and a confirmation to a citizen that failed (of
    another escalation, whose service did get its mail: a confirmation waits for that)."""
    settings.OUTBOX_MAX_ATTEMPTS = 1
    smtp_sink.refused.update({"jacht@anb.example.be", "lies.peeters@example.be"})
    escalation = EscalationFactory()
    service = OutboxMessageFactory(escalation=escalation)
    other = EscalationFactory(point_title="VAPH - Covid-19 - Professionals")
    OutboxMessageFactory(
        escalation=other, recipient="vaph@example.be", state=DeliveryState.DELIVERED
    )
    citizen = OutboxMessageFactory(
        escalation=other,
        kind=MessageKind.CITIZEN,
        recipient="lies.peeters@example.be",
        body="Beste Lies Peeters, uw vraag over uw jachtverlof ...",
    )
    deliver_due()
    smtp_sink.refused.clear()
    return escalation, service, citizen


def test_r12_a_beheerder_sees_why_a_message_was_not_delivered(client, beheerder, failed_pair):
    escalation, _service, _citizen = failed_pair
    client.force_login(beheerder)
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert escalation.reference in page
    assert "ANB - Team Jacht" in page
    assert "Escalatie aan de dienst" in page
    assert "Bevestiging aan de burger" in page
    assert "jacht@anb.example.be" in page  # the service's address helps to find the cause
    assert "l…@example.be" in page  # the citizen's is masked
    assert "De mailserver weigert de ontvanger: 550" in page
    assert page.count("Opnieuw versturen</button>") == 2
    for personal in ["lies.peeters", "Lies Peeters", "85073003328", "jachtverlof", "Vraag van"]:
        assert personal not in page
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Niet afgeleverd" in home
    assert "CRM-koppelingen" in home


def test_r12_opnieuw_versturen_delivers_a_failed_message_once(
    client, beheerder, failed_pair, smtp_sink, deliver_on_commit
):
    escalation, service, citizen = failed_pair
    assert fresh(service).state == DeliveryState.FAILED
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.FAILED
    client.force_login(beheerder)

    response = deliver_on_commit(lambda: client.post(resend_url(service), follow=True))

    assert response.status_code == 200
    assert f"Het bericht van {escalation.reference} wordt opnieuw verstuurd." in (
        response.content.decode()
    )
    delivered = fresh(service)
    assert delivered.state == DeliveryState.DELIVERED
    assert delivered.attempts == 1
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.DELIVERED
    assert [mail["Message-ID"].strip() for mail in smtp_sink.wait_for(1)] == [service.message_id]
    again = client.post(resend_url(service), follow=True).content.decode()
    assert "niets gewijzigd" in again
    assert len(smtp_sink.messages) == 1
    assert fresh(citizen).state == DeliveryState.FAILED  # each message is sent again by itself


def test_r12_a_message_waiting_for_a_retry_is_listed_without_a_resend_button(
    client, beheerder, smtp_sink, settings
):
    smtp_sink.stop()
    message = OutboxMessageFactory()
    deliver_due()
    client.force_login(beheerder)
    page = client.get(LIST).content.decode()
    assert "Wacht op nieuwe poging" in page
    assert "niet bereikbaar" in page
    assert "Opnieuw versturen</button>" not in page
    assert client.post(resend_url(message)).status_code == 302
    assert fresh(message).attempts == 1  # a pending message is not reset
    smtp_sink.start()
    make_due(message)
    deliver_due()
    assert "Alle berichten zijn afgeleverd." in client.get(LIST).content.decode()


@pytest.mark.parametrize(
    ("role", "list_status", "resend_status"),
    [("anonymous", 302, 302), ("voorlichter", 302, 302), ("redacteur", 403, 403)],
)
def test_r12_only_a_beheerder_sees_and_resends_undelivered_messages(
    client, failed_pair, voorlichter, redacteur, role, list_status, resend_status
):
    _, service, _ = failed_pair
    users = {"voorlichter": voorlichter, "redacteur": redacteur}
    if role in users:
        client.force_login(users[role])
    listing = client.get(LIST)
    assert listing.status_code == list_status
    assert "Opnieuw versturen" not in listing.content.decode()
    assert client.post(resend_url(service)).status_code == resend_status
    assert fresh(service).state == DeliveryState.FAILED
    if role == "redacteur":
        assert "Niet afgeleverd" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_r12_resending_needs_a_post(client, beheerder, failed_pair):
    _, service, _ = failed_pair
    client.force_login(beheerder)
    assert client.get(resend_url(service)).status_code == 405
    assert fresh(service).state == DeliveryState.FAILED


def test_r12_a_beheerder_adds_a_crm_link_for_an_entity_only(client, beheerder, redacteur):
    anb = OrganisationFactory(abbreviation="ANB")
    division = DivisionFactory(abbreviation="ANB-JACHT", parent=anb)
    add = reverse("wagtailsnippets_escalations_crmendpoint:add")
    form = {"url": "https://crm.anb.example.be/escalaties", "secret": "s" * 40, "active": "on"}

    client.force_login(redacteur)
    assert client.get(add).status_code == 403
    client.force_login(beheerder)
    refused = client.post(add, {**form, "organisation": division.pk})
    assert refused.status_code == 200
    assert "hoogste niveau" in refused.content.decode()
    assert client.post(add, {**form, "organisation": anb.pk}).status_code == 302
    endpoint = CrmEndpoint.objects.get()
    assert endpoint.organisation == anb
    listing = client.get(reverse("wagtailsnippets_escalations_crmendpoint:list"))
    assert "crm.anb.example.be" in listing.content.decode()
    assert "s" * 40 not in listing.content.decode()
