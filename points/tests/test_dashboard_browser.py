"""First impressions in a real browser: a Dutch, branded login and a dashboard about
escalation points (the editor's own, drafts waiting, this week's exceptions)."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from points.factories import EscalationPointFactory, ExceptionDocumentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")


def screenshot(page, name: str) -> None:
    """Saved for a person to look at when SCREENSHOTS_DIR is set."""
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("browser_locale", ["en-US"])  # a browser that asks for English
def test_the_login_is_dutch_and_branded(page, live_server):
    page.goto(f"{live_server.url}/cms/login/")
    screenshot(page, "login")
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden bij Escalatiepunten"
    assert page.get_by_label("Wachtwoord").is_visible()
    assert "Wagtail" not in page.inner_text("main")
    assert "Password" not in page.content()
    broken = page.evaluate(
        "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length"
    )
    assert broken == 0


def test_the_dashboard_shows_the_editors_points_drafts_and_this_weeks_exceptions(
    page, live_server, login, redacteur, reference_data
):
    soon = timezone.localtime() + timedelta(days=2)
    team_day = ExceptionDocumentFactory(
        starts_at=soon.replace(hour=0, minute=0, second=0, microsecond=0).isoformat(),
        ends_at=(
            soon.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        ).isoformat(),
        message="Telefonisch niet bereikbaar: teamvergadering.",
    )
    EscalationPointFactory(editorial_title="VMM - Dienst Grondwater", exceptions=[team_day])
    EscalationPointFactory(status="draft", editorial_title="De Lijn - Dienst Abonnementen")
    login(page, "redacteur")
    page.goto(f"{live_server.url}/cms/")
    screenshot(page, "dashboard")
    text = page.inner_text("main")
    assert "127.0.0.1" not in text and "Pagina" not in text
    assert "1 gepubliceerde escalatiepunten" in text
    drafts = text.split("Concepten die wachten op publicatie", 1)[1]
    assert "De Lijn - Dienst Abonnementen" in drafts.split("Afwijkende bereikbaarheid", 1)[0]
    this_week = text.split("Afwijkende bereikbaarheid deze week", 1)[1]
    assert "VMM - Dienst Grondwater: Telefonisch niet bereikbaar: teamvergadering." in this_week
    assert page.get_by_role("link", name="Naar de contactcentersite").is_visible()


def test_r18_a_beheerder_keeps_a_holiday_open_from_the_years_list(
    page, live_server, login, beheerder
):
    login(page, "beheerder")
    page.goto(f"{live_server.url}/cms/")
    page.get_by_role("button", name="Referentiegegevens").click()
    page.get_by_role("link", name="Sluitingsdagen per jaar").click()
    page.fill("#jaar", "2026")
    page.get_by_role("button", name="Toon", exact=True).click()
    christmas = page.locator("tr[data-day='2026-12-25']")
    assert "Kerstmis" in christmas.inner_text()
    christmas.get_by_role("button", name="Niet sluiten").click()
    page.wait_for_selector("text=sluit de escalatiepunten niet meer")
    screenshot(page, "sluitingsdagen")
    assert "Nee, de dienst is bereikbaar" in page.locator("tr[data-day='2026-12-25']").inner_text()


def test_screenshots_of_the_point_form(page, live_server, login, redacteur, reference_data):
    """The add form, the Contact tab with its 24-hour hours and the entity chooser."""
    point = EscalationPointFactory()
    login(page, "redacteur")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/edit/{point.pk}/")
    page.click("#tab-label-contact")
    screenshot(page, "contact_tab")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/add/")
    screenshot(page, "add_form")
    page.click("#tab-label-rapporteren")
    page.get_by_role("button", name="Kies entiteit").click()
    page.locator(".modal-content").get_by_placeholder("Zoeken op afkorting of naam").wait_for()
    screenshot(page, "entity_chooser")
    assert page.locator(".modal-content").get_by_text("Afdeling").count() == 0


def test_point_titles_wrap_between_words_in_the_list(
    page, live_server, login, redacteur, reference_data
):
    EscalationPointFactory(editorial_title="De Lijn - Dienst Abonnementen en Terugbetalingen")
    page.set_viewport_size({"width": 1000, "height": 700})
    login(page, "redacteur")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/")
    screenshot(page, "listing")
    title = page.locator("td.title").first
    assert title.evaluate("cell => cell.getBoundingClientRect().width") >= 16 * 16 - 1
    link = title.locator("a").first
    assert link.evaluate("a => getComputedStyle(a).wordBreak") == "normal"
    assert link.evaluate("a => getComputedStyle(a).overflowWrap") == "normal"
    assert page.locator(".escalatiepunten-logo--sidebar").count() == 1  # the admin's own mark
