"""The e-mail escalation form (R3, R11, R14, R18, R26): instructions above the form, every bad
input refused next to its field with nothing recorded, a preview of exactly the two messages
that are sent, one escalation for a double submit, and a confirmation with the due date."""

import pytest
from django.urls import reverse

from console.tests.escalating import (
    MONDAY_10,
    THURSDAY_10,
    at,
    counts,
    email_url,
    hidden_value,
    make_point,
    text_of,
)
from escalations import handling
from escalations.models import Escalation, MessageKind, OutboxMessage
from points.factories import ExceptionDocumentFactory
from reference.models import LineCode

pytestmark = pytest.mark.django_db

CITIZEN = {
    "name": "Jan Janssens",
    "email": "jan.janssens@example.be",
    "phone": "0477 12 34 56",
    "national_number": "85.07.30-033.28",
    "question": "Hoe lang is mijn jachtverlof geldig?\nIk kreeg het in 2024.",
    "note": "Burger belde al twee keer.",
    "line": "1700",
}


def form_key(client, point) -> str:
    response = client.get(email_url(point))
    assert response.status_code == 200
    return hidden_value(response.content.decode(), "idempotency_key")


def post(client, point, action: str, **changes):
    data = {**CITIZEN, "action": action, **changes}
    if "idempotency_key" not in data:
        data["idempotency_key"] = form_key(client, point)
    return client.post(email_url(point), data)


def test_r03_the_instructions_stand_above_the_form(client, voorlichter, reference_data):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        html = client.get(email_url(point)).content.decode()
    instructions = html.index("Escalatie per mail? Vermeld altijd rijksregisternummer.")
    assert instructions < html.index('<form class="escalation-form"')
    assert "Interne notitie (niet voor de burger)" in visible(html)


def visible(html: str) -> str:
    from points.tests.card_text import visible_text

    return visible_text(html)


def test_r03_a_required_rijksregisternummer_is_marked_required(client, voorlichter, reference_data):
    required = make_point(
        email={"address": "jacht@anb.example.be", "requires_national_number": True}
    )
    optional = make_point(editorial_title="ANB - Wild")
    with at(client, voorlichter, MONDAY_10):
        assert "Rijksregisternummer (verplicht)" in text_of(client.get(email_url(required)))
        assert "Rijksregisternummer (optioneel)" in text_of(client.get(email_url(optional)))


def test_r14_the_preview_shows_exactly_the_two_messages_that_are_sent(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        key = form_key(client, point)
        preview = post(client, point, "voorbeeld", idempotency_key=key)
        assert preview.status_code == 200
        assert counts() == (0, 0)
        shown = preview.context["outgoing"]
        assert "Aan de dienst" in text_of(preview) and "Aan de burger" in text_of(preview)
        assert "jacht@anb.example.be" in text_of(preview)
        sent = post(client, point, "versturen", idempotency_key=key)
    escalation = Escalation.objects.get()
    assert sent.status_code == 302
    service = OutboxMessage.objects.get(kind=MessageKind.SERVICE)
    citizen = OutboxMessage.objects.get(kind=MessageKind.CITIZEN)

    def as_sent(text: str) -> str:  # the number and link are given when it is recorded
        return text.replace("E-2026-(volgt)", escalation.reference).replace(
            handling.NOT_YET, handling.confirmation_url(escalation.pk)
        )

    assert (service.recipient, service.subject, service.body) == (
        shown.to_service.recipient,
        as_sent(shown.to_service.subject),
        as_sent(shown.to_service.body),
    )
    assert (citizen.recipient, citizen.subject, citizen.body) == (
        shown.to_citizen.recipient,
        as_sent(shown.to_citizen.subject),
        as_sent(shown.to_citizen.body),
    )
    html = preview.content.decode()
    for text in (shown.to_service.body, shown.to_citizen.body):
        assert visible(text) in visible(html)
    assert "Ik kreeg het in 2024." in citizen.body or "Ik kreeg het in 2024." in service.body


def test_r14_the_preview_of_a_crm_point_says_the_message_goes_to_the_crm(
    client, voorlichter, reference_data
):
    point = make_point(email={"address": "jacht@anb.example.be", "delivery": "crm"})
    with at(client, voorlichter, MONDAY_10):
        text = text_of(post(client, point, "voorbeeld"))
    assert "Aan het CRM van de dienst (Agentschap voor Natuur en Bos)" in text


def test_r18_without_an_e_mail_address_the_citizen_gets_no_confirmation(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        key = form_key(client, point)
        preview = post(client, point, "voorbeeld", email="", idempotency_key=key)
        assert "Geen bevestiging: de burger gaf geen e-mailadres op." in text_of(preview)
        done = client.get(
            post(client, point, "versturen", email="", idempotency_key=key)["Location"]
        )
    assert list(OutboxMessage.objects.values_list("kind", flat=True)) == [MessageKind.SERVICE]
    assert "Nee: de burger gaf geen e-mailadres op en krijgt geen bevestiging." in text_of(done)


def test_r18_r26_the_confirmation_gives_reference_state_due_date_and_contact_closed(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        response = client.get(post(client, point, "versturen")["Location"])
    escalation = Escalation.objects.get()
    text = text_of(response)
    assert f"Referentie: {escalation.reference}" in text
    assert "Toestand In wachtrij" in text
    assert "De burger hoort binnen 5 werkdagen, uiterlijk op maandag 7 december 2026" in text
    assert (
        "Het contact is afgesloten in het contactcenter (manier van doorschakelen: gesloten)."
        in text
    )
    assert "Ja: de burger krijgt een bevestiging per e-mail." in text
    assert escalation.contact_closed


def test_aanpassen_goes_back_to_the_form_with_the_data_kept(client, voorlichter, reference_data):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        key = form_key(client, point)
        preview = post(client, point, "voorbeeld", idempotency_key=key)
        back = client.post(
            email_url(point),
            {
                **{name: hidden_value(preview.content.decode(), name) for name in CITIZEN},
                "idempotency_key": key,
                "action": "aanpassen",
            },
        )
    html = back.content.decode()
    assert 'value="Jan Janssens"' in html and 'value="85.07.30-033.28"' in html
    assert "Hoe lang is mijn jachtverlof geldig?\nIk kreeg het in 2024.</textarea>" in html
    assert hidden_value(html, "idempotency_key") == key
    assert counts() == (0, 0)


def test_a_double_submit_creates_one_escalation_and_the_same_confirmation(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        key = form_key(client, point)
        first = post(client, point, "versturen", idempotency_key=key)
        second = post(client, point, "versturen", idempotency_key=key)
    assert first["Location"] == second["Location"]
    assert counts() == (1, 2)


CHECKSUM = (
    "Dit rijksregisternummer klopt niet: de controlecijfers passen niet bij de andere cijfers."
)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"national_number": "85.07.30-033.29"}, "national_number", CHECKSUM),
        ({"national_number": "123"}, "national_number", "Een rijksregisternummer heeft 11 cijfers"),
        ({"national_number": "85.07.30-033.2A"}, "national_number", "bevat enkel cijfers"),
        ({"national_number": "85134003361"}, "national_number", "bestaande geboortedatum"),
        ({"name": "  "}, "name", "Vul de naam van de burger in."),
        ({"question": ""}, "question", "Vul de vraag van de burger in."),
        ({"email": "", "phone": ""}, "email", "Vul een e-mailadres of telefoonnummer"),
        ({"line": "GEEN-LIJN"}, "line", "Deze lijncode bestaat niet."),
        ({"note": "x" * 2001}, "note", "Maximaal 2000 tekens."),
    ],
)
@pytest.mark.parametrize("action", ["voorbeeld", "versturen"])
def test_r14_bad_input_is_refused_next_to_its_field_and_nothing_is_recorded(
    client, voorlichter, reference_data, changes, field, message, action
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        response = post(client, point, action, **changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in text_of(response)
    assert f'<a href="#id_{field}">' in html  # in the summary, linked to its field
    assert f'id="{field}-errors"' in html and 'aria-invalid="true"' in html
    if field == "name":
        assert 'value="jan.janssens@example.be"' in html  # what was typed is kept
    assert counts() == (0, 0)


def test_r03_a_required_rijksregisternummer_that_is_missing_is_refused(
    client, voorlichter, reference_data
):
    point = make_point(email={"address": "jacht@anb.example.be", "requires_national_number": True})
    with at(client, voorlichter, MONDAY_10):
        response = post(client, point, "versturen", national_number="")
    assert response.status_code == 400
    assert "Dit escalatiepunt vraagt altijd het rijksregisternummer van de burger." in text_of(
        response
    )
    assert counts() == (0, 0)


def test_r11_a_point_that_forbids_e_mail_offers_no_form_and_refuses_the_post(
    client, voorlichter, reference_data
):
    point = make_point(email={"address": "jacht@anb.example.be", "forward_allowed": False})
    refusal = "laat niet toe dat de vraag per e-mail doorgestuurd wordt (R11)"
    with at(client, voorlichter, MONDAY_10):
        card = client.get(reverse("console:point", args=[point.pk])).content.decode()
        page = client.get(email_url(point))
        posted = post(client, point, "versturen", idempotency_key="k")
    assert email_url(point) not in card
    assert refusal in text_of(page) and "escalation-form" not in page.content.decode()
    assert posted.status_code == 400 and refusal in text_of(posted)
    assert counts() == (0, 0)


def test_r16_an_exception_that_closes_the_e_mail_channel_refuses_the_escalation(
    client, voorlichter, reference_data
):
    closed = ExceptionDocumentFactory(channel="email", message="Geen e-mail op de teamdag.")
    point = make_point(exceptions=[closed])
    with at(client, voorlichter, THURSDAY_10):
        page = client.get(email_url(point))
        posted = post(client, point, "versturen", idempotency_key="k")
    assert "Het e-mailkanaal van dit escalatiepunt is gesloten: Geen e-mail op de teamdag." in (
        text_of(page)
    )
    assert "escalation-form" not in page.content.decode()
    assert posted.status_code == 400
    assert "Geen e-mail op de teamdag." in text_of(posted)
    assert counts() == (0, 0)


def test_r20_the_line_select_puts_the_agents_own_lines_first_and_chooses_the_default(
    client, voorlichter, reference_data
):
    LineCode.objects.get(code="WONEN").agents.add(voorlichter)
    point = make_point(line_codes=["1700", "WONEN"])
    with at(client, voorlichter, MONDAY_10):
        html = client.get(email_url(point)).content.decode()
    select = html[html.index('<select id="id_line"') : html.index("</select>")]
    assert select.index("Wonen en energie (WONEN) — jouw lijn") < select.index("(1700)")
    assert '<option value="WONEN" selected>' in select
