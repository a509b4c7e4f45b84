"""The editor's CMS in a real browser: warnings for a point no agent can use (item 8), an
exception that is already over refused (R16), a public title that follows a rename (R2)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from points.factories import EscalationPointFactory
from points.models import EscalationPoint

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


def edit(page, live_server, point) -> None:
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/edit/{point.pk}/")


def publish(page) -> None:
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()


def test_a_paying_number_is_published_with_a_warning(
    page, live_server, login, redacteur, reference_data
):
    point = EscalationPointFactory()
    login(page, "redacteur")
    edit(page, live_server, point)
    page.click("#tab-label-contact")
    page.fill("#id_phone_number", "070/22.02.00")
    publish(page)
    page.wait_for_selector("text=/gewijzigd en gepubliceerd/")
    assert page.get_by_text("070 22 02 00 is een betaalnummer").is_visible()


def test_r16_an_exception_that_is_over_is_refused_in_the_form(
    page, live_server, login, redacteur, reference_data
):
    point = EscalationPointFactory()
    yesterday = timezone.localtime() - timedelta(days=1)
    login(page, "redacteur")
    edit(page, live_server, point)
    page.click("#tab-label-contact")
    page.get_by_role("button", name="Voeg afwijkende bereikbaarheid toe").click()
    page.locator("input[name$='-starts_at']").last.fill(yesterday.strftime("%Y-%m-%d 09:00"))
    page.locator("input[name$='-ends_at']").last.fill(yesterday.strftime("%Y-%m-%d 12:00"))
    page.locator("input[name$='-message']").last.fill("Niet bereikbaar.")
    publish(page)
    page.click("#tab-label-contact")
    page.wait_for_selector("text=Deze periode is al voorbij")
    assert not EscalationPoint.objects.get(pk=point.pk).exceptions.exists()


def test_r02_the_public_title_follows_a_rename_in_the_form(
    page, live_server, login, redacteur, reference_data
):
    point = EscalationPointFactory()
    login(page, "redacteur")
    edit(page, live_server, point)
    assert page.input_value("#id_public_title") == ""
    page.fill("#id_editorial_title", "ANB - Jacht en Wildbeheer")
    publish(page)
    page.wait_for_selector("text=/gewijzigd en gepubliceerd/")
    saved = EscalationPoint.objects.get(pk=point.pk)
    assert saved.shown_public_title == "ANB - Jacht en Wildbeheer"
