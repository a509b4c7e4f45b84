"""`POST /api/v1/escalations` and `GET /api/v1/escalations/{id}`: the same checks and Dutch
messages as the console's forms, one escalation per idempotency key, only one's own
escalations (a beheerder: all), and no citizen data after the retention period (R8, R11,
R14, R17, R18, R26)."""

import json

import pytest
import time_machine
from django.test import Client
from wagtail.models import APIToken

from console.tests.escalating import MONDAY_10, MONDAY_EVENING, THURSDAY_10, counts, make_point
from escalations.models import Escalation, MessageKind, OutboxMessage
from escalations.services import erase_expired_personal_data
from points.factories import ExceptionDocumentFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/escalations"
CITIZEN = {
    "name": "Jan Janssens",
    "email": "jan.janssens@example.be",
    "phone": "0477 12 34 56",
    "national_number": "85.07.30-033.28",
}


def body(target, **changes) -> dict:
    data = {
        "point": target.pk,
        "channel": "email",
        "citizen": dict(CITIZEN),
        "question": "Hoe lang is mijn jachtverlof geldig?",
        "note": "Belde al twee keer.",
        "idempotency_key": "key-1",
    }
    data.update(changes)
    return data


def post(client, data, moment: str = MONDAY_10):
    raw = data if isinstance(data, str) else json.dumps(data)
    with time_machine.travel(moment, tick=False):
        return client.post(BASE, raw, content_type="application/json")


def get(client, escalation_id, moment: str = MONDAY_10):
    with time_machine.travel(moment, tick=False):
        return client.get(f"{BASE}/{escalation_id}")


@pytest.fixture
def agent(client, voorlichter):
    client.force_login(voorlichter)
    client.raise_request_exception = False
    return client


def token_client(user) -> Client:
    _, plaintext = APIToken.create_token(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def test_r14_r18_r26_an_e_mail_escalation_is_201_with_its_record(agent, reference_data):
    point = make_point()
    response = post(agent, body(point))
    assert response.status_code == 201, response.content
    escalation = Escalation.objects.get()
    assert response.json() == {
        "id": escalation.pk,
        "reference": escalation.reference,
        "state": "queued",
        "contact_closed": True,
        "channel": "email",
        "point": point.pk,
        "created_at": "2026-11-30T10:00:00+01:00",
        "due_date": "2026-12-07",
        "working_days": 5,
        "route_possible": True,
        "reason": "",
    }
    assert counts() == (1, 2)
    assert "Idempotent-Replayed" not in response.headers


def test_r08_r26_a_transfer_on_an_open_point_keeps_the_contact_open(agent, reference_data):
    point = make_point(phone={"number": "011 12 34 56", "transfer_mode": "open"})
    response = post(agent, {"point": point.pk, "channel": "phone", "idempotency_key": "t"})
    assert response.status_code == 201, response.content
    assert (response.json()["state"], response.json()["contact_closed"]) == ("recorded", False)
    assert counts() == (1, 0)


def test_a_repeated_idempotency_key_answers_the_same_result(agent, reference_data):
    point = make_point()
    first = post(agent, body(point))
    again = post(agent, body(point, question="Een andere vraag"))
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again.headers["Idempotent-Replayed"] == "true"
    assert counts() == (1, 2)


def test_the_same_key_of_another_agent_is_another_escalation(
    agent, voorlichter, reference_data, django_user_model
):
    from conftest import make_user
    from core import roles

    point = make_point()
    post(agent, body(point))
    other = Client()
    other.force_login(make_user("collega", roles.VOORLICHTER))
    assert post(other, body(point)).status_code == 201
    assert Escalation.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"citizen": {**CITIZEN, "national_number": "85.07.30-033.29"}},
            "citizen.national_number",
            "Dit rijksregisternummer klopt niet: de controlecijfers passen niet bij de andere "
            "cijfers. Kijk het na.",
        ),
        (
            {"citizen": {**CITIZEN, "national_number": "12345"}},
            "citizen.national_number",
            "Een rijksregisternummer heeft 11 cijfers, bijv. 85.07.30-033.28.",
        ),
        ({"citizen": {**CITIZEN, "name": ""}}, "citizen.name", "Vul de naam van de burger in."),
        ({"question": "  "}, "question", "Vul de vraag van de burger in."),
        (
            {"citizen": {"name": "Jan"}},
            "citizen.email",
            "Vul een e-mailadres of telefoonnummer van de burger in, zodat de dienst hem kan "
            "contacteren.",
        ),
        ({"line": "GEEN"}, "line", "Deze lijncode bestaat niet."),
        ({"point": 999999}, "point", "Dit escalatiepunt bestaat niet of is niet gepubliceerd."),
        ({"point": 2**70}, "point", "Dit escalatiepunt bestaat niet of is niet gepubliceerd."),
        ({"idempotency_key": " "}, "idempotency_key", "Geef een idempotentiesleutel mee"),
        ({"idempotency_key": "k" * 101}, "idempotency_key", "hoogstens 100 tekens"),
        ({"point": True}, "point", "Vul een geheel getal in."),
        ({"point": "1"}, "point", "Vul een geheel getal in."),
        ({"channel": "fax"}, "channel", "Kies een van: 'email' of 'phone'."),
        ({"citizen": {"name": ["x"]}}, "citizen.name", "Vul tekst in."),
        ({"citizen": "Jan"}, "citizen", "Geef een object."),
        ({"extra": {"a": [1]}}, "extra", "Onbekend veld."),
    ],
)
def test_r14_bad_input_is_a_dutch_400_per_field_and_records_nothing(
    agent, reference_data, changes, field, message
):
    point = make_point()
    response = post(agent, body(point, **changes))
    assert response.status_code == 400, response.content
    assert any(message in text for text in response.json()["errors"][field]), response.json()
    assert counts() == (0, 0)


def test_r03_a_required_rijksregisternummer_that_is_missing_is_a_400(agent, reference_data):
    point = make_point(email={"address": "jacht@anb.example.be", "requires_national_number": True})
    response = post(agent, body(point, citizen={**CITIZEN, "national_number": ""}))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "citizen.national_number": [
            "Dit escalatiepunt vraagt altijd het rijksregisternummer van de burger."
        ]
    }


def test_r11_a_point_that_forbids_e_mail_refuses(agent, reference_data):
    point = make_point(email={"address": "jacht@anb.example.be", "forward_allowed": False})
    response = post(agent, body(point))
    assert response.status_code == 400
    assert "(R11)" in response.json()["errors"]["channel"][0]
    assert counts() == (0, 0)


def test_r16_an_exception_closing_the_e_mail_channel_refuses(agent, reference_data):
    point = make_point(exceptions=[ExceptionDocumentFactory(channel="email", message="Teamdag.")])
    response = post(agent, body(point), THURSDAY_10)
    assert response.status_code == 400
    assert response.json()["errors"]["channel"] == [
        "Het e-mailkanaal van dit escalatiepunt is gesloten: Teamdag."
    ]
    assert counts() == (0, 0)


def test_r17_a_transfer_outside_hours_needs_a_reason(agent, reference_data):
    point = make_point()
    transfer = {"point": point.pk, "channel": "phone", "idempotency_key": "t"}
    refused = post(agent, transfer, MONDAY_EVENING)
    assert refused.status_code == 400
    assert refused.json()["errors"]["reason"] == [
        "Doorschakelen kan nu niet: Buiten de telefonische bereikbaarheid. Geef een reden op als "
        "je toch doorschakelt."
    ]
    assert counts() == (0, 0)
    given = post(agent, {**transfer, "reason": "Dringend"}, MONDAY_EVENING)
    assert given.status_code == 201
    assert (given.json()["route_possible"], given.json()["reason"]) == (False, "Dringend")


def test_nul_characters_and_huge_strings_never_crash(agent, reference_data):
    point = make_point()
    nul = post(agent, body(point, question="Vraag\x00 met NUL", idempotency_key="k\x00"))
    assert nul.status_code == 201
    assert Escalation.objects.get().question == "Vraag met NUL"
    huge = post(agent, body(point, question="x" * 6000, idempotency_key="other"))
    assert huge.status_code == 400
    assert huge.json()["errors"]["question"] == ["Maximaal 5000 tekens."]
    assert post(agent, "{not json").status_code == 400


def test_who_may_escalate(client, reference_data, redacteur, beheerder):
    point = make_point()
    assert post(Client(), body(point)).status_code == 401
    assert post(token_client(redacteur), body(point)).status_code == 403
    assert post(token_client(beheerder), body(point)).status_code == 403
    assert counts() == (0, 0)


def test_get_shows_ones_own_escalation_with_its_delivery_state(agent, voorlichter, reference_data):
    point = make_point()
    created = post(agent, body(point)).json()
    response = get(agent, created["id"])
    assert response.status_code == 200
    data = response.json()
    assert {key: data[key] for key in created} == created
    assert data["citizen"] == {**CITIZEN, "national_number": "85073003328"}
    assert (data["question"], data["note"]) == (
        "Hoe lang is mijn jachtverlof geldig?",
        "Belde al twee keer.",
    )
    assert data["personal_data_erased"] is False
    assert [(m["kind"], m["state"]) for m in data["messages"]] == [
        ("service", "pending"),
        ("citizen", "pending"),
    ]
    assert (data["line"], data["delivery"], data["point_title"]) == (
        "1700",
        "email",
        "ANB - Team Jacht",
    )


def test_get_hides_other_agents_escalations_and_a_beheerder_sees_all(
    agent, reference_data, redacteur, beheerder
):
    from conftest import make_user
    from core import roles

    created = post(agent, body(make_point())).json()
    colleague = token_client(make_user("collega", roles.VOORLICHTER))
    assert get(colleague, created["id"]).status_code == 404
    assert get(colleague, 999999).status_code == 404
    assert get(token_client(redacteur), created["id"]).status_code == 403
    assert get(token_client(beheerder), created["id"]).json()["reference"] == created["reference"]
    assert get(agent, 2**70).status_code == 404
    assert get(Client(), created["id"]).status_code == 401


def test_after_the_retention_period_get_shows_no_citizen_data(agent, voorlichter, reference_data):
    created = post(agent, body(make_point())).json()
    later = "2027-03-01T10:00:00+01:00"  # more than 90 days later
    with time_machine.travel(later, tick=False):
        assert erase_expired_personal_data() == 1
        agent.force_login(voorlichter)  # a session of that day
    data = get(agent, created["id"], later).json()
    assert data["personal_data_erased"] is True
    assert (data["citizen"], data["question"], data["note"]) == (None, None, None)
    assert "Jan Janssens" not in json.dumps(data)
    assert data["reference"] == created["reference"]
    assert OutboxMessage.objects.get(kind=MessageKind.CITIZEN).recipient == "(gewist)"
