"""An editor builds and publishes a point in a real browser (Playwright + chromium)."""

from datetime import date, timedelta

import pytest

from conftest import login
from points.models import EscalationPoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_r02_to_r22_editor_publishes_a_point_through_the_six_tabs(
    page, live_server, redacteur, reference_data
):
    login(page, live_server, "redacteur")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/add/")
    tabs = page.locator("[role=tab]").all_inner_texts()
    assert [tab.strip() for tab in tabs] == [
        "Inhoud",
        "Contact",
        "Behandeltermijn",
        "Refereren",
        "Publiceren",
        "Rapporteren",
    ]

    page.fill("#id_editorial_title", "ANB - Team Jacht")
    page.fill("#id_instructions", "Escalatie per mail? Vermeld altijd rijksregisternummer.")

    page.click("#tab-label-contact")
    page.fill("#id_phone_number", "+32 (0)11/12.34.56")
    page.fill("#id_email_address", "jacht@anb.example.be")
    page.get_by_role("button", name="Voeg tijdslot toe").click()
    page.select_option("#id_time_slots-0-weekday", "0")
    page.fill("#id_time_slots-0-start", "09:00")
    page.fill("#id_time_slots-0-end", "12:00")

    page.click("#tab-label-publiceren")
    assert page.get_by_label("1700 Andere Vragen").is_checked()
    page.fill("#id_agreements_date", (date.today() - timedelta(days=2)).isoformat())
    page.fill("#id_agreements_with", "Diensthoofd Team Jacht")

    # Publishing without a reporting organisation is refused on the field, in Dutch.
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_selector("text=kon niet worden aangemaakt vanwege fouten")
    page.click("#tab-label-rapporteren")
    page.wait_for_selector("text=Kies de rapporteringsorganisatie: elk escalatiepunt hoort bij")
    assert not EscalationPoint.objects.filter(live=True).exists()

    page.get_by_role("button", name="Kies organisatie").click()
    page.get_by_role("link", name="ANB - Agentschap voor Natuur en Bos").click()
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    # Wagtail autosaves a draft while the editor types, so the message may say 'gewijzigd'.
    page.wait_for_selector("text=/'ANB - Team Jacht' (aangemaakt|gewijzigd) en gepubliceerd/")

    point = EscalationPoint.objects.get()
    assert point.live
    assert point.phone_number == "011 12 34 56"
    assert [f"{slot}" for slot in point.time_slots.all()] == ["maandag 09:00–12:00"]
