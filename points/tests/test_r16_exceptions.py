"""R16: deviating availability is for now or later; once over it disappears by itself, from
the card and from what the API gives agents; a message should not name an internal reason."""

import pytest
import time_machine
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from points import rules
from points.factories import EscalationPointFactory, PointDocumentFactory
from points.tests.admin_forms import point_form_data, publish

pytestmark = pytest.mark.django_db

BASE = "/api/v1/escalation-points"
NOW = "2026-12-07T10:00:00+01:00"
TEAM_DAY = {
    "starts_at": "2026-12-10T00:00:00+01:00",
    "ends_at": "2026-12-11T00:00:00+01:00",
    "channel": "phone",
    "message": "Telefonisch niet bereikbaar op donderdag 10-12-2026.",
}


@pytest.mark.parametrize(
    "ends_at", ["2026-12-01T00:00:00+01:00", "2026-12-07T09:59:00+01:00", "2020-01-01T00:00:00"]
)
def test_r16_a_new_exception_that_is_already_over_is_refused(client, redacteur, ends_at):
    exception = {**TEAM_DAY, "starts_at": "2019-12-31T00:00:00+01:00", "ends_at": ends_at}
    with time_machine.travel(NOW, tick=False):
        document = PointDocumentFactory(exceptions=[exception])
        client.force_login(redacteur)
        response = client.post(BASE, document, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]["exceptions.0.ends_at"] == [rules.EXCEPTION_ALREADY_OVER]


def test_r16_the_cms_refuses_a_new_exception_that_is_already_over(
    client, redacteur, reference_data
):
    over = {
        "starts_at": "2026-12-01 09:00",
        "ends_at": "2026-12-01 12:00",
        "channel": "phone",
        "whole_days": "",
        "replacement_hours": "",
        "message": "Niet bereikbaar op dinsdag 01-12-2026.",
    }
    with time_machine.travel(NOW, tick=False):
        data = publish(point_form_data(exceptions=inline_formset([over])))
        client.force_login(redacteur)
        response = client.post(reverse("wagtailsnippets_points_escalationpoint:add"), data)
    assert response.status_code == 200
    assert rules.EXCEPTION_ALREADY_OVER in response.content.decode()


@pytest.mark.parametrize(
    ("moment", "shown"),
    [("2026-12-10T23:59:59+01:00", True), ("2026-12-11T00:00:01+01:00", False)],
)
def test_r16_an_exception_is_shown_until_it_ends_then_disappears(
    client, voorlichter, moment, shown
):
    with time_machine.travel(NOW, tick=False):
        point = EscalationPointFactory(exceptions=[TEAM_DAY])
    with time_machine.travel(moment, tick=False):
        client.force_login(voorlichter)
        detail = client.get(f"{BASE}/{point.pk}").json()
        card = client.get(reverse("console:point", args=[point.pk])).content.decode()
    messages = [exception["message"] for exception in detail["exceptions"]]
    assert messages == ([TEAM_DAY["message"]] if shown else [])
    assert (TEAM_DAY["message"] in card) is shown


@pytest.mark.parametrize(
    ("message", "warned"),
    [
        ("Telefonisch niet bereikbaar wegens teamdag.", True),
        ("Niet bereikbaar wegens ziekte.", True),
        ("Niet bereikbaar omwille van een opleiding.", True),
        ("Personeelsdag: telefonisch niet bereikbaar.", True),
        ("Telefonisch niet bereikbaar op donderdag 10-12-2026.", False),
        ("Enkel bereikbaar van 10 tot 12 uur.", False),
    ],
)
def test_r16_a_message_that_names_an_internal_reason_is_flagged(client, redacteur, message, warned):
    with time_machine.travel(NOW, tick=False):
        document = PointDocumentFactory(exceptions=[{**TEAM_DAY, "message": message}])
        client.force_login(redacteur)
        warnings = client.post(BASE, document, content_type="application/json").json()["warnings"]
    assert (rules.INTERNAL_REASON_WARNING.format(message=message) in warnings) is warned
