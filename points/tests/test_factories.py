"""The point factories save through the service: the same rules and revisions as the API."""

import pytest

from points import rules
from points.factories import (
    OFFICE_HOURS,
    EscalationPointFactory,
    PointDocumentFactory,
)
from points.models import EscalationPoint

pytestmark = pytest.mark.django_db


def test_r02_to_r22_a_factory_made_point_is_published_and_passes_every_publish_rule():
    point = EscalationPointFactory()
    assert point.live and point.live_revision_id == point.latest_revision_id
    assert rules.publish_errors(point, line_codes=point.line_codes.all()) == {}
    assert [line.code for line in point.line_codes.all()] == ["1700"]  # R20's default
    assert point.reporting_organisation.abbreviation == "ANB"
    assert point.reporting_organisation.is_top_level
    assert [slot.start for slot in point.time_slots.all()]  # the office hours were saved


def test_r22_a_factory_draft_is_a_revision_that_agents_do_not_see():
    draft = EscalationPointFactory(status="draft", agreements={"date": None, "with": ""})
    assert not draft.live
    assert draft.latest_revision_id is not None
    assert EscalationPoint.objects.filter(pk=draft.pk, live=False).exists()


def test_the_point_document_is_fresh_per_call_and_takes_nested_overrides():
    first = PointDocumentFactory()
    first["phone_hours"]["mon"].append(["17:00", "18:00"])
    first["search_terms"].append("wildschade")
    second = PointDocumentFactory(phone__number="02 553 21 00", reporting__organisation="VMM")
    assert second["phone_hours"] == {"mon": OFFICE_HOURS}
    assert second["search_terms"] == ["jachtverlof"]
    assert second["phone"] == {"number": "02 553 21 00"}
    assert second["reporting"]["organisation"] == "VMM"
    assert second["reporting"]["theme"] == "Jacht"


def test_building_a_point_applies_the_document_without_saving():
    point = EscalationPointFactory.build(editorial_title="VMM - Dienst Grondwater")
    assert point.pk is None
    assert point.editorial_title == "VMM - Dienst Grondwater"
    assert point.phone_number == "011 12 34 56"
    assert not EscalationPoint.objects.exists()
