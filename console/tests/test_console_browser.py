"""The console in a real browser (Debian's chromium): log in on the console's own page, search
and open a card with the keyboard, watch the state *now* change with the clock and with an
exception without a reload, copy the number, read it at 360 px, and meet no serious or
critical accessibility violation (axe-core)."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from calendar_engine import BRUSSELS, WEEKDAY_KEYS, belgian_closing_days
from knowledge.factories import QuestionFactory, publish_points
from points.factories import EscalationPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "test-password-1700"
AXE = Path(settings.BASE_DIR) / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
EVERY_DAY = {day: [["09:00", "12:00"], ["13:00", "16:00"]] for day in WEEKDAY_KEYS}


def console_login(page, live_server, username: str = "voorlichter") -> None:
    page.goto(f"{live_server.url}/contactcenter/")
    assert "/contactcenter/aanmelden/" in page.url
    assert page.locator("h1").inner_text() == "Aanmelden op de contactcentersite"
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/contactcenter/")


def active(page) -> dict:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName, id: document.activeElement.id,"
        " text: document.activeElement.textContent.trim()})"
    )


@pytest.fixture
def linked_point(migration_rows, voorlichter, reference_data, topic):
    point = EscalationPointFactory(phone_hours=EVERY_DAY)
    EscalationPointFactory(editorial_title="ANB - Jacht - Wildschade", phone_hours=EVERY_DAY)
    publish_points(topic, [point])
    QuestionFactory(question="Hoe vraag ik een jachtverlof aan?", topic=topic, points=[point])
    return point


@pytest.mark.parametrize("size", [(1280, 800), (360, 740)])
def test_log_in_search_and_open_a_card_with_the_keyboard(page, live_server, linked_point, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    refused = []  # what the Content-Security-Policy blocked (chromium logs each refusal)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )
    console_login(page, live_server)
    page.keyboard.press("/")
    assert active(page)["id"] == "console-q"
    page.keyboard.type("jacht")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contactcenter/?q=jacht")
    results_url = page.url

    page.keyboard.press("/")
    page.keyboard.press("ArrowDown")
    first = active(page)
    assert first["tag"] == "A"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert active(page) == first
    for _ in range(20):  # down through the results to the point's card
        if active(page)["text"] == "ANB - Team Jacht":
            break
        page.keyboard.press("ArrowDown")
    assert active(page)["text"] == "ANB - Team Jacht"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('console:point', args=[linked_point.pk])}")
    assert page.locator("h1.card__title").inner_text() == "ANB - Team Jacht"

    page.keyboard.press("Escape")
    assert active(page)["id"] == "console-q"
    page.keyboard.press("Escape")  # in the search box on a card: back to the results
    page.wait_for_url(results_url)

    page.locator("summary", has_text="Sneltoetsen").click()
    assert "naar het zoekvak" in page.locator(".shortcuts").inner_text()
    assert refused == []


def test_typing_a_slash_in_the_search_box_is_just_a_slash(page, live_server, linked_point):
    console_login(page, live_server)
    page.click("#console-q")
    page.keyboard.type("a/b")
    assert page.input_value("#console-q") == "a/b"


def next_open_weekday(after: date) -> date:
    day = after + timedelta(days=1)
    closed = belgian_closing_days([day.year, day.year + 1])
    while day in closed:
        day += timedelta(days=1)
    return day


def test_the_state_now_changes_with_the_clock_and_with_an_exception(
    page, live_server, migration_rows, voorlichter, reference_data
):
    # A day near the real one, so the browser's cookies are not from another year.
    day = next_open_weekday(date.today())
    just_before_noon = datetime(day.year, day.month, day.day, 11, 59, 56, tzinfo=BRUSSELS)
    noon = just_before_noon + timedelta(seconds=4)
    no_mail = {
        "starts_at": noon.isoformat(),
        "ends_at": (noon + timedelta(hours=2)).isoformat(),
        "channel": "email",
        "message": "Vanmiddag geen escalaties per e-mail.",
    }
    with time_machine.travel(just_before_noon - timedelta(minutes=5), tick=True):
        point = EscalationPointFactory(phone_hours=EVERY_DAY, exceptions=[no_mail])
    with time_machine.travel(just_before_noon - timedelta(seconds=4), tick=True):
        console_login(page, live_server)
        page.goto(f"{live_server.url}{reverse('console:point', args=[point.pk])}")
        phone = page.locator('[data-now="phone"]')
        email = page.locator('[data-now="email"]')
        assert "Ja: doorschakelen kan nu, tot 12:00." in phone.inner_text()
        assert "Ja: doorsturen per e-mail kan." in email.inner_text()
        assert "Gepland vanaf" in page.locator('[data-now="exceptions-upcoming"]').inner_text()

        expect(phone).to_contain_text("Nu niet", timeout=20000)  # no reload
        assert "Nu niet: weer vanaf 13:00." in phone.inner_text()
        assert "Nu niet: weer vanaf 14:00." in email.inner_text()
        assert "Vanmiddag geen escalaties per e-mail." in email.inner_text()
        assert (
            "Vanmiddag geen escalaties per e-mail." in page.locator(".card__exception").inner_text()
        )
        assert page.locator('[data-now="exceptions-upcoming"]').inner_text().strip() == ""


def test_the_copy_button_copies_the_number(page, live_server, linked_point):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    console_login(page, live_server)
    page.goto(f"{live_server.url}{reverse('console:point', args=[linked_point.pk])}")
    assert page.locator("a.route__link").first.get_attribute("href") == "tel:+3211123456"
    page.get_by_role("button", name="Kopieer nummer").click()
    assert page.evaluate("navigator.clipboard.readText()") == "011 12 34 56"
    assert page.get_by_role("button", name="Gekopieerd").is_visible()


@pytest.mark.parametrize("width", [360, 400])
def test_no_horizontal_scrolling_and_every_flag_visible_on_a_narrow_screen(
    page, live_server, linked_point, topic, width
):
    page.set_viewport_size({"width": width, "height": 800})
    console_login(page, live_server)
    for path in (
        "/contactcenter/?q=jacht",
        reverse("console:item", args=["topic", topic.pk]),
        reverse("console:point", args=[linked_point.pk]),
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        for flag in page.locator(".route__flags dd, .route__value").all():
            box = flag.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, path


SERIOUS = ("serious", "critical")


@pytest.fixture
def axe_page(browser, browser_locale):
    """A page that may take axe-core as an injected script: Playwright injects the file's
    text inline, which the console's policy (scripts from 'self' only) would refuse."""
    context = browser.new_context(locale=browser_locale, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def serious_violations(page) -> list:
    if not AXE.exists():
        pytest.fail("axe-core ontbreekt: make axe (npm install --prefix var/node axe-core@4.14.1)")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in violations
        if violation["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_no_serious_violation_on_the_console_pages(
    axe_page, live_server, linked_point, topic, width
):
    page = axe_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/contactcenter/aanmelden/")
    found = {"login": serious_violations(page)}
    console_login(page, live_server)
    for name, path in (
        ("start", "/contactcenter/"),
        ("results", "/contactcenter/?q=jacht"),
        ("item", reverse("console:item", args=["topic", topic.pk])),
        ("point", reverse("console:point", args=[linked_point.pk])),
    ):
        page.goto(f"{live_server.url}{path}")
        found[name] = serious_violations(page)
    assert found == {name: [] for name in found}
