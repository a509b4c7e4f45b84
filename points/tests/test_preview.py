"""The CMS preview shows the card as agents see it: hours, availability, due date (R16-R18)."""

import pytest
import time_machine
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from points.tests.admin_forms import point_form_data
from points.tests.card_text import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, redacteur, reference_data):
    client.user = redacteur
    return client


def preview_html(client, url, data):
    client.force_login(client.user)  # inside the travelled time: a session of "now"
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:3000]
    assert response.json()["is_valid"]
    return visible_text(client.get(url).content)


def exception_row(starts_at, ends_at, message):
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "channel": "phone",
        "whole_days": "",
        "replacement_hours": "",
        "message": message,
    }


def test_r16_only_current_and_coming_exceptions_are_shown(editor_client):
    url = reverse("wagtailsnippets_points_escalationpoint:preview_on_add")
    rows = inline_formset(
        [
            exception_row(
                "2026-12-07 00:00", "2026-12-07 12:00", "Nu: niet bereikbaar tot 12 uur."
            ),
            exception_row("2026-12-17 00:00", "2026-12-18 00:00", "Straks: teamdag december."),
        ]
    )
    with time_machine.travel("2026-12-07T10:00:00+01:00", tick=False):
        html = preview_html(editor_client, url, point_form_data(exceptions=rows))
    assert "Nu: niet bereikbaar tot 12 uur." in html
    assert (
        "Gepland vanaf donderdag 17 december 00:00 tot vrijdag 18 december 00:00 (telefoon): "
        "Straks: teamdag december." in html
    )
    assert "Nu niet: weer vanaf 13:00." in html


def test_r17_r18_preview_shows_summary_availability_and_due_date(editor_client):
    url = reverse("wagtailsnippets_points_escalationpoint:preview_on_add")
    week = {day: [("09:00", "12:00"), ("13:00", "16:00")] for day in ["mon", "tue", "wed", "thu"]}
    week["fri"] = [("09:00", "12:00")]
    with time_machine.travel("2026-12-24T16:30:00+01:00", tick=False):
        html = preview_html(editor_client, url, point_form_data(week=week))
    assert "ma–do 09:00–12:00, 13:00–16:00; vr 09:00–12:00" in html
    assert "Buiten de telefonische bereikbaarheid." in html
    assert "Nu niet: weer vanaf maandag 09:00." in html
    assert "uiterlijk op maandag 4 januari 2027" in html
