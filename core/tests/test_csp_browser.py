"""Every part of the product works under its Content-Security-Policy: a real browser visits
the public site, the API docs, the CMS and the console and meets no CSP violation."""

import pytest
from django.urls import reverse

from knowledge.factories import publish_points

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page):
    """What the browser refused because of the policy (Chromium logs each refusal)."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_the_public_site_and_the_api_docs_run_under_the_policy(
    migration_rows, page, live_server, violations, topic
):
    response = page.goto(f"{live_server.url}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for path in ("/", topic.url, "/zoeken/?q=jagen", "/organisaties/"):
        visit(page, f"{live_server.url}{path}")
    for docs in ("/api/v1/docs", "/api/public/docs"):
        visit(page, f"{live_server.url}{docs}")
        page.wait_for_selector(".swagger-ui .info")
    assert violations == []


def test_the_cms_runs_under_the_policy(
    migration_rows, page, live_server, login, violations, redacteur, point
):
    login(page, "redacteur")
    edit = reverse("wagtailsnippets_points_escalationpoint:edit", args=[point.pk])
    for path in ("/cms/", "/cms/snippets/points/escalationpoint/", edit):
        visit(page, f"{live_server.url}{path}")
    for tab in ("Contact", "Behandeltermijn", "Refereren", "Publiceren", "Rapporteren"):
        page.click(f"a[role=tab]:has-text('{tab}')")
    page.click("a[role=tab]:has-text('Contact')")
    page.click("text=Tijdslot toevoegen >> nth=0")
    assert violations == []


def test_the_console_runs_under_the_policy(
    migration_rows, page, live_server, login, violations, voorlichter, point, topic
):
    publish_points(topic, [point])
    login(page, "voorlichter")
    assert page.url == f"{live_server.url}/contactcenter/"
    for path in (
        "/contactcenter/?q=jacht",
        reverse("console:item", args=["topic", topic.pk]),
        reverse("console:point", args=[point.pk]),
    ):
        visit(page, f"{live_server.url}{path}")
    assert "ANB - Team Jacht" in page.content()
    assert violations == []
