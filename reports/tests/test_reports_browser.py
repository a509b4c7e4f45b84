"""A teamleider opens the escalation report in a real browser (Debian's chromium) through the
Rapporten menu and sees the charts and the table with the same numbers, with nothing blocked
by the Content-Security-Policy."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_user
from core import roles
from reference.factories import OrganisationFactory, ReportingThemeFactory
from reports.factories import EscalationRecordFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


@pytest.fixture
def escalations_this_month(migration_rows):
    anb = OrganisationFactory(abbreviation="ANB", name="Agentschap voor Natuur en Bos")
    vmm = OrganisationFactory(abbreviation="VMM", name="Vlaamse Milieumaatschappij")
    jacht = ReportingThemeFactory(name="Jacht")
    now = timezone.now()
    for days_ago in (1, 2, 3):
        EscalationRecordFactory(
            created_at=now - timedelta(days=days_ago),
            reporting_organisation=anb,
            reporting_theme=jacht,
        )
    EscalationRecordFactory(
        created_at=now - timedelta(days=2), reporting_organisation=vmm, email=True
    )
    make_user("teamleider", roles.TEAMLEIDER)


def test_a_teamleider_opens_the_report_and_sees_the_chart(
    page, live_server, login, escalations_this_month
):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security" in message.text else None
        ),
    )
    login(page, "teamleider")

    page.get_by_role("button", name="Rapporten").click()
    page.get_by_role("link", name="Escalaties", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Escalaties")
    chart = page.get_by_role("img", name="Escalaties in de tijd")
    expect(chart).to_be_visible()
    expect(page.get_by_role("img", name="Top 10 rapporteringsorganisaties")).to_be_visible()
    assert chart.locator("rect").count() >= 1
    table = page.locator("#listing-results table.listing").last
    expect(table.locator("tbody tr").first).to_contain_text("ANB - Agentschap voor Natuur en Bos")
    expect(table.locator("tbody tr").first).to_contain_text("3")
    expect(page.get_by_text("4 escalaties")).to_be_visible()
    page.get_by_text("Cijfers van deze grafiek").nth(1).click()
    expect(
        page.get_by_role("row", name="ANB - Agentschap voor Natuur en Bos 3", exact=True)
    ).to_be_visible()
    assert blocked == []
