"""Escalating in a real browser (Debian's chromium): a voorlichter opens a card, writes an
e-mail escalation, previews and sends it and sees the confirmation; a transfer outside the
phone hours asks for a reason first. The escalation pages meet no serious or critical
accessibility violation (axe-core), at 1280 and at 360 px."""

import pytest
from django.urls import reverse

from console.tests.test_console_browser import (  # noqa: F401 (axe_page is a fixture)
    axe_page,
    console_login,
    serious_violations,
)
from escalations.models import Escalation, EscalationChannel, OutboxMessage
from points.factories import EscalationPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN = {
    "#id_name": "Jan Janssens",
    "#id_email": "jan.janssens@example.be",
    "#id_national_number": "85.07.30-033.28",
    "#id_question": "Hoe lang is mijn jachtverlof geldig?",
    "#id_note": "Belde al twee keer.",
}


@pytest.fixture
def mail_point(migration_rows, voorlichter, reference_data):
    """A point whose e-mail route is open; it has no phone hours, so transferring is never
    possible without a reason."""
    return EscalationPointFactory(phone_hours={})


def escalate_by_email(page, live_server, point) -> Escalation:
    """From the card to the confirmation: fill in the form, preview, send. Returns the
    recorded escalation (the confirmation shows its reference)."""
    page.goto(f"{live_server.url}{reverse('console:point', args=[point.pk])}")
    page.get_by_role("link", name="E-mail escalatie opstellen").click()
    page.wait_for_url(f"**{reverse('console:email', args=[point.pk])}")
    assert "Vermeld altijd rijksregisternummer" in page.locator(".card__instructions").inner_text()
    for selector, value in CITIZEN.items():
        page.fill(selector, value)
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("heading", name="Aan de dienst").wait_for()
    assert "Hoe lang is mijn jachtverlof geldig?" in page.locator("#service-body").inner_text()
    assert "jan.janssens@example.be" in page.locator(".message-preview").nth(1).inner_text()
    page.get_by_role("button", name="Versturen").click()
    page.get_by_role("heading", name="E-mail escalatie verstuurd").wait_for()
    escalation = Escalation.objects.get(channel=EscalationChannel.EMAIL)
    assert page.locator(".reference").inner_text() == escalation.reference
    return escalation


@pytest.mark.parametrize("size", [(1280, 800), (360, 740)])
def test_a_voorlichter_escalates_by_e_mail_from_a_card(
    page, live_server, mail_point, size, smtp_sink
):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    console_login(page, live_server)
    escalation = escalate_by_email(page, live_server, mail_point)
    assert "Afgeleverd" in page.locator(".escalation-state").inner_text()  # delivered inline
    assert "uiterlijk op" in page.locator(".handling-term").inner_text()
    assert "Het contact is afgesloten" in page.locator(".contact-state").inner_text()
    assert OutboxMessage.objects.filter(escalation=escalation).count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    received = {mail["To"]: mail for mail in smtp_sink.wait_for(2)}
    to_service = received[mail_point.email_address]
    assert escalation.reference in to_service["Subject"]
    assert escalation.question in to_service.get_content()
    assert escalation.reference in received[escalation.citizen_email].get_content()


def test_a_transfer_outside_the_phone_hours_asks_a_reason_first(page, live_server, mail_point):
    console_login(page, live_server)
    page.goto(f"{live_server.url}{reverse('console:point', args=[mail_point.pk])}")
    page.get_by_role("button", name="Doorschakelen").click()
    page.get_by_label("Reden om toch door te schakelen").wait_for()
    assert "Doorschakelen kan nu niet" in page.locator(".notice").inner_text()
    assert Escalation.objects.count() == 0
    page.get_by_label("Reden om toch door te schakelen").fill("De dienst vroeg het zelf.")
    page.get_by_role("button", name="Toch doorschakelen").click()
    page.get_by_role("heading", name="Doorschakeling geregistreerd").wait_for()
    escalation = Escalation.objects.get()
    assert (escalation.route_possible, escalation.reason) == (False, "De dienst vroeg het zelf.")


@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_no_serious_violation_on_the_escalation_pages(
    axe_page,  # noqa: F811 (the fixture imported above)
    live_server,
    mail_point,
    width,
):
    page = axe_page
    page.set_viewport_size({"width": width, "height": 800})
    console_login(page, live_server)
    found = {}
    page.goto(f"{live_server.url}{reverse('console:email', args=[mail_point.pk])}")
    found["form"] = serious_violations(page)
    page.get_by_role("button", name="Voorbeeld bekijken").click()  # empty: every error shown
    page.locator("#error-summary").wait_for()
    found["form_with_errors"] = serious_violations(page)
    for selector, value in CITIZEN.items():
        page.fill(selector, value)
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    page.get_by_role("heading", name="Aan de dienst").wait_for()
    found["preview"] = serious_violations(page)
    page.get_by_role("button", name="Versturen").click()
    page.locator(".reference").wait_for()
    found["confirmation"] = serious_violations(page)
    page.goto(f"{live_server.url}{reverse('console:my_escalations')}")
    found["mine"] = serious_violations(page)
    page.goto(f"{live_server.url}{reverse('console:point', args=[mail_point.pk])}")
    found["point_with_recent"] = serious_violations(page)
    page.get_by_role("button", name="Doorschakelen").click()
    page.get_by_label("Reden om toch door te schakelen").wait_for()
    found["transfer_reason"] = serious_violations(page)
    assert found == {name: [] for name in found}
