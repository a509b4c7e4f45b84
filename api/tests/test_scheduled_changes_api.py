"""API v1 for planned changes (R25): editors list, plan, edit and cancel; the same rules
and Dutch messages per JSON path as the point's own API."""

import json

import pytest
import time_machine

from points import planning
from points.factories import EscalationPointFactory
from points.models import ChangeState, EscalationPoint, ScheduledChange
from points.tests.planned import at

pytestmark = pytest.mark.django_db

NOW = "2026-12-07 08:00"
LONGER_TERM = {
    "effective_at": "2026-12-07T09:00:00+01:00",
    "revert_at": "2026-12-21T09:00:00+01:00",
    "changes": {"handling_term": {"working_days": 10, "info": "Tijdelijk 10 werkdagen."}},
}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(at(NOW), tick=False):
        yield


@pytest.fixture
def jacht(reference_data):
    return EscalationPointFactory()


def url(point, change=None) -> str:
    base = f"/api/v1/escalation-points/{point.pk}/scheduled-changes"
    return f"{base}/{change.pk if hasattr(change, 'pk') else change}" if change else base


def send(client, method: str, address: str, data=None):
    body = json.dumps(data) if data is not None else ""
    return getattr(client, method)(address, body, content_type="application/json")


def test_r25_an_editor_plans_lists_edits_and_cancels_a_change(editor, jacht):
    created = send(editor, "post", url(jacht), LONGER_TERM)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "planned"
    assert body["state_label"] == "Gepland"
    assert body["planned_by"] == "redacteur"
    assert body["effective_at"] == "2026-12-07T09:00:00+01:00"
    assert body["changes"] == LONGER_TERM["changes"]
    assert body["parts"] == ["behandeltermijn (werkdagen)", "info bij de behandeltermijn"]

    second = send(editor, "post", url(jacht), {**LONGER_TERM, "revert_at": None})
    listed = editor.get(url(jacht)).json()
    assert [item["id"] for item in listed] == [body["id"], second.json()["id"]]

    edited = send(
        editor,
        "put",
        url(jacht, body["id"]),
        {
            "effective_at": "2026-12-08T09:00:00+01:00",
            "changes": {"phone": {"number": "02/5532100"}},
        },
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["changes"] == {"phone": {"number": "02 553 21 00"}}
    assert edited.json()["revert_at"] is None

    assert send(editor, "delete", url(jacht, body["id"])).status_code == 204
    assert ScheduledChange.objects.get(pk=body["id"]).state == ChangeState.CANCELLED
    assert send(editor, "delete", url(jacht, body["id"])).status_code == 409


def test_r25_a_change_that_breaks_a_rule_is_refused_per_json_path(editor, jacht):
    response = send(
        editor,
        "post",
        url(jacht),
        {
            "effective_at": "2026-12-07T07:00:00+01:00",
            "changes": {"phone": {"number": ""}, "email": {"address": "www.example.be"}},
        },
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["effective_at"] == [planning.EFFECTIVE_AT_PAST]
    assert response.json()["detail"] == "De wijziging is niet gepland."
    assert not ScheduledChange.objects.exists()

    response = send(
        editor,
        "post",
        url(jacht),
        {**LONGER_TERM, "changes": {"email": {"address": "www.example.be"}}},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["changes.email.address"][0].startswith(
        "Vul een e-mailadres in"
    )


def test_r25_unknown_parts_and_read_only_parts_are_refused(editor, jacht):
    response = send(
        editor,
        "post",
        url(jacht),
        {**LONGER_TERM, "changes": {"phone": {"nummer": "02 553 21 00"}, "status": "draft"}},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "changes.phone.nummer": ["Onbekend veld."],
        "changes.status": ["Onbekend veld."],
    }


def test_r25_a_change_that_took_effect_cannot_be_edited(editor, jacht):
    change_id = send(editor, "post", url(jacht), LONGER_TERM).json()["id"]
    with time_machine.travel(at("2026-12-07 09:00"), tick=False):
        planning.apply_due_changes()
        response = send(editor, "put", url(jacht, change_id), LONGER_TERM)

    assert response.status_code == 409
    assert response.json()["detail"].startswith("Deze wijziging is toegepast")
    assert EscalationPoint.objects.get(pk=jacht.pk).handling_working_days == 10


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("anonymous", 401, 401),
        ("voorlichter", 403, 403),
        ("redacteur", 200, 201),
        ("beheerder", 200, 201),
    ],
)
def test_r25_only_editors_see_and_plan_changes(
    client, jacht, voorlichter, redacteur, beheerder, role, read, write
):
    users = {"voorlichter": voorlichter, "redacteur": redacteur, "beheerder": beheerder}
    if role in users:
        client.force_login(users[role])

    assert client.get(url(jacht)).status_code == read
    assert send(client, "post", url(jacht), LONGER_TERM).status_code == write


def test_r25_unknown_points_and_changes_of_another_point_are_not_found(
    editor, jacht, reference_data
):
    other = EscalationPointFactory(
        editorial_title="VMM - Grondwater", reporting__organisation="VMM"
    )
    change_id = send(editor, "post", url(jacht), LONGER_TERM).json()["id"]

    assert editor.get("/api/v1/escalation-points/999999/scheduled-changes").status_code == 404
    assert send(editor, "put", url(other, change_id), LONGER_TERM).status_code == 404
    assert send(editor, "delete", url(other, change_id)).status_code == 404
    assert ScheduledChange.objects.get(pk=change_id).state == ChangeState.PLANNED
