"""Shared fixtures: the three roles, reference data and a publishable point as JSON."""

import copy
import os
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import sync_playwright

from core import roles
from points.schedules import clear_caches
from reference.models import EditorialDomain, LineCode, Organisation, ReportingTheme


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password="test-password-1700")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def fresh_schedule_caches():
    """Schedules are cached per process; a rolled-back test database must not leak into
    the next test through them."""

    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def redacteur(db):
    return make_user("redacteur", roles.REDACTEUR)


@pytest.fixture
def voorlichter(db):
    return make_user("voorlichter", roles.VOORLICHTER)


@pytest.fixture
def beheerder(db):
    return make_user("beheerder", roles.BEHEERDER)


@pytest.fixture
def reference_data(db):
    anb = Organisation.objects.create(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    Organisation.objects.create(abbreviation="ANB-JACHT", name="ANB - Team Jacht", parent=anb)
    Organisation.objects.create(abbreviation="VMM", name="Vlaamse Milieumaatschappij")
    LineCode.objects.create(code="WONEN", name="Wonen en energie")
    EditorialDomain.objects.create(name="Natuur")
    ReportingTheme.objects.create(name="Jacht")
    return {"anb": anb}


VALID_POINT = {
    "status": "published",
    "editorial_title": "ANB - Team Jacht",
    "instructions": "Escalatie per mail? Vermeld altijd rijksregisternummer.",
    "content": "Agentschap voor Natuur en Bos\nJachtverlof",
    "phone": {"number": "011 12 34 56"},
    "email": {"address": "jacht@anb.example.be"},
    "phone_hours": {"mon": [["09:00", "12:00"], ["13:00", "16:00"]]},
    "handling_term": {"info": "Voor dossiers die meer onderzoek vereisen, duurt het langer."},
    "search_terms": ["jachtverlof"],
    "reporting": {"editorial_domains": ["Natuur"], "theme": "Jacht", "organisation": "ANB"},
    "agreements": {
        "date": (date.today() - timedelta(days=7)).isoformat(),
        "with": "Diensthoofd Team Jacht",
    },
}


@pytest.fixture
def point_data(reference_data):
    """A complete, publishable point in the API's JSON shape (a fresh copy per test)."""
    return copy.deepcopy(VALID_POINT)


# --- Real browser (Debian's chromium through Playwright; never a downloaded browser) -----

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Browsertests hebben Debian's chromium nodig: apt-get install chromium")
    # Playwright's sync API runs an event loop; the ORM calls in the test body are still
    # made from this one thread, never concurrently.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/cms/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "test-password-1700")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cms/")
