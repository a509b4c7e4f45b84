"""Shared fixtures: the four roles, reference data, a point (as JSON and saved), a topic,
and a real browser with a CMS login."""

import os

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from playwright.sync_api import sync_playwright
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from console import access, card_cache
from core import roles
from core.roles import sync_roles
from escalations.testing import HttpSink, SmtpSink
from knowledge.factories import TopicPageFactory, home_page
from knowledge.models import HomePage
from knowledge.search import forget_kept
from points.factories import EscalationPointFactory, PointDocumentFactory
from points.schedules import clear_caches
from reference.defaults import ensure_defaults
from reference.factories import (
    DivisionFactory,
    EditorialDomainFactory,
    LineCodeFactory,
    OrganisationFactory,
    ReportingThemeFactory,
)

PASSWORD = "test-password-1700"


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def fresh_schedule_caches():
    """Schedules, cards, ranked searches and console access are kept per process; a
    rolled-back test database must not leak into the next test through them."""

    def clear_all():
        clear_caches()
        card_cache.clear()
        forget_kept()
        access.forget()

    clear_all()
    yield
    clear_all()


@pytest.fixture
def migration_rows(transactional_db):
    """A transactional test starts from a flushed database: restore the rows that the
    migrations create (the page tree with its home page and site, roles, the default line
    code and template). Request it before the users."""
    if not Page.objects.exists():
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant("nl"))
        root = Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="Vlaanderen.be (demo)", slug="home"))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    ensure_defaults(apps)
    sync_roles(apps)


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
def teamleider(db):
    return make_user("teamleider", roles.TEAMLEIDER)


@pytest.fixture
def editor(client, redacteur):
    """The test client, logged in as a redacteur."""
    client.force_login(redacteur)
    return client


@pytest.fixture
def reference_data(db):
    """ANB with its division ANB-JACHT, VMM, a second line code, a domain and a theme."""
    anb = OrganisationFactory(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    DivisionFactory(abbreviation="ANB-JACHT", name="ANB - Team Jacht", parent=anb)
    OrganisationFactory(abbreviation="VMM", name="Vlaamse Milieumaatschappij")
    LineCodeFactory(code="WONEN", name="Wonen en energie")
    EditorialDomainFactory(name="Natuur")
    ReportingThemeFactory(name="Jacht")
    return {"anb": anb}


@pytest.fixture
def point_data(reference_data):
    """A complete, publishable point in the API's JSON shape (a fresh copy per test)."""
    return PointDocumentFactory()


@pytest.fixture
def point(reference_data):
    """The published point 'ANB - Team Jacht'."""
    return EscalationPointFactory()


@pytest.fixture
def home(db):
    """The home page the migration creates: the default site's root."""
    return home_page()


@pytest.fixture
def topic(home):
    """A published topic 'Jagen' under the home page."""
    return TopicPageFactory(
        title="Jagen",
        intro="Alles over het jachtverlof en het jachtexamen.",
        body="<p>Wie in Vlaanderen wil jagen, heeft een geldig jachtverlof nodig.</p>",
    )


# --- Real receivers on loopback: an SMTP server for mail, an HTTP server for a CRM ---------


@pytest.fixture
def smtp_sink(settings):
    """A running SMTP server; Django's mail goes to it over SMTP."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    yield sink
    sink.stop()


@pytest.fixture
def crm_sink():
    sink = HttpSink().start()
    yield sink
    sink.stop()


# --- Real browser (Debian's chromium through Playwright; never a downloaded browser) -----

BROWSER_FIXTURES = {"browser", "page", "login"}


def pytest_collection_modifyitems(items):
    """A test that drives the browser must carry the `browser` marker, so that
    `make test-fast` (`-m "not browser"`) really leaves every browser test out."""
    unmarked = [
        item.nodeid
        for item in items
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("browser") is None
    ]
    if unmarked:
        raise pytest.UsageError(f"Markeer deze browsertests met pytest.mark.browser: {unmarked}")


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
def browser_locale() -> str:
    """The browser's language and clock; a test may parametrize it (e.g. en-US, 12-hour)."""
    return "nl-BE"


@pytest.fixture
def page(browser, browser_locale):
    context = browser.new_context(locale=browser_locale, viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def login(live_server):
    """`login(page, username)`: sign a test user in on the live server (the CMS's login
    page); editors land in the CMS, a voorlichter on the contactcenter site."""

    def log_in(page, username: str) -> None:
        page.goto(f"{live_server.url}/cms/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)

    return log_in
