"""API v1 for escalation points: the contract's JSON, its defaults and the same rules."""

import copy
import json

import pytest
import time_machine
from django.test import Client
from wagtail.models import APIToken

from calendar_engine.hours import SLOT_END_NOT_AFTER_START
from points import rules
from points.factories import (
    PLANNING_DAY,
    ContactPersonDocumentFactory,
    ExceptionDocumentFactory,
)
from points.models import EscalationPoint
from reference.models import EmailTemplate

pytestmark = pytest.mark.django_db

BASE = "/api/v1/escalation-points"


def post(client, data, url=BASE):
    return client.post(url, json.dumps(data), content_type="application/json")


def put(client, point_id, data):
    return client.put(f"{BASE}/{point_id}", json.dumps(data), content_type="application/json")


def test_r07_r08_r11_r12_r14_r18_r20_left_out_fields_take_the_guideline_defaults(
    editor, point_data
):
    response = post(editor, point_data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "published"
    assert body["public_title"] == "ANB - Team Jacht"
    assert body["phone"] == {
        "number": "011 12 34 56",
        "transfer_allowed": True,
        "transfer_mode": "closed",
        "share_with_citizen": False,
    }
    assert body["email"] == {
        "address": "jacht@anb.example.be",
        "forward_allowed": True,
        "delivery": "email",
        "share_with_citizen": False,
        "template": "1700",
        "requires_national_number": False,
    }
    assert body["handling_term"]["working_days"] == 5
    assert body["line_codes"] == ["1700"]
    assert body["phone_hours"]["mon"] == [["09:00", "12:00"], ["13:00", "16:00"]]
    assert body["phone_hours"]["tue"] == []
    assert body["agreements"]["with"] == "Diensthoofd Team Jacht"
    assert body["reporting"] == {
        "editorial_domains": ["Natuur"],
        "theme": "Jacht",
        "organisation": "ANB",
    }


def test_r05_the_api_normalises_phone_input(editor, point_data):
    point_data["phone"]["number"] = "0032 2 553 21 00"
    assert post(editor, point_data).json()["phone"]["number"] == "02 553 21 00"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"phone": {"number": "abc"}}, "phone.number", rules.PHONE_LETTERS),
        ({"phone": {"number": "011 12"}}, "phone.number", rules.PHONE_INVALID),
        ({"email": {"address": "https://x.be/contact"}}, "email.address", rules.EMAIL_IS_URL),
        (
            {"reporting": {"organisation": "ANB-JACHT"}},
            "reporting.organisation",
            rules.ORGANISATION_NOT_TOP_LEVEL.format(top="Agentschap voor Natuur en Bos"),
        ),
        (
            {"agreements": {"date": None, "with": ""}},
            "agreements.date",
            rules.AGREEMENTS_DATE_REQUIRED,
        ),
        ({"phone": {"number": ""}, "email": {"address": ""}}, "phone.number", rules.NO_ROUTE),
        ({"line_codes": ["ONBEKEND"]}, "line_codes", "Onbekende lijncode 'ONBEKEND'."),
        ({"line_codes": []}, "line_codes", rules.LINE_CODES_REQUIRED),
        (
            {"phone_hours": {"mon": [["12:00", "09:00"]]}},
            "phone_hours.mon",
            SLOT_END_NOT_AFTER_START,
        ),
        (
            {"phone_hours": {"tue": [["09:00", "12:00"], ["11:00", "13:00"]]}},
            "phone_hours.tue",
            "Tijdsloten van dezelfde dag mogen niet overlappen.",
        ),
        (
            {"phone_hours": {"mon": [["9h", "12:00"]]}},
            "phone_hours.mon",
            "Ongeldig tijdstip '9h': gebruik UU:MM, bijvoorbeeld 09:00.",
        ),
    ],
)
def test_r05_r10_r15_r20_r21_r22_bad_input_is_400_with_a_dutch_message_per_field(
    editor, point_data, change, path, message
):
    data = copy.deepcopy(point_data)
    data.update(change)
    response = post(editor, data)
    assert response.status_code == 400
    assert message in response.json()["errors"][path]
    assert not EscalationPoint.objects.exists()


def test_type_errors_are_400_in_dutch_too(editor, point_data):
    point_data["phone"]["transfer_allowed"] = "misschien"
    point_data["handling_term"]["working_days"] = "vijf"
    point_data["onbekend"] = 1
    point_data["phone"]["transfer_mode"] = "half"
    errors = post(editor, point_data).json()["errors"]
    assert errors["phone.transfer_mode"] == ["Kies een van: 'closed' of 'open'."]
    assert errors["phone.transfer_allowed"] == ["Kies true of false."]
    assert errors["handling_term.working_days"] == ["Vul een geheel getal in."]
    assert errors["onbekend"] == ["Onbekend veld."]


def test_r22_a_draft_may_be_created_without_agreements(editor, point_data):
    point_data.update(status="draft", agreements={"date": None, "with": ""})
    response = post(editor, point_data)
    assert response.status_code == 201
    assert response.json()["status"] == "draft"


def test_put_with_bad_input_leaves_the_stored_point_unchanged(editor, point_data):
    point_id = post(editor, point_data).json()["id"]
    before = editor.get(f"{BASE}/{point_id}").json()
    response = put(
        editor,
        point_id,
        {"status": "published", "phone": {"number": "12"}, "editorial_title": "Gewijzigd"},
    )
    assert response.status_code == 400
    assert editor.get(f"{BASE}/{point_id}").json() == before


def test_put_publishes_a_change_and_keeps_what_was_left_out(editor, point_data):
    point_id = post(editor, point_data).json()["id"]
    response = put(editor, point_id, {"status": "published", "phone": {"number": "02/553.21.00"}})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["phone"]["number"] == "02 553 21 00"
    assert body["email"]["address"] == "jacht@anb.example.be"
    assert body["phone_hours"]["mon"] == [["09:00", "12:00"], ["13:00", "16:00"]]


def test_put_as_draft_keeps_the_published_version_for_agents(editor, point_data):
    point_id = post(editor, point_data).json()["id"]
    response = put(editor, point_id, {"status": "draft", "phone": {"number": "02 553 21 00"}})
    assert response.status_code == 200
    assert response.json()["phone"]["number"] == "02 553 21 00"  # the editor's draft
    assert response.json()["has_unpublished_changes"] is True
    assert editor.get(f"{BASE}/{point_id}").json()["phone"]["number"] == "011 12 34 56"
    draft = editor.get(f"{BASE}/{point_id}", {"version": "draft"}).json()
    assert draft["phone"]["number"] == "02 553 21 00"
    # A later partial PUT continues from the draft, not from the published version.
    put(editor, point_id, {"status": "draft", "instructions": "Vermeld altijd het dossier."})
    draft = editor.get(f"{BASE}/{point_id}", {"version": "draft"}).json()
    assert draft["phone"]["number"] == "02 553 21 00"
    assert draft["instructions"] == "Vermeld altijd het dossier."


def test_list_returns_only_published_points_and_searches(editor, point_data):
    post(editor, point_data)
    draft = {**copy.deepcopy(point_data), "status": "draft", "editorial_title": "VMM - Concept"}
    post(editor, draft)
    titles = [point["editorial_title"] for point in editor.get(BASE).json()]
    assert titles == ["ANB - Team Jacht"]
    assert [p["editorial_title"] for p in editor.get(BASE, {"q": "jachtverlof"}).json()] == [
        "ANB - Team Jacht"
    ]
    assert editor.get(BASE, {"q": "grondwater"}).json() == []
    assert len(editor.get(BASE, {"line": "1700"}).json()) == 1
    assert editor.get(BASE, {"line": "WONEN"}).json() == []
    assert len(editor.get(BASE, {"organisation": "anb"}).json()) == 1


def test_r01_anonymous_callers_get_401(client, point_data):
    assert client.get(BASE).status_code == 401
    assert post(client, point_data).status_code == 401
    assert not EscalationPoint.objects.exists()


def test_voorlichter_reads_but_cannot_write(client, voorlichter, redacteur, point_data):
    client.force_login(redacteur)
    point_id = post(client, point_data).json()["id"]
    client.force_login(voorlichter)
    assert client.get(f"{BASE}/{point_id}").status_code == 200
    assert post(client, point_data).status_code == 403
    response = put(client, point_id, {"editorial_title": "Gekaapt"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Je hebt geen rechten om escalatiepunten te wijzigen."
    assert EscalationPoint.objects.count() == 1


def test_integrations_authenticate_with_a_bearer_token(client, redacteur, point_data):
    _, key = APIToken.create_token(user=redacteur, name="CTI")
    headers = {"Authorization": f"Bearer {key}"}
    response = client.post(
        BASE, json.dumps(point_data), content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    assert client.get(BASE, headers=headers).status_code == 200
    assert client.get(BASE, headers={"Authorization": "Bearer fout"}).status_code == 401


def test_session_writes_need_the_csrf_token(redacteur, point_data):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(redacteur)
    assert post(strict, point_data).status_code == 403
    assert not EscalationPoint.objects.exists()


def test_openapi_schema_describes_the_point_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/escalation-points" in schema["paths"]
    assert "/api/v1/escalation-points/{point_id}" in schema["paths"]
    point = schema["components"]["schemas"]["PointIn"]["properties"]
    assert {"phone", "email", "phone_hours", "line_codes", "agreements"} <= set(point)


def test_r02_r10_advice_comes_back_as_warnings_without_blocking(editor, point_data):
    point_data["editorial_title"] = "Team Jacht"
    point_data["email"]["address"] = "jan.peeters@anb.example.be"
    response = post(editor, point_data)
    assert response.status_code == 201
    assert rules.TITLE_WARNING in response.json()["warnings"]
    assert any("lijkt persoonlijk" in warning for warning in response.json()["warnings"])


def test_r06_r09_r13_without_a_number_the_phone_route_is_not_offered(editor, point_data):
    point_data["phone"] = {"number": "", "share_with_citizen": True}
    point_data["email"].update(share_with_citizen=True, delivery="crm")
    body = post(editor, point_data).json()
    assert body["availability"]["reason"] == "no_phone"
    assert body["availability"]["phone_transfer_possible"] is False
    assert body["email"]["share_with_citizen"] is True
    assert body["email"]["delivery"] == "crm"  # R12


def test_r07_the_json_round_trips_so_adding_a_number_keeps_the_default_yes(editor, point_data):
    point_data["phone"] = {"number": ""}
    body = post(editor, point_data).json()
    body["phone"]["number"] = "011 12 34 56"
    again = put(editor, body["id"], {**body, "status": "published"}).json()
    assert again["phone"]["transfer_allowed"] is True


def test_null_clears_a_text_field_and_leaves_choices_alone(editor, point_data):
    point_id = post(editor, point_data).json()["id"]
    body = put(
        editor, point_id, {"status": "published", "phone": {"number": None, "transfer_mode": None}}
    )
    assert body.json()["phone"]["number"] == ""
    assert body.json()["phone"]["transfer_mode"] == "closed"


def test_r22_agents_never_see_a_point_that_is_only_a_draft(
    client, redacteur, voorlichter, point_data
):
    client.force_login(redacteur)
    point_id = post(client, {**point_data, "status": "draft"}).json()["id"]
    for path in ("", "/availability", "/handling-term"):
        assert client.get(f"{BASE}/{point_id}{path}").status_code == 200, path
    client.force_login(voorlichter)
    for path in ("", "/availability", "/handling-term"):
        assert client.get(f"{BASE}/{point_id}{path}").status_code == 404, path
    assert client.get(f"{BASE}/{point_id}", {"version": "draft"}).status_code == 403


def test_r11_no_forwarding_means_the_citizen_mails_himself(editor, point_data):
    point_data["email"]["forward_allowed"] = False
    assert post(editor, point_data).json()["email"]["forward_allowed"] is False


def test_r14_without_a_default_template_forwarding_needs_an_explicit_one(editor, point_data):
    EmailTemplate.objects.update(is_default=False)
    response = post(editor, point_data)
    assert response.status_code == 400
    assert response.json()["errors"]["email.template"] == [rules.TEMPLATE_REQUIRED]
    point_data["email"]["template"] = "1700"
    assert post(editor, point_data).json()["email"]["template"] == "1700"


def test_r18_handling_term_must_be_at_least_one_working_day(editor, point_data):
    point_data["handling_term"]["working_days"] = 0
    response = post(editor, point_data)
    assert response.status_code == 400
    assert "handling_term.working_days" in response.json()["errors"]
    point_data["handling_term"]["working_days"] = 15
    assert post(editor, point_data).json()["handling_term"]["working_days"] == 15


def test_r19_contact_persons_and_search_terms_round_trip(editor, point_data):
    point_data["contact_persons"] = [ContactPersonDocumentFactory(phone="011/12.34.99")]
    point_data["search_terms"] = ["jachtverlof", " wildschade ", ""]
    body = post(editor, point_data).json()
    assert body["contact_persons"] == [ContactPersonDocumentFactory(phone="011 12 34 99")]
    assert body["search_terms"] == ["jachtverlof", "wildschade"]


def test_r16_exceptions_round_trip_in_brussels_time(editor, point_data):
    # The factory's period: Thursday 10 December 2026, midnight to midnight.
    thursday_off = ExceptionDocumentFactory(
        message="Telefonisch niet bereikbaar op donderdag 10-12-2026."
    )
    two_short_days = ExceptionDocumentFactory(
        starts_at="2026-12-14T10:00:00+01:00",
        ends_at="2026-12-15T15:00:00+01:00",
        whole_days=True,
        replacement_hours=[["10:00", "12:00"]],
        channel="both",
        message="Op 14 en 15 december enkel van 10 tot 12 uur bereikbaar.",
    )
    point_data["exceptions"] = [thursday_off, two_short_days]
    point_data["agreements"]["date"] = "2026-11-02"  # before the planning day
    with time_machine.travel(PLANNING_DAY, tick=False):
        body = post(editor, point_data).json()
    assert body["exceptions"] == [
        # The defaults are filled in; whole days run from midnight to midnight.
        {**thursday_off, "whole_days": False, "replacement_hours": None},
        {
            **two_short_days,
            "starts_at": "2026-12-14T00:00:00+01:00",
            "ends_at": "2026-12-16T00:00:00+01:00",
        },
    ]
    point_data["exceptions"][0]["ends_at"] = "2026-12-09T00:00:00+01:00"
    point_data["exceptions"][1]["replacement_hours"] = [["12:00", "10:00"]]
    with time_machine.travel(PLANNING_DAY, tick=False):
        errors = post(editor, point_data).json()["errors"]
    assert errors["exceptions.0.ends_at"] == [rules.EXCEPTION_END_BEFORE_START]
    assert errors["exceptions.1.replacement_hours"] == [SLOT_END_NOT_AFTER_START]
