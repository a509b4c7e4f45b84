"""R18: the service confirms it handled an e-mail escalation, with the link in the mail or its
CRM's signed callback; the report counts on time, late and open per organisation."""

import json
import time
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.test import Client

from escalations.delivery.crm import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature
from escalations.factories import EmailRequestFactory
from escalations.handling import (
    confirmation_token,
    confirmation_url,
)
from escalations.models import CrmEndpoint, OutboxMessage
from escalations.services import escalate
from points.factories import EscalationPointFactory
from reports import queries
from reports.models import HandlingConfirmation
from reports.periods import Period

pytestmark = pytest.mark.django_db

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


def levels(today=date(2026, 11, 30)) -> dict:
    return {
        level.key: (level.sent, level.on_time, level.late, level.open, level.on_time_percent)
        for level in queries.service_levels(queries.Filters(period=NOVEMBER), today)
    }


def test_r18_on_time_late_and_open_per_organisation(known):
    # ANB: #8 confirmed on its due day (on time), #3 confirmed 30 minutes after its due day
    # ended (late), #7 not yet due (open). VMM: #5 not confirmed and past due (late); #4
    # could not be delivered and does not count.
    assert levels() == {"ANB": (3, 1, 1, 1, 50.0), "VMM": (1, 0, 1, 0, 0.0)}


def test_r18_open_becomes_late_the_day_after_the_due_date(known):
    assert levels(today=date(2026, 12, 3))["ANB"] == (3, 1, 1, 1, 50.0)
    assert levels(today=date(2026, 12, 4))["ANB"] == (3, 1, 2, 0, 33.3)


def test_r18_transfers_have_no_handling_term_to_keep(known):
    transfers = queries.Filters(period=NOVEMBER, channel="transfer")

    assert queries.service_levels(transfers, date(2026, 11, 30)) == []


# --- The link in the escalation mail -------------------------------------------------------


@pytest.fixture
def sent(known):
    """#7: an e-mail escalation of ANB, due 03-12, not confirmed."""
    return known["rows"][7]


def test_r18_the_link_shows_the_question_and_changes_nothing(client, sent):
    response = client.get(confirmation_url(sent.pk).removeprefix("http://127.0.0.1:8000"))

    assert response.status_code == 200
    assert f"Bevestig dat de vraag {sent.reference} behandeld is" in response.text
    assert '<form method="post">' in response.text
    assert "Jan Janssens" not in response.text
    assert "jachtverlof" not in response.text
    assert not HandlingConfirmation.objects.filter(escalation=sent).exists()


def test_r18_posting_the_link_confirms_once(sent):
    client = Client(enforce_csrf_checks=True)
    url = f"/behandeld/{confirmation_token(sent.pk)}/"
    page = client.get(url)
    token = page.cookies["csrftoken"].value

    with time_machine.travel("2026-12-01T09:00:00+01:00", tick=False):
        first = client.post(url, {"csrfmiddlewaretoken": token})
    with time_machine.travel("2026-12-05T09:00:00+01:00", tick=False):
        again = client.post(url, {"csrfmiddlewaretoken": token})

    assert "Bedankt: de behandeling is geregistreerd op 1-12-2026 om 09:00" in first.text
    assert "binnen de behandeltermijn" in first.text
    assert "werd al als behandeld bevestigd op 1-12-2026 om 09:00" in again.text
    confirmation = HandlingConfirmation.objects.get(escalation=sent)
    assert (confirmation.confirmed_on, confirmation.via) == (date(2026, 12, 1), "link")
    assert levels(today=date(2026, 12, 10))["ANB"] == (3, 2, 1, 0, 66.7)


@pytest.mark.parametrize("change", ["other-id", "bad-signature", "nonsense"])
def test_r18_a_tampered_link_is_refused(client, sent, known, change):
    token = confirmation_token(sent.pk)
    number, signed = token.split(":")
    tampered = {
        "other-id": f"{known['rows'][5].pk}:{signed}",
        "bad-signature": f"{number}:{signed[:-2]}xx",
        "nonsense": "abc",
    }[change]

    response = client.post(f"/behandeld/{tampered}/")

    assert response.status_code == 404
    assert "Deze link is niet geldig" in response.text
    assert not HandlingConfirmation.objects.filter(escalation__in=[sent, known["rows"][5]]).exists()


def test_r18_a_transfer_has_no_confirmation_link(client, known):
    transfer = known["rows"][1]

    response = client.get(f"/behandeld/{confirmation_token(transfer.pk)}/")

    assert response.status_code == 404


def test_r18_the_escalation_mail_carries_the_link(reference_data, voorlichter, client):
    with time_machine.travel("2026-11-30T10:00:00+01:00", tick=False):
        point = EscalationPointFactory()
        escalation, _ = escalate(agent=voorlichter, request=EmailRequestFactory(point_id=point.pk))

    body = OutboxMessage.objects.get(escalation=escalation, kind="service").body
    url = confirmation_url(escalation.pk)
    assert url.startswith("http://127.0.0.1:8000/behandeld/")
    assert url in body
    citizen = OutboxMessage.objects.get(escalation=escalation, kind="citizen").body
    assert "/behandeld/" not in citizen
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200
    assert mail.outbox == []


# --- The CRM's callback --------------------------------------------------------------------


@pytest.fixture
def crm(known):
    return CrmEndpoint.objects.create(
        organisation=known["anb"], url="https://crm.anb.example.be/escalaties", secret="geheim-1700"
    )


def callback(client, reference: str, body: bytes = b"", *, secret="geheim-1700", header=None):
    headers = {}
    if secret is not None:
        timestamp = str(int(time.time()))
        headers[TIMESTAMP_HEADER] = timestamp
        headers[SIGNATURE_HEADER] = header or signature(secret, timestamp, body)
    return client.post(
        f"/api/v1/escalations/{reference}/handled",
        body,
        content_type="application/json",
        headers=headers,
    )


def test_r18_a_signed_callback_confirms_the_escalation(client, sent, crm):
    body = json.dumps({"handled_at": "2026-12-02T15:00:00+01:00"}).encode()

    with time_machine.travel("2026-12-02T16:00:00+01:00", tick=False):
        response = callback(client, sent.reference, body)

    assert response.status_code == 200, response.json()
    assert response.json() == {
        "reference": sent.reference,
        "confirmed_at": "2026-12-02T15:00:00+01:00",
        "via": "crm",
        "due_date": "2026-12-03",
        "on_time": True,
        "already_confirmed": False,
    }
    assert HandlingConfirmation.objects.get(escalation=sent).confirmed_on == date(2026, 12, 2)


def test_r18_a_replayed_callback_changes_nothing(client, sent, crm):
    body = json.dumps({"handled_at": "2026-12-02T15:00:00+01:00"}).encode()
    with time_machine.travel("2026-12-02T16:00:00+01:00", tick=False):
        callback(client, sent.reference, body)
    later = json.dumps({"handled_at": "2026-12-09T15:00:00+01:00"}).encode()

    with time_machine.travel("2026-12-10T16:00:00+01:00", tick=False):
        replayed = callback(client, sent.reference, body)
        other = callback(client, str(sent.pk), later)

    assert replayed.json()["already_confirmed"] is True
    assert other.json()["already_confirmed"] is True
    assert other.json()["confirmed_at"] == "2026-12-02T15:00:00+01:00"
    assert HandlingConfirmation.objects.filter(escalation=sent).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        ({"secret": None}, 401, "Onderteken het verzoek"),
        ({"secret": "een-ander-geheim"}, 403, "De handtekening klopt niet"),
        ({"header": "sha256=" + "0" * 64}, 403, "De handtekening klopt niet"),
        ({"header": "geheim-1700"}, 403, "De handtekening klopt niet"),
    ],
)
def test_r18_a_callback_without_a_good_signature_is_refused(
    client, sent, crm, kwargs, status, message
):
    response = callback(client, sent.reference, b"{}", **kwargs)

    assert response.status_code == status
    assert message in response.json()["detail"]
    assert not HandlingConfirmation.objects.filter(escalation=sent).exists()


def test_r18_a_signature_over_another_body_is_refused(client, sent, crm):
    signed = json.dumps({"handled_at": "2026-12-02T15:00:00+01:00"}).encode()
    sent_body = json.dumps({"handled_at": "2026-11-27T15:00:00+01:00"}).encode()

    now = str(int(time.time()))
    response = callback(
        client, sent.reference, sent_body, header=signature("geheim-1700", now, signed)
    )

    assert response.status_code == 403


def test_r18_an_old_callback_is_refused_even_with_a_good_signature(client, sent, crm):
    body = b""
    then = str(int(time.time()) - 600)
    response = client.post(
        f"/api/v1/escalations/{sent.reference}/handled",
        body,
        content_type="application/json",
        headers={TIMESTAMP_HEADER: then, SIGNATURE_HEADER: signature("geheim-1700", then, body)},
    )

    assert response.status_code == 403
    assert "ouder dan vijf minuten" in response.json()["detail"]


@pytest.mark.parametrize(
    ("reference", "status"),
    [("E-2025-{pk:06d}", 404), ("E-2026-999999", 404), ("jachtverlof", 404), ("{pk}", 200)],
)
def test_r18_the_callback_finds_the_escalation_by_its_reference(
    client, sent, crm, reference, status
):
    response = callback(client, reference.format(pk=sent.pk), b"")

    assert response.status_code == status


def test_r18_a_callback_for_an_organisation_without_crm_is_refused(client, known, crm):
    vmm_email = known["rows"][5]

    response = callback(client, vmm_email.reference, b"")

    assert response.status_code == 403
    assert "geen actieve CRM-koppeling" in response.json()["detail"]


@pytest.mark.parametrize(
    "body", [b"[1]", b"niet json", b'{"handled_at": 5}', b'{"handled_at": "2026-10-01T10:00:00"}']
)
def test_r18_a_callback_with_a_bad_body_is_refused_in_dutch(client, sent, crm, body):
    response = callback(client, sent.reference, body)

    assert response.status_code == 400
    assert not HandlingConfirmation.objects.filter(escalation=sent).exists()


def test_r18_the_first_confirmation_stands_whichever_way_it_came(client, sent, crm):
    with time_machine.travel("2026-12-01T09:00:00+01:00", tick=False):
        client.post(f"/behandeld/{confirmation_token(sent.pk)}/")
    with time_machine.travel("2026-12-02T09:00:00+01:00", tick=False):
        response = callback(client, sent.reference, b"")

    assert response.json()["via"] == "link"
    assert response.json()["already_confirmed"] is True
