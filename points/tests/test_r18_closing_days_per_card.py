"""R17/R18: several cards on one page each use the closing days of their own organisation,
read for all of them at once."""

from datetime import datetime

import pytest
import time_machine

from calendar_engine import BRUSSELS, Reason
from points.factories import EscalationPointFactory
from points.models import EscalationPoint
from points.schedules import card_contexts
from reference.factories import ClosingDayFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

MONDAY_MORNING = datetime(2026, 12, 7, 10, tzinfo=BRUSSELS)


def point_of(abbreviation: str) -> EscalationPoint:
    OrganisationFactory(abbreviation=abbreviation)
    point = EscalationPointFactory(reporting={"organisation": abbreviation})
    return EscalationPoint.objects.prefetch_related("time_slots", "exceptions").get(pk=point.pk)


def test_r18_each_card_has_its_own_organisations_closing_days(django_assert_num_queries):
    closed, open_, other = point_of("CLO"), point_of("OPN"), point_of("OTH")
    ClosingDayFactory(day="2026-12-14", name="Teamdag", organisation=closed.reporting_organisation)

    # one query per call, however many points
    with time_machine.travel(MONDAY_MORNING), django_assert_num_queries(2):
        cards = card_contexts([closed, open_, other])
        next_monday = card_contexts([closed, open_], datetime(2026, 12, 14, 10, tzinfo=BRUSSELS))

    assert cards[closed.pk]["availability"].possible
    assert next_monday[closed.pk]["availability"].reason == Reason.CLOSING_DAY
    assert next_monday[open_.pk]["availability"].possible
    assert cards[other.pk]["availability"].possible
    assert cards[closed.pk]["due_date"] > cards[open_.pk]["due_date"]
