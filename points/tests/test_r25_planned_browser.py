"""R25 in a real browser: an editor plans a change in the CMS, and the console shows it once
its moment has passed and a worker applied it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from points import planning
from points.factories import EscalationPointFactory
from points.models import ChangeState, ScheduledChange

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


def test_r25_a_change_planned_in_the_cms_shows_in_the_console_when_its_moment_passes(
    page, live_server, login, redacteur, reference_data
):
    point = EscalationPointFactory()
    moment = timezone.localtime() + timedelta(minutes=2)
    login(page, "redacteur")
    page.goto(f"{live_server.url}/cms/snippets/points/escalationpoint/edit/{point.pk}/")
    page.click("#tab-label-geplande_wijzigingen")
    page.get_by_role("link", name="Wijziging plannen").click()
    page.fill("#id_effective_at", moment.strftime("%Y-%m-%d %H:%M"))
    page.fill("#id_phone_number", "02/553.21.00")
    page.fill("#id_handling_working_days", "10")
    page.get_by_role("button", name="Wijziging plannen").click()
    page.wait_for_selector("text=/De wijziging is gepland op/")
    page.click("#tab-label-geplande_wijzigingen")
    assert page.get_by_text("Telefoonnummer: 02 553 21 00").is_visible()

    card = f"{live_server.url}{reverse('console:point', args=[point.pk])}"
    page.goto(card)
    assert page.get_by_text("011 12 34 56").first.is_visible()
    assert page.get_by_text("02 553 21 00").count() == 0

    change = ScheduledChange.objects.get()
    assert planning.apply_due_changes(change.effective_at - timedelta(seconds=1)) == 0
    assert planning.apply_due_changes(change.effective_at) == 1  # what a worker does then

    page.goto(card)
    assert page.get_by_text("02 553 21 00").first.is_visible()
    assert page.get_by_text("011 12 34 56").count() == 0
    assert page.get_by_text("10 werkdagen").first.is_visible()
    assert ScheduledChange.objects.get().state == ChangeState.APPLIED
