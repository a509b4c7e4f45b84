"""Escalating a question through the one service the console and the API share: what is
recorded, what is refused (with a Dutch message, recording nothing), and the two messages
(R6, R8, R11, R13, R14, R16-R18, R20, R26)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from conftest import make_user
from core import roles
from escalations import handling
from escalations.factories import CitizenFactory, EmailRequestFactory, TransferRequestFactory
from escalations.models import Escalation, EscalationState, OutboxMessage
from escalations.services import (
    EscalationRefused,
    MayNotEscalate,
    erase_expired_personal_data,
    escalate,
    preview,
    recent_for_agent,
    recent_for_point,
)
from points.factories import PLANNING_DAY, EscalationPointFactory, ExceptionDocumentFactory
from reference.factories import ClosingDayFactory, LineCodeFactory

pytestmark = pytest.mark.django_db

MONDAY_MORNING = "2026-11-30T10:00:00+01:00"  # the point's phone hours: Mon 9-12, 13-16
MONDAY_NOON = "2026-11-30T12:30:00+01:00"
TUESDAY = "2026-12-01T10:00:00+01:00"


@pytest.fixture
def at_monday_morning():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


def refused(agent, request) -> dict[str, list[str]]:
    before = (Escalation.objects.count(), OutboxMessage.objects.count())
    with pytest.raises(EscalationRefused) as refusal:
        escalate(agent=agent, request=request)
    assert (Escalation.objects.count(), OutboxMessage.objects.count()) == before
    return refusal.value.errors


def email(point, **changes):
    citizen = CitizenFactory(**changes.pop("citizen", {}))
    return EmailRequestFactory(point_id=point.pk, citizen=citizen, **changes)


# --- Transfer (R8, R17, R26) ---------------------------------------------------------------


def test_r26_a_transfer_within_the_hours_is_recorded_and_closes_the_contact(
    point, voorlichter, at_monday_morning
):
    escalation, created = escalate(
        agent=voorlichter, request=TransferRequestFactory(point_id=point.pk)
    )

    assert created
    assert escalation.state == EscalationState.RECORDED
    assert escalation.contact_closed is True
    assert escalation.route_possible is True
    assert escalation.point_title == "ANB - Team Jacht"
    assert escalation.reporting_organisation.abbreviation == "ANB"
    assert [domain.name for domain in escalation.editorial_domains.all()] == ["Natuur"]
    assert escalation.reference == f"E-2026-{escalation.pk:06d}"
    assert not OutboxMessage.objects.exists()


def test_r08_r26_a_transfer_to_an_open_point_keeps_the_contact_open(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(phone={"number": "011 12 34 56", "transfer_mode": "open"})

    escalation, _ = escalate(agent=voorlichter, request=TransferRequestFactory(point_id=point.pk))

    assert escalation.contact_closed is False


@pytest.mark.parametrize(
    ("moment", "why"),
    [
        (MONDAY_NOON, "Doorschakelen kan nu niet"),
        (TUESDAY, "Doorschakelen kan nu niet"),
        ("2026-11-29T10:00:00+01:00", "Doorschakelen kan nu niet"),  # Sunday
    ],
)
def test_r17_a_transfer_outside_the_hours_needs_a_reason(point, voorlichter, moment, why):
    with time_machine.travel(moment, tick=False):
        errors = refused(voorlichter, TransferRequestFactory(point_id=point.pk))
        escalation, _ = escalate(
            agent=voorlichter,
            request=TransferRequestFactory(point_id=point.pk, reason="Burger in nood"),
        )

    assert why in errors["reason"][0]
    assert "Geef een reden op" in errors["reason"][0]
    assert escalation.route_possible is False
    assert escalation.reason == "Burger in nood"


def test_r17_a_transfer_on_a_closing_day_needs_a_reason(point, voorlichter):
    ClosingDayFactory(day=timezone.datetime(2026, 11, 30).date(), name="Teamdag ANB")

    with time_machine.travel(MONDAY_MORNING, tick=False):
        errors = refused(voorlichter, TransferRequestFactory(point_id=point.pk))

    assert "Teamdag ANB" in errors["reason"][0]


def test_r16_a_transfer_during_a_phone_exception_needs_a_reason_and_names_it(
    reference_data, voorlichter
):
    with time_machine.travel(PLANNING_DAY, tick=False):
        point = EscalationPointFactory(
            exceptions=[
                ExceptionDocumentFactory(
                    starts_at="2026-12-07T00:00:00+01:00",
                    ends_at="2026-12-08T00:00:00+01:00",
                    message="Telefonisch niet bereikbaar op maandag 7-12-2026.",
                )
            ]
        )
    with time_machine.travel("2026-12-07T10:00:00+01:00", tick=False):
        errors = refused(voorlichter, TransferRequestFactory(point_id=point.pk))

    assert "Telefonisch niet bereikbaar op maandag 7-12-2026" in errors["reason"][0]


def test_r07_a_transfer_the_point_does_not_allow_needs_a_reason(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(
        phone={"number": "011 12 34 56", "transfer_allowed": False, "share_with_citizen": True}
    )

    errors = refused(voorlichter, TransferRequestFactory(point_id=point.pk))

    assert "niet toegestaan" in errors["reason"][0]


def test_r06_a_point_without_number_cannot_be_transferred_to_even_with_a_reason(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(phone={"number": ""}, phone_hours={})

    errors = refused(voorlichter, TransferRequestFactory(point_id=point.pk, reason="toch"))

    assert "geen telefoonnummer" in errors["channel"][0]


def test_r22_a_draft_or_unknown_point_cannot_be_escalated_to(point, voorlichter):
    for point_id in (point.pk + 1000, -1, 0, 2**70, "1", True, None):
        errors = refused(voorlichter, TransferRequestFactory(point_id=point_id))
        assert errors == {"point": ["Dit escalatiepunt bestaat niet of is niet gepubliceerd."]}


def test_an_unknown_channel_is_refused(point, voorlichter):
    errors = refused(voorlichter, TransferRequestFactory(point_id=point.pk, channel="fax"))

    assert "channel" in errors


def test_only_agents_and_beheerders_may_escalate(point, redacteur, at_monday_morning):
    with pytest.raises(MayNotEscalate):
        escalate(agent=redacteur, request=TransferRequestFactory(point_id=point.pk))
    assert not Escalation.objects.exists()


# --- E-mail escalation: what is refused ------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("85.07.30-033.29", "controlecijfers"),
        ("85073003329", "controlecijfers"),
        ("8507300332", "11 cijfers"),
        ("850730033281", "11 cijfers"),
        ("85.07.30-033.2A", "enkel cijfers"),
        ("abcdefghijk", "enkel cijfers"),
        ("85.13.30-033.xx", "enkel cijfers"),
        ("85.13.40-033.61", "geboortedatum"),
    ],
)
def test_an_invalid_rijksregisternummer_is_refused(
    point, voorlichter, at_monday_morning, number, message
):
    errors = refused(voorlichter, email(point, citizen={"national_number": number}))

    assert message in errors["citizen.national_number"][0]


@pytest.mark.parametrize(
    ("number", "kept"),
    [
        ("85.07.30-033.28", "85073003328"),
        ("85073003328", "85073003328"),
        (" 85 07 30 033 28 ", "85073003328"),
        ("85.47.30-033.17", "85473003317"),  # a BIS number (month + 40)
    ],
)
def test_a_valid_rijksregisternummer_or_bis_number_is_kept_as_digits(
    point, voorlichter, at_monday_morning, number, kept
):
    escalation, _ = escalate(
        agent=voorlichter, request=email(point, citizen={"national_number": number})
    )

    assert escalation.citizen_national_number == kept


def test_a_point_that_asks_it_requires_the_rijksregisternummer(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(
        email={"address": "jacht@anb.example.be", "requires_national_number": True}
    )

    errors = refused(voorlichter, email(point, citizen={"national_number": ""}))

    assert errors["citizen.national_number"] == [
        "Dit escalatiepunt vraagt altijd het rijksregisternummer van de burger."
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"citizen": {"name": ""}}, "citizen.name", "Vul de naam van de burger in."),
        ({"citizen": {"name": " \n\t "}}, "citizen.name", "Vul de naam van de burger in."),
        ({"citizen": {"name": "\x00\x01"}}, "citizen.name", "Vul de naam van de burger in."),
        ({"citizen": {"name": "J" * 201}}, "citizen.name", "Maximaal 200 tekens."),
        ({"question": ""}, "question", "Vul de vraag van de burger in."),
        ({"question": "x" * 5001}, "question", "Maximaal 5000 tekens."),
        ({"note": "x" * 2001}, "note", "Maximaal 2000 tekens."),
        ({"citizen": {"email": "", "phone": ""}}, "citizen.email", "e-mailadres of telefoon"),
        ({"citizen": {"email": "jan@"}}, "citizen.email", "geen geldig e-mailadres"),
        ({"citizen": {"email": "https://jan.be"}}, "citizen.email", "geen website"),
        ({"citizen": {"phone": "12"}}, "citizen.phone", "geen geldig telefoonnummer"),
        ({"citizen": {"phone": "011 ab 34 56"}}, "citizen.phone", "Verwijder de letters"),
        ({"line_code": "BESTAAT-NIET"}, "line", "Deze lijncode bestaat niet."),
        ({"idempotency_key": "k" * 101}, "idempotency_key", "hoogstens 100 tekens"),
    ],
)
def test_bad_citizen_data_is_refused_in_dutch(
    point, voorlichter, at_monday_morning, changes, field, message
):
    errors = refused(voorlichter, email(point, **changes))

    assert message in " ".join(errors[field])


def test_r11_a_point_that_forbids_forwarding_by_email_refuses_it(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(
        email={
            "address": "jacht@anb.example.be",
            "forward_allowed": False,
            "share_with_citizen": True,
        }
    )

    errors = refused(voorlichter, email(point, reason="toch"))

    assert "de burger moet de mail zelf sturen" in errors["channel"][0]


def test_r16_an_exception_on_the_email_channel_refuses_email(reference_data, voorlichter):
    with time_machine.travel(PLANNING_DAY, tick=False):
        point = EscalationPointFactory(
            exceptions=[
                ExceptionDocumentFactory(
                    starts_at="2026-12-07T00:00:00+01:00",
                    ends_at="2026-12-08T00:00:00+01:00",
                    channel="email",
                    message="Mailbox verhuist op 7-12-2026.",
                )
            ]
        )
    with time_machine.travel("2026-12-07T10:00:00+01:00", tick=False):
        errors = refused(voorlichter, email(point, reason="toch"))

    assert errors["channel"] == [
        "Het e-mailkanaal van dit escalatiepunt is gesloten: Mailbox verhuist op 7-12-2026."
    ]


def test_a_point_without_address_cannot_be_escalated_by_email(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(email={"address": ""})

    errors = refused(voorlichter, email(point))

    assert "geen e-mailadres" in errors["channel"][0]


def test_an_email_escalation_outside_the_phone_hours_needs_no_reason(point, voorlichter):
    with time_machine.travel(TUESDAY, tick=False):
        escalation, _ = escalate(agent=voorlichter, request=email(point))

    assert escalation.route_possible is True


# --- E-mail escalation: what is recorded and sent -------------------------------------------


def test_r18_an_email_escalation_is_queued_with_its_due_date(point, voorlichter):
    with time_machine.travel("2026-11-27T10:00:00+01:00", tick=False):  # a Friday
        escalation, _ = escalate(agent=voorlichter, request=email(point))

    assert escalation.state == EscalationState.QUEUED
    assert escalation.working_days == 5
    assert escalation.due_date.isoformat() == "2026-12-04"
    assert escalation.service_address == "jacht@anb.example.be"
    assert escalation.citizen_national_number == "85073003328"
    messages = {message.kind: message for message in escalation.messages.all()}
    assert messages["service"].recipient == "jacht@anb.example.be"
    assert messages["citizen"].recipient == "jan.janssens@example.be"


def test_r14_the_preview_shows_exactly_the_messages_that_are_sent(
    point, voorlichter, at_monday_morning
):
    request = email(point)

    shown = preview(agent=voorlichter, request=request)
    escalation, _ = escalate(agent=voorlichter, request=request)

    sent = {message.kind: message for message in escalation.messages.all()}
    for kind, message in (("service", shown.to_service), ("citizen", shown.to_citizen)):
        expected_subject = message.subject.replace("E-2026-(volgt)", escalation.reference)
        assert sent[kind].subject == expected_subject
        # The reference and the confirmation link (R18) exist once the escalation does.
        expected_body = message.body.replace("E-2026-(volgt)", escalation.reference).replace(
            handling.NOT_YET, handling.confirmation_url(escalation.pk)
        )
        assert sent[kind].body == expected_body
    assert Escalation.objects.count() == 1


def test_r14_the_message_to_the_service_carries_what_the_service_needs(
    point, voorlichter, at_monday_morning
):
    escalation, _ = escalate(agent=voorlichter, request=email(point))

    body = escalation.messages.get(kind="service").body
    for expected in (
        "Hoe lang blijft mijn jachtverlof geldig?",
        "Jan Janssens",
        "jan.janssens@example.be",
        "0477 12 34 56",
        "85.07.30-033.28",
        "Burger belde al twee keer.",
        "1700 Andere Vragen",
        escalation.reference,
        "maandag 7 december 2026",
    ):
        assert expected in body


def test_r13_r18_the_citizen_hears_the_term_and_never_the_service_address(
    point, voorlichter, at_monday_morning
):
    escalation, _ = escalate(agent=voorlichter, request=email(point))

    confirmation = escalation.messages.get(kind="citizen")
    assert "ANB - Team Jacht" in confirmation.subject
    assert "binnen 5 werkdagen" in confirmation.body
    assert "uiterlijk op maandag 7 december 2026" in confirmation.body
    assert "Voor dossiers die meer onderzoek vereisen, duurt het langer." in confirmation.body
    assert "jacht@anb.example.be" not in confirmation.body
    assert "011 12 34 56" not in confirmation.body
    assert "Burger belde al twee keer." not in confirmation.body
    assert "85.07.30-033.28" not in confirmation.body


def test_r09_r13_the_citizen_gets_the_contact_data_the_point_allows_sharing(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(
        phone={"number": "011 12 34 56", "share_with_citizen": True},
        email={"address": "jacht@anb.example.be", "share_with_citizen": False},
    )

    escalation, _ = escalate(agent=voorlichter, request=email(point))

    confirmation = escalation.messages.get(kind="citizen").body
    assert "U kunt de dienst ook zelf bereiken op 011 12 34 56." in confirmation
    assert "jacht@anb.example.be" not in confirmation


def test_r18_without_an_email_address_the_citizen_gets_no_confirmation(
    point, voorlichter, at_monday_morning
):
    escalation, _ = escalate(agent=voorlichter, request=email(point, citizen={"email": ""}))

    assert [message.kind for message in escalation.messages.all()] == ["service"]


def test_r12_a_crm_point_sends_its_message_through_the_crm_route(
    reference_data, voorlichter, at_monday_morning
):
    point = EscalationPointFactory(email={"address": "jacht@anb.example.be", "delivery": "crm"})

    escalation, _ = escalate(agent=voorlichter, request=email(point))

    message = escalation.messages.get(kind="service")
    assert (message.route, message.recipient) == ("crm", "ANB")
    assert escalation.delivery == "crm"


def test_r20_the_line_is_the_agents_own_line_of_the_point(
    reference_data, voorlichter, at_monday_morning
):
    wonen = LineCodeFactory(code="WONEN2", name="Wonen en energie 2")
    wonen.agents.add(voorlichter)
    point = EscalationPointFactory(line_codes=["1700", "WONEN2"])

    chosen, _ = escalate(agent=voorlichter, request=email(point))
    explicit, _ = escalate(agent=voorlichter, request=email(point, line_code="1700"))

    assert chosen.line_code.code == "WONEN2"
    assert explicit.line_code.code == "1700"


def test_control_characters_never_reach_the_record(point, voorlichter, at_monday_morning):
    escalation, _ = escalate(
        agent=voorlichter,
        request=email(point, question="Vraag\x00 met\x07 tekens", citizen={"name": "Jan\x00"}),
    )

    assert escalation.question == "Vraag met tekens"
    assert escalation.citizen_name == "Jan"


def test_a_name_with_line_breaks_cannot_add_mail_headers(point, voorlichter, at_monday_morning):
    point.email_template.subject = "Escalatie {burger}"
    point.email_template.save()

    escalation, _ = escalate(
        agent=voorlichter, request=email(point, citizen={"name": "Jan\r\nBcc: x@evil.example"})
    )

    subject = escalation.messages.get(kind="service").subject
    assert "\n" not in subject and "\r" not in subject


# --- One escalation per submit ----------------------------------------------------------------


def test_a_repeated_idempotency_key_gives_the_same_escalation(
    point, voorlichter, at_monday_morning
):
    request = email(point, idempotency_key="form-123")

    first, created = escalate(agent=voorlichter, request=request)
    again, created_again = escalate(agent=voorlichter, request=request)

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Escalation.objects.count() == 1
    assert OutboxMessage.objects.count() == 2


def test_the_same_key_of_two_agents_is_two_escalations(point, voorlichter, at_monday_morning):
    colleague = make_user("collega", roles.VOORLICHTER)
    request = TransferRequestFactory(point_id=point.pk, idempotency_key="same")

    escalate(agent=voorlichter, request=request)
    escalate(agent=colleague, request=request)

    assert Escalation.objects.count() == 2


# --- Records and retention ------------------------------------------------------------------


def test_r26_latest_escalations_per_point_and_per_agent(point, voorlichter, at_monday_morning):
    colleague = make_user("collega", roles.VOORLICHTER)
    mine, _ = escalate(agent=voorlichter, request=email(point))
    theirs, _ = escalate(agent=colleague, request=TransferRequestFactory(point_id=point.pk))

    assert list(recent_for_point(point.pk)) == [theirs, mine]
    assert list(recent_for_agent(voorlichter)) == [mine]


def test_personal_data_is_erased_after_the_retention_period_keeping_the_record(
    point, voorlichter, settings
):
    settings.ESCALATION_RETENTION_DAYS = 90
    with time_machine.travel(MONDAY_MORNING, tick=False):
        old, _ = escalate(agent=voorlichter, request=email(point))
    with time_machine.travel("2027-03-01T10:00:00+01:00", tick=False):
        recent, _ = escalate(agent=voorlichter, request=email(point))
        erased = erase_expired_personal_data()
        erased_again = erase_expired_personal_data()

    assert (erased, erased_again) == (1, 0)
    old.refresh_from_db()
    recent.refresh_from_db()
    for field in (
        "citizen_name",
        "citizen_email",
        "citizen_phone",
        "citizen_national_number",
        "question",
        "internal_note",
    ):
        assert getattr(old, field) == ""
        assert getattr(recent, field) != ""
    assert old.personal_data_erased_at is not None
    assert old.point_title == "ANB - Team Jacht"
    for message in old.messages.all():
        assert (message.subject, message.body, message.payload) == ("", "", "")
        assert "jan.janssens" not in message.recipient
    assert all(message.body for message in recent.messages.all())
    assert Escalation.objects.count() == 2


def test_the_retention_period_is_counted_in_days(point, voorlichter, settings):
    settings.ESCALATION_RETENTION_DAYS = 30
    with time_machine.travel(MONDAY_MORNING, tick=False):
        escalate(agent=voorlichter, request=email(point))
        moment = timezone.now()

    assert erase_expired_personal_data(moment + timedelta(days=29, hours=23)) == 0
    assert erase_expired_personal_data(moment + timedelta(days=30, seconds=1)) == 1
