"""R12 by CRM: a signed JSON document POSTed to the CRM link of the point's organisation,
exactly one accepted copy, the same bytes and delivery id on every attempt."""

import json

import pytest
from django.core.exceptions import ValidationError

from escalations.delivery.crm import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_is_valid
from escalations.delivery.run import deliver_due
from escalations.factories import EscalationFactory
from escalations.models import (
    CrmEndpoint,
    DeliveryState,
    EscalationState,
    MessageKind,
    MessageRoute,
)
from escalations.outbox import enqueue_message
from escalations.tests.conftest import fresh, make_due
from reference.factories import DivisionFactory, LineCodeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anb():
    return OrganisationFactory(abbreviation="ANB", name="Agentschap voor Natuur en Bos")


def escalate_to_crm(anb, deliver_on_commit, django_user_model):
    agent = django_user_model.objects.create_user("voorlichter-an")
    escalation = EscalationFactory(
        reporting_organisation=anb,
        delivery="crm",
        agent=agent,
        line_code=LineCodeFactory(code="WONEN", name="Wonen en energie"),
    )
    message = deliver_on_commit(
        lambda: enqueue_message(
            escalation=escalation,
            kind=MessageKind.SERVICE,
            route=MessageRoute.CRM,
            recipient="ANB",
            subject=f"Escalatie {escalation.reference}: ANB - Team Jacht",
            body="Vraag: Wanneer krijg ik mijn jachtverlof?",
        )
    )
    return escalation, message


def test_r12_crm_answering_500_then_200_gets_it_once_and_can_verify_the_signature(
    anb, crm_sink, deliver_on_commit, django_user_model
):
    endpoint = CrmEndpoint.objects.create(organisation=anb, url=crm_sink.url)
    crm_sink.statuses = [500]
    escalation, message = escalate_to_crm(anb, deliver_on_commit, django_user_model)

    waiting = fresh(message)
    assert waiting.state == DeliveryState.PENDING
    assert waiting.last_error == "Het CRM kon het nu niet aannemen (HTTP 500)."
    make_due(message)
    assert deliver_due() == 1
    assert deliver_due() == 0

    first, second = crm_sink.requests
    assert [first.status, second.status] == [500, 200]
    assert len(crm_sink.accepted) == 1
    assert first.body == second.body  # the same bytes on every attempt
    delivery_id = message.message_id.strip("<>")
    for request in (first, second):
        assert request.headers["X-Delivery-Id"] == delivery_id
        assert request.headers["Idempotency-Key"] == delivery_id
        assert request.headers["Content-Type"].startswith("application/json")
        assert signature_is_valid(
            endpoint.secret,
            request.headers[TIMESTAMP_HEADER],
            request.headers[SIGNATURE_HEADER],
            request.body,
        )
    assert not signature_is_valid(
        "een ander geheim",
        second.headers[TIMESTAMP_HEADER],
        second.headers[SIGNATURE_HEADER],
        second.body,
    )
    tampered = second.body.replace(b"jachtverlof", b"jachtexamen")
    assert not signature_is_valid(
        endpoint.secret,
        second.headers[TIMESTAMP_HEADER],
        second.headers[SIGNATURE_HEADER],
        tampered,
    )

    document = second.json()
    assert document["delivery_id"] == delivery_id
    assert document["reference"] == escalation.reference
    assert document["organisation"] == {
        "abbreviation": "ANB",
        "name": "Agentschap voor Natuur en Bos",
    }
    assert document["point"]["public_title"] == "ANB - Team Jacht"
    assert document["line_code"] == "WONEN"
    assert document["agent"] == "voorlichter-an"
    assert document["handling_term"] == {"working_days": 5, "due_date": "2026-12-07"}
    assert document["citizen"]["national_number"] == "85073003328"
    assert document["question"] == "Wanneer krijg ik mijn jachtverlof?"
    assert document["text"] == "Vraag: Wanneer krijg ik mijn jachtverlof?"
    delivered = fresh(message)
    assert delivered.state == DeliveryState.DELIVERED
    assert json.loads(delivered.payload) == document
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.DELIVERED


def test_r12_a_division_delivers_to_the_crm_of_its_entity(
    anb, crm_sink, deliver_on_commit, django_user_model
):
    CrmEndpoint.objects.create(organisation=anb, url=crm_sink.url)
    DivisionFactory(abbreviation="ANB-JACHT", name="ANB - Team Jacht", parent=anb)
    escalation = EscalationFactory(reporting_organisation=anb)
    message = deliver_on_commit(
        lambda: enqueue_message(
            escalation=escalation,
            kind=MessageKind.SERVICE,
            route=MessageRoute.CRM,
            recipient="ANB-JACHT",
            subject="Escalatie",
            body="Tekst",
        )
    )
    assert fresh(message).state == DeliveryState.DELIVERED
    assert len(crm_sink.accepted) == 1


@pytest.mark.parametrize("status", [400, 401, 404, 422])
def test_r12_a_crm_refusing_the_document_fails_it_at_once(
    anb, crm_sink, deliver_on_commit, django_user_model, status
):
    CrmEndpoint.objects.create(organisation=anb, url=crm_sink.url)
    crm_sink.statuses = [status]
    escalation, message = escalate_to_crm(anb, deliver_on_commit, django_user_model)
    failed = fresh(message)
    assert failed.state == DeliveryState.FAILED
    assert failed.last_error == f"Het CRM weigert het document (HTTP {status})."
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.FAILED


@pytest.mark.parametrize("status", [408, 429, 503])
def test_r12_a_crm_asking_to_come_back_later_is_retried(
    anb, crm_sink, deliver_on_commit, django_user_model, status
):
    CrmEndpoint.objects.create(organisation=anb, url=crm_sink.url)
    crm_sink.statuses = [status]
    _, message = escalate_to_crm(anb, deliver_on_commit, django_user_model)
    assert fresh(message).state == DeliveryState.PENDING


@pytest.mark.parametrize("active", [None, False])
def test_r12_without_an_active_crm_link_the_message_fails_with_a_dutch_reason(
    anb, crm_sink, deliver_on_commit, django_user_model, active
):
    if active is not None:
        CrmEndpoint.objects.create(organisation=anb, url=crm_sink.url, active=active)
    _escalation, message = escalate_to_crm(anb, deliver_on_commit, django_user_model)
    failed = fresh(message)
    assert failed.state == DeliveryState.FAILED
    assert failed.attempts == 1
    assert failed.last_error.startswith("ANB heeft geen")
    assert "CRM-koppeling" in failed.last_error
    assert crm_sink.requests == []


def test_r12_an_unreachable_crm_is_retried(anb, deliver_on_commit, django_user_model):
    CrmEndpoint.objects.create(organisation=anb, url="http://127.0.0.1:9/escalaties")
    _, message = escalate_to_crm(anb, deliver_on_commit, django_user_model)
    waiting = fresh(message)
    assert waiting.state == DeliveryState.PENDING
    assert waiting.last_error.startswith("Het CRM is niet bereikbaar")


def test_r12_a_crm_link_uses_https_for_an_entity(anb, settings):
    settings.CRM_ALLOW_HTTP = False

    def errors(**values):
        endpoint = CrmEndpoint(**{"organisation": anb, "url": "https://crm.anb.be/x", **values})
        try:
            endpoint.clean()
        except ValidationError as error:
            return error.message_dict
        return {}

    assert errors() == {}
    assert errors(url="http://127.0.0.1:8080/x") == {}
    assert errors(url="http://localhost/x") == {}
    assert errors(url="http://crm.anb.be/x") == {
        "url": ["Gebruik een https-adres: escalaties bevatten persoonsgegevens."]
    }
    assert "url" in errors(url="crm.anb.be")
    division = DivisionFactory(abbreviation="ANB-JACHT", parent=anb)
    assert "hoogste niveau" in errors(organisation=division)["organisation"][0]
    settings.CRM_ALLOW_HTTP = True
    assert errors(url="http://crm.anb.be/x") == {}
