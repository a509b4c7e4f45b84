"""Availability and handling term through the API (R16, R17, R18), Brussels time, DST-correct."""

import json

import pytest
import time_machine

from points.factories import (
    OFFICE_HOURS,
    PLANNING_DAY,
    EscalationPointFactory,
    ExceptionDocumentFactory,
)
from points.services import create_or_update_point
from reference.models import ClosingDay, Organisation

pytestmark = pytest.mark.django_db

BASE = "/api/v1/escalation-points"


@pytest.fixture
def point(reference_data):
    thursday_morning_off = ExceptionDocumentFactory(
        ends_at="2026-12-10T12:00:00+01:00",
        message="Telefonisch niet bereikbaar op donderdagvoormiddag 10-12-2026.",
    )
    with time_machine.travel(PLANNING_DAY, tick=False):
        return EscalationPointFactory(
            phone_hours=dict.fromkeys(["mon", "tue", "wed", "thu", "fri"], OFFICE_HOURS),
            exceptions=[thursday_morning_off],
        )


@pytest.fixture
def agent(client, voorlichter):
    client.force_login(voorlichter)
    return client


def availability(client, point, at):
    response = client.get(f"{BASE}/{point.pk}/availability", {"at": at})
    assert response.status_code == 200, response.content
    return response.json()


def test_r17_open_in_a_slot_with_its_closing_time(agent, point):
    body = availability(agent, point, "2026-12-07T10:15:00+01:00")
    assert body == {
        "phone_transfer_possible": True,
        "reason": "open",
        "reason_text": "Doorschakelen is nu mogelijk.",
        "closes_at": "2026-12-07T12:00:00+01:00",
        "next_possible_at": None,
        "exception_message": None,
    }


def test_r17_lunch_break_says_when_it_opens_again(agent, point):
    body = availability(agent, point, "2026-12-07T12:30:00+01:00")
    assert body["phone_transfer_possible"] is False
    assert body["reason"] == "outside_hours"
    assert body["next_possible_at"] == "2026-12-07T13:00:00+01:00"


def test_r16_exception_that_ends_at_noon(agent, point):
    morning = availability(agent, point, "2026-12-10T09:30:00+01:00")
    assert morning["reason"] == "exception"
    assert morning["exception_message"].startswith("Telefonisch niet bereikbaar")
    assert morning["next_possible_at"] == "2026-12-10T13:00:00+01:00"
    assert availability(agent, point, "2026-12-10T13:30:00+01:00")["phone_transfer_possible"]


def test_r18_christmas_is_a_closing_day_with_its_name(agent, point):
    body = availability(agent, point, "2026-12-25T10:00:00+01:00")
    assert body["reason"] == "closing_day"
    assert body["reason_text"] == "Gesloten: Kerstmis."
    assert body["next_possible_at"] == "2026-12-28T09:00:00+01:00"


def test_r18_a_beheerder_bridge_day_and_a_switched_off_holiday(agent, point):
    ClosingDay.objects.create(day="2026-12-24", name="Brugdag")
    ClosingDay.objects.create(day="2026-12-25", name="Kerstmis: toch open", closed=False)
    assert availability(agent, point, "2026-12-24T10:00:00+01:00")["reason_text"] == (
        "Gesloten: Brugdag."
    )
    assert availability(agent, point, "2026-12-25T10:00:00+01:00")["phone_transfer_possible"]


def test_r18_an_organisation_closing_day_applies_only_to_its_points(agent, point):
    ClosingDay.objects.create(
        day="2026-12-08",
        name="Personeelsdag VMM",
        organisation=Organisation.objects.get(abbreviation="VMM"),
    )
    assert availability(agent, point, "2026-12-08T10:00:00+01:00")["phone_transfer_possible"]
    ClosingDay.objects.create(
        day="2026-12-08", name="Personeelsdag ANB", organisation=point.reporting_organisation
    )
    assert availability(agent, point, "2026-12-08T10:00:00+01:00")["reason_text"] == (
        "Gesloten: Personeelsdag ANB."
    )


def test_r17_daylight_saving_next_opening_has_the_right_offset(agent, point):
    march = availability(agent, point, "2026-03-28T18:00:00+01:00")  # Saturday before the change
    assert march["next_possible_at"] == "2026-03-30T09:00:00+02:00"
    easter = availability(agent, point, "2027-03-27T18:00:00+01:00")  # Easter Monday follows
    assert easter["next_possible_at"] == "2027-03-30T09:00:00+02:00"
    october = availability(agent, point, "2026-10-24T18:00:00+02:00")
    assert october["next_possible_at"] == "2026-10-26T09:00:00+01:00"


def test_r17_a_moment_without_zone_is_brussels_time_and_bad_input_is_400(agent, point):
    assert availability(agent, point, "2026-12-07T10:15:00")["phone_transfer_possible"]
    response = agent.get(f"{BASE}/{point.pk}/availability", {"at": "morgen"})
    assert response.status_code == 400
    assert "ISO 8601" in response.json()["detail"]


def test_r06_without_a_phone_number_only_email_is_possible(agent, reference_data):
    point = EscalationPointFactory(phone={"number": ""})
    body = availability(agent, point, "2026-12-07T10:15:00+01:00")
    assert body["reason"] == "no_phone" and body["next_possible_at"] is None


def test_r18_handling_term_spans_christmas_and_new_year(agent, point):
    response = agent.get(f"{BASE}/{point.pk}/handling-term", {"from": "2026-12-24"})
    assert response.json() == {
        "working_days": 5,
        "due_date": "2027-01-04",
        "info": "Voor dossiers die meer onderzoek vereisen, duurt het langer.",
    }
    assert agent.get(f"{BASE}/{point.pk}/handling-term", {"from": "23-12"}).status_code == 400


def test_detail_includes_availability_now_and_the_due_date_from_today(agent, point):
    with time_machine.travel("2026-12-07T10:15:00+01:00", tick=False):
        body = agent.get(f"{BASE}/{point.pk}").json()
    assert body["availability"]["phone_transfer_possible"] is True
    assert body["handling_term"]["due_date"] == "2026-12-14"
    assert body["phone_hours_summary"] == "ma–vr 09:00–12:00, 13:00–16:00"


def test_anonymous_gets_401_on_availability(client, point):
    assert client.get(f"{BASE}/{point.pk}/availability").status_code == 401
    assert json.loads(client.get(f"{BASE}/{point.pk}/handling-term").content)["detail"]


def test_r17_a_published_change_of_hours_or_closing_days_applies_at_once(agent, point, redacteur):
    moment = "2026-12-08T17:00:00+01:00"
    assert availability(agent, point, moment)["phone_transfer_possible"] is False  # cached now
    create_or_update_point(
        point=point,
        user=None,
        data={"status": "published", "phone_hours": {"tue": [["09:00", "18:00"]]}},
    )
    assert availability(agent, point, moment)["phone_transfer_possible"] is True
    ClosingDay.objects.create(day="2026-12-08", name="Teamdag")
    assert availability(agent, point, moment)["reason_text"] == "Gesloten: Teamdag."


def test_r17_a_draft_does_not_change_what_agents_are_told(agent, point):
    moment = "2026-12-08T17:00:00+01:00"
    create_or_update_point(
        point=point,
        user=None,
        data={"status": "draft", "phone_hours": {"tue": [["09:00", "18:00"]]}},
    )
    assert availability(agent, point, moment)["phone_transfer_possible"] is False
