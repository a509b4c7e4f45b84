"""The parts of a card that change with the clock are served again at /contactcenter/punten/nu/,
with the number of seconds until the next change (a slot opens or closes, an exception
starts or ends, midnight), so the console updates them without a reload (R16, R17)."""

import re

import pytest
import time_machine
from django.urls import reverse

from points.factories import PLANNING_DAY, EscalationPointFactory, ExceptionDocumentFactory
from points.schedules import SAFETY_REFRESH_SECONDS
from points.tests.card_text import visible_text

pytestmark = pytest.mark.django_db

WEEK = {
    day: [["09:00", "12:00"], ["13:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
}
URL = "/contactcenter/punten/nu/"


@pytest.fixture
def agent(client, voorlichter):
    client.user = voorlichter
    return client


def make_point(**document):
    with time_machine.travel(PLANNING_DAY, tick=False):
        return EscalationPointFactory(phone_hours=WEEK, **document)


def now_parts(agent, query: str, moment: str):
    with time_machine.travel(moment, tick=False):
        agent.force_login(agent.user)
        response = agent.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    cards = dict(re.findall(r'<div data-point="(\d+)" data-refresh-in="(\d+)">', html))
    return html, {int(pk): int(seconds) for pk, seconds in cards.items()}


def test_url_of_the_state_now():
    assert reverse("console:points_now") == URL


@pytest.mark.parametrize(
    ("moment", "seconds", "state"),
    [
        ("2026-12-07T11:59:30+01:00", 30, "✔ Ja: doorschakelen kan nu, tot 12:00."),
        ("2026-12-07T12:00:00+01:00", 3600, "✘ Nu niet: weer vanaf 13:00."),
        ("2026-12-07T12:59:59+01:00", 1, "✘ Nu niet: weer vanaf 13:00."),
        ("2026-12-07T13:00:00+01:00", SAFETY_REFRESH_SECONDS, "✔ Ja: doorschakelen kan nu"),
        ("2026-12-07T23:59:50+01:00", 10, "✘ Nu niet: weer vanaf morgen 09:00."),
    ],
)
def test_r17_the_state_now_says_when_to_ask_again(agent, reference_data, moment, seconds, state):
    point = make_point()
    html, refresh = now_parts(agent, f"id={point.pk}", moment)
    assert state in visible_text(html)
    assert refresh == {point.pk: min(seconds, SAFETY_REFRESH_SECONDS)}


def test_r16_an_exception_starting_soon_is_when_to_ask_again(agent, reference_data):
    team_meeting = ExceptionDocumentFactory(
        starts_at="2026-12-07T10:30:00+01:00",
        ends_at="2026-12-07T11:00:00+01:00",
        channel="both",
        message="Teamoverleg: even niet bereikbaar.",
    )
    point = make_point(exceptions=[team_meeting])
    html, refresh = now_parts(agent, f"id={point.pk}", "2026-12-07T10:29:00+01:00")
    assert "✔ Ja: doorschakelen kan nu, tot 10:30." in visible_text(html)
    assert refresh == {point.pk: 60}
    html, refresh = now_parts(agent, f"id={point.pk}", "2026-12-07T10:30:00+01:00")
    text = visible_text(html)
    assert "✘ Nu niet: weer vanaf 11:00. Teamoverleg: even niet bereikbaar." in text
    assert text.count("Teamoverleg: even niet bereikbaar.") == 3  # box, phone and e-mail
    assert refresh == {point.pk: SAFETY_REFRESH_SECONDS}  # the end is 30 minutes away


def test_several_cards_in_one_request_and_only_published_points(agent, reference_data):
    first = make_point()
    second = make_point(editorial_title="ANB - Wildschade")
    draft = make_point(editorial_title="ANB - Concept", status="draft")
    query = f"id={first.pk}&id={second.pk}&id={draft.pk}&id={first.pk}"
    _, refresh = now_parts(agent, query, "2026-12-07T10:00:00+01:00")
    assert set(refresh) == {first.pk, second.pk}


@pytest.mark.parametrize(
    "query", ["", "id=", "id=abc", "id=-1", "id=0", "id=99999999999999999999999", "id=%00"]
)
def test_bad_ids_give_nothing_not_an_error(agent, reference_data, query):
    make_point()
    _, refresh = now_parts(agent, query, "2026-12-07T10:00:00+01:00")
    assert refresh == {}


def test_the_state_now_is_for_agents_only(client, reference_data, django_user_model):
    point = make_point()
    response = client.get(f"{URL}?id={point.pk}")
    assert response.status_code == 302
    assert response["Location"].startswith("/contactcenter/aanmelden/")
    client.force_login(django_user_model.objects.create_user("burger", password="x"))
    assert client.get(f"{URL}?id={point.pk}").status_code == 403
