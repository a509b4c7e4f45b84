"""The point's JSON document is described once (points.document): reading, writing, partial
documents, error paths and the API schemas all derive from that one list."""

import dataclasses
from datetime import date, timedelta

import pytest

from points import document, rules
from points.models import EscalationPoint
from points.services import create_or_update_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(point_data):
    return create_or_update_point(data=point_data, user=None)


def test_the_whole_document_round_trips(point):
    data = document.to_data(point)
    copy = EscalationPoint.objects.get(pk=point.pk)
    document.apply_data(copy, data)
    assert document.to_data(copy) == data


def test_a_part_of_the_document_is_read_alone(point):
    part = document.to_data(point, only=("phone", "handling_term.working_days"))
    assert part == {
        "phone": {
            "number": "011 12 34 56",
            "transfer_allowed": True,
            "transfer_mode": "closed",
            "share_with_citizen": False,
        },
        "handling_term": {"working_days": 5},
    }


def test_r25_a_partial_document_changes_only_its_parts(point):
    before = document.to_data(point)
    document.apply_data(point, {"handling_term": {"working_days": 10}, "phone": {"number": ""}})
    after = document.to_data(point)
    assert after["handling_term"] == {**before["handling_term"], "working_days": 10}
    assert after["phone"] == {**before["phone"], "number": ""}
    unchanged = {key for key in before if key not in {"handling_term", "phone", "warnings"}}
    assert {key: after[key] for key in unchanged} == {key: before[key] for key in unchanged}


def test_bad_parts_are_reported_per_json_path_and_change_nothing(point):
    before = document.to_data(point)
    with pytest.raises(document.DocumentError) as refused:
        document.apply_data(
            point,
            {
                "line_codes": ["1700", "GEEN"],
                "reporting": {"theme": "Onbekend"},
                "phone_hours": {"tue": [["12:00", "09:00"]]},
            },
        )
    assert set(refused.value.errors) == {"line_codes", "reporting.theme", "phone_hours.tue"}
    assert refused.value.errors["line_codes"] == ["Onbekende lijncode 'GEEN'."]
    assert refused.value.errors["reporting.theme"] == ["Onbekende rapporteringsthema 'Onbekend'."]
    fresh = EscalationPoint.objects.get(pk=point.pk)
    assert document.to_data(fresh)["phone_hours"] == before["phone_hours"]


def test_model_errors_are_named_by_their_json_path():
    assert document.path_of("phone_number") == "phone.number"
    assert document.path_of("handling_working_days") == "handling_term.working_days"
    assert document.path_of("editorial_domains") == "reporting.editorial_domains"
    assert document.path_of("time_slots") == "phone_hours"


def test_a_new_field_needs_only_the_model_and_one_entry(monkeypatch, point):
    """A scratch attribute stands in for a new model field: one entry in DOCUMENT and the
    document reads and writes it, names its errors and shows it in both API schemas."""
    entry = document.Text("phone.menu_choice", description="Keuze in het keuzemenu.")
    monkeypatch.setattr(document, "DOCUMENT", (*document.DOCUMENT, entry))
    point.phone_menu_choice = ""

    document.apply_data(point, {"phone": {"menu_choice": "  Kies 2  "}})

    assert point.phone_menu_choice == "Kies 2"
    assert document.to_data(point, only=("phone.menu_choice",)) == {
        "phone": {"menu_choice": "Kies 2"}
    }
    assert document.path_of("phone_menu_choice") == "phone.menu_choice"
    phone_in = document.input_schema("Scratch").model_fields["phone"].annotation.__args__[0]
    phone_out = document.output_schema("Scratch").model_fields["phone"].annotation
    assert "menu_choice" in phone_in.model_fields
    assert "menu_choice" in phone_out.model_fields


def test_the_rijksregisternummer_field_came_through_the_one_mapping(client, redacteur, point):
    """The first field added after the mapping: model, migration and one entry, nothing else."""
    entry = next(e for e in document.DOCUMENT if e.path == "email.requires_national_number")
    assert dataclasses.asdict(entry)["attribute"] == "email_requires_national_number"
    client.force_login(redacteur)
    url = f"/api/v1/escalation-points/{point.pk}"
    assert client.get(url).json()["email"]["requires_national_number"] is False
    body = {"status": "published", "email": {"requires_national_number": True}}
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["email"]["requires_national_number"] is True
    refused = client.put(
        url, {"email": {"requires_national_number": "ja"}}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"]["email.requires_national_number"] == ["Kies true of false."]


def test_r22_agreements_cannot_be_dated_in_the_future(point):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(document.DocumentError) as refused:
        create_or_update_point(data={"agreements": {"date": tomorrow}}, user=None, point=point)
    assert refused.value.errors == {"agreements.date": [rules.AGREEMENTS_IN_FUTURE]}
    assert EscalationPoint.objects.get(pk=point.pk).agreements_date < date.today()
