"""'Doorschakelen' on a card (R6, R8, R17, R26): within the phone hours one POST records the
transfer; outside them, on a closing day, during an exception or when transfer is not
allowed, nothing is recorded until the agent gives a reason; a point without a number
offers no transfer."""

import pytest
from django.urls import reverse
from django.utils import timezone

from console import card_cache
from console.tests.escalating import (
    CHRISTMAS_10,
    MONDAY_10,
    MONDAY_EVENING,
    THURSDAY_10,
    at,
    counts,
    hidden_value,
    make_point,
    text_of,
    transfer_url,
)
from escalations.models import Escalation
from knowledge.factories import publish_points
from points.factories import ExceptionDocumentFactory

pytestmark = pytest.mark.django_db


def open_card(client, point) -> str:
    response = client.get(reverse("console:point", args=[point.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_r17_transfer_within_the_phone_hours_records_one_escalation(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        key = hidden_value(open_card(client, point), "idempotency_key")
        response = client.post(transfer_url(point), {"idempotency_key": key}, follow=True)
    escalation = Escalation.objects.get()
    assert (escalation.channel, escalation.agent, escalation.point) == ("phone", voorlichter, point)
    assert escalation.route_possible and escalation.reason == ""
    text = text_of(response)
    assert "Doorschakeling geregistreerd" in text
    assert f"Referentie: {escalation.reference}" in text
    assert escalation.reference == f"E-2026-{escalation.pk:06d}"


@pytest.mark.parametrize(
    ("mode", "closed", "sentence"),
    [
        (
            "closed",
            True,
            "Het contact is afgesloten in het contactcenter (manier van doorschakelen: gesloten).",
        ),
        ("open", False, "Het contact blijft open (manier van doorschakelen: open)."),
    ],
)
def test_r08_r26_the_record_and_the_confirmation_say_whether_the_contact_is_closed(
    client, voorlichter, reference_data, mode, closed, sentence
):
    point = make_point(phone={"number": "011 12 34 56", "transfer_mode": mode})
    with at(client, voorlichter, MONDAY_10):
        response = client.post(transfer_url(point), {"idempotency_key": "k1"}, follow=True)
    assert Escalation.objects.get().contact_closed is closed
    assert sentence in text_of(response)


def test_r08_the_card_explains_open_and_gesloten_next_to_the_action(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        text = text_of(client.get(reverse("console:point", args=[point.pk])))
    assert (
        "Gesloten: het contactcenter sluit het contact af na doorschakelen of doorsturen. "
        "Open: het contact blijft open in het contactcenter." in text
    )
    assert "Na escaleren wordt het contact afgesloten (gesloten)." in text


def test_a_double_submit_records_one_transfer_and_shows_the_same_confirmation(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        first = client.post(transfer_url(point), {"idempotency_key": "same"})
        second = client.post(transfer_url(point), {"idempotency_key": "same"})
    assert Escalation.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("moment", "document", "why", "next_open"),
    [
        (
            MONDAY_EVENING,
            {},
            "Doorschakelen kan nu niet: Buiten de telefonische bereikbaarheid.",
            "Doorschakelen kan weer vanaf morgen 09:00.",
        ),
        (
            CHRISTMAS_10,
            {},
            "Doorschakelen kan nu niet: Gesloten: Kerstmis.",
            "Doorschakelen kan weer vanaf maandag 09:00.",
        ),
        (
            THURSDAY_10,
            {"exceptions": [ExceptionDocumentFactory(message="Teamdag: niet bereikbaar.")]},
            "Doorschakelen kan nu niet: Teamdag: niet bereikbaar.",
            "Doorschakelen kan weer vanaf morgen 09:00.",
        ),
        (
            MONDAY_10,
            {"phone": {"number": "011 12 34 56", "transfer_allowed": False}},
            "Doorschakelen naar dit escalatiepunt is niet toegestaan.",
            None,
        ),
    ],
    ids=["outside-hours", "closing-day", "exception", "not-allowed"],
)
def test_r17_a_transfer_that_is_not_possible_now_asks_a_reason_and_records_nothing_until_given(
    client, voorlichter, reference_data, moment, document, why, next_open
):
    point = make_point(**document)
    with at(client, voorlichter, moment):
        asked = client.post(transfer_url(point), {"idempotency_key": "k"})
        assert asked.status_code == 200
        text = text_of(asked)
        assert why in text
        assert (next_open in text) if next_open else ("kan weer vanaf" not in text)
        assert "Er is nog niets geregistreerd." in text
        assert counts() == (0, 0)

        empty = client.post(transfer_url(point), {"idempotency_key": "k", "step": "reden"})
        assert empty.status_code == 400
        assert "Vul een reden in om toch door te schakelen." in text_of(empty)
        assert counts() == (0, 0)

        reason = "Burger in nood, dienst vroeg om door te schakelen."
        done = client.post(
            transfer_url(point),
            {
                "idempotency_key": hidden_value(asked.content.decode(), "idempotency_key"),
                "step": "reden",
                "reason": reason,
            },
            follow=True,
        )
    escalation = Escalation.objects.get()
    assert (escalation.route_possible, escalation.reason) == (False, reason)
    assert reason in text_of(done)


def test_r17_a_reason_that_is_too_long_is_refused_next_to_the_field(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_EVENING):
        response = client.post(
            transfer_url(point), {"idempotency_key": "k", "step": "reden", "reason": "x" * 501}
        )
    assert response.status_code == 400
    assert "Maximaal 500 tekens." in text_of(response)
    assert counts() == (0, 0)


def test_r06_a_point_without_a_number_offers_no_transfer(client, voorlichter, reference_data):
    point = make_point(phone={"number": ""}, phone_hours={})
    with at(client, voorlichter, MONDAY_10):
        html = open_card(client, point)
        assert transfer_url(point) not in html
        assert "Doorschakelen" not in text_of(client.get(reverse("console:point", args=[point.pk])))
        refused = client.post(transfer_url(point), {"idempotency_key": "k", "reason": "toch"})
    assert refused.status_code == 400
    assert "Dit escalatiepunt heeft geen telefoonnummer: escaleer per e-mail (R6)." in text_of(
        refused
    )
    assert counts() == (0, 0)


def test_the_card_on_a_knowledge_item_page_transfers_too(
    client, voorlichter, reference_data, topic
):
    point = make_point()
    publish_points(topic, [point])
    with at(client, voorlichter, MONDAY_10):
        html = client.get(reverse("console:item", args=["topic", topic.pk])).content.decode()
        assert transfer_url(point) in html
        client.post(transfer_url(point), {"idempotency_key": hidden_value(html, "idempotency_key")})
    assert Escalation.objects.get().point == point


def test_a_redacteur_sees_no_escalation_buttons_and_may_not_transfer(
    client, redacteur, reference_data
):
    point = make_point()
    with at(client, redacteur, MONDAY_10):
        html = open_card(client, point)
        response = client.post(transfer_url(point), {"idempotency_key": "k"})
    assert transfer_url(point) not in html
    assert response.status_code == 403
    assert counts() == (0, 0)


def test_the_kept_card_body_holds_no_csrf_token_or_key_and_every_page_gets_a_fresh_key(
    client, voorlichter, reference_data
):
    point = make_point()
    with at(client, voorlichter, MONDAY_10):
        first = hidden_value(open_card(client, point), "idempotency_key")
        second = hidden_value(open_card(client, point), "idempotency_key")  # from the kept body
        point.refresh_from_db()
        kept = card_cache.bodies.get(point.pk, point.live_revision_id, timezone.now())
    assert first != second
    assert card_cache.ACTIONS_MARK in kept.value
    assert "csrfmiddlewaretoken" not in kept.value and first not in kept.value
