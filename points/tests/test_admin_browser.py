"""An editor builds and publishes a point in a real browser (Playwright + chromium)."""

from datetime import date, timedelta

import pytest

from points.factories import EscalationPointFactory
from points.models import EscalationPoint

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


def test_r02_to_r22_editor_publishes_a_point_through_the_six_tabs(
    page, live_server, login, redacteur, reference_data
):
    login(page, "redacteur")
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
    monday = page.locator("fieldset[data-day=mon]")
    monday.get_by_role("button", name="Tijdslot toevoegen").click()
    monday.get_by_label("Maandag van").fill("09:00")
    monday.get_by_label("Maandag tot").fill("12:00")

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

    page.get_by_role("button", name="Kies entiteit").click()
    chooser = page.locator(".modal-content")
    chooser.get_by_placeholder("Zoeken op afkorting of naam").wait_for()
    assert chooser.get_by_role("link", name="ANB - Team Jacht").count() == 0  # a division
    chooser.get_by_role("link", name="ANB - Agentschap voor Natuur en Bos").click()
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_selector("text='ANB - Team Jacht' aangemaakt en gepubliceerd")

    point = EscalationPoint.objects.get()
    assert point.live
    assert point.phone_number == "011 12 34 56"
    assert [f"{slot}" for slot in point.time_slots.all()] == ["maandag 09:00–12:00"]


def test_the_add_form_never_creates_a_point_by_itself(page, live_server, login, redacteur):
    """No autosave on the add form: an invalid publish or a changed checkbox leaves no empty
    draft, and no point is ever shown as 'EscalationPoint object (n)'."""
    login(page, "redacteur")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/add/")
    page.click("#tab-label-contact")
    page.get_by_label("Ja").first.check()
    page.wait_for_timeout(2000)  # longer than Wagtail's autosave interval
    assert not EscalationPoint.objects.exists()

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_selector("text=kon niet worden aangemaakt vanwege fouten")
    page.wait_for_timeout(2000)
    assert not EscalationPoint.objects.exists()
    assert "object (" not in page.content()
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/")
    assert "(leeg)" not in page.content()
    assert "object (" not in page.content()


def test_r17_editor_builds_a_week_with_the_two_buttons_and_it_round_trips_through_the_api(
    page, live_server, login, redacteur, reference_data
):
    point = EscalationPointFactory(phone_hours={})
    login(page, "redacteur")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/edit/{point.pk}/")
    page.click("#tab-label-contact")

    def day(key):
        return page.locator(f"fieldset[data-day={key}]")

    monday = day("mon")
    assert monday.get_by_text("Niet bereikbaar").is_visible()
    for start, end in [("09:00", "12:00"), ("13:00", "16:00")]:
        monday.get_by_role("button", name="Tijdslot toevoegen").click()
        monday.get_by_label("Maandag van").last.fill(start)
        monday.get_by_label("Maandag tot").last.fill(end)
    url_before = page.url
    for key in ["tue", "wed", "thu", "fri"]:
        day(key).get_by_role("button", name="Vorige dag kopiëren").click()
    assert page.url == url_before  # copied in place, no reload
    assert day("fri").get_by_label("Vrijdag van").count() == 2
    day("fri").get_by_role("button", name="Verwijderen").last.click()  # Friday afternoon off
    day("wed").get_by_label("Woensdag tot").first.fill("12:30")  # a copy is independent

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_selector("text=/gewijzigd en gepubliceerd/")

    response = page.request.get(f"{live_server.url}/api/v1/escalation-points/{point.pk}")
    assert response.status == 200
    assert response.json()["phone_hours"] == {
        "mon": [["09:00", "12:00"], ["13:00", "16:00"]],
        "tue": [["09:00", "12:00"], ["13:00", "16:00"]],
        "wed": [["09:00", "12:30"], ["13:00", "16:00"]],
        "thu": [["09:00", "12:00"], ["13:00", "16:00"]],
        "fri": [["09:00", "12:00"]],
        "sat": [],
        "sun": [],
    }


@pytest.mark.parametrize("browser_locale", ["en-US"])  # a 12-hour clock: 13:00 is "01:00"
def test_r17_hours_read_and_type_as_24_hour_whatever_the_browser_locale(
    page, live_server, login, redacteur, reference_data
):
    point = EscalationPointFactory(phone_hours={"mon": [["13:00", "16:00"]]})
    login(page, "redacteur")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/edit/{point.pk}/")
    page.click("#tab-label-contact")
    monday = page.locator("fieldset[data-day=mon]")
    assert monday.get_by_label("Maandag van").input_value() == "13:00"
    assert monday.get_by_label("Maandag tot").input_value() == "16:00"

    tuesday = page.locator("fieldset[data-day=tue]")
    tuesday.get_by_role("button", name="Tijdslot toevoegen").click()
    start, end = tuesday.get_by_label("Dinsdag van"), tuesday.get_by_label("Dinsdag tot")
    start.press_sequentially("930")
    end.press_sequentially("13")  # the keyboard only: tab from field to field
    start.press("Tab")
    end.press("Tab")
    assert (start.input_value(), end.input_value()) == ("09:30", "13:00")
    wednesday = page.locator("fieldset[data-day=wed]")
    wednesday.get_by_role("button", name="Tijdslot toevoegen").click()
    wednesday.get_by_label("Woensdag van").fill("1315")  # tidied by the server if not here
    wednesday.get_by_label("Woensdag tot").fill("17u")

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_selector("text=/gewijzigd en gepubliceerd/")
    hours = page.request.get(f"{live_server.url}/api/v1/escalation-points/{point.pk}").json()
    assert hours["phone_hours"]["mon"] == [["13:00", "16:00"]]
    assert hours["phone_hours"]["tue"] == [["09:30", "13:00"]]
    assert hours["phone_hours"]["wed"] == [["13:15", "17:00"]]
