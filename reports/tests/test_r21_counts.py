"""R21: the reports count a known set of escalations right, per grouping, per day, week and
month (local days), per channel, outside the hours and failed; every dimension filters;
escalations of deleted organisations and agents still count; erasing the citizens' data
after the retention period changes no figure."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from conftest import make_user
from core import roles
from escalations.factories import EmailRequestFactory, TransferRequestFactory
from escalations.services import erase_expired_personal_data, escalate
from points.factories import EscalationPointFactory
from reports import queries
from reports.periods import Period

pytestmark = pytest.mark.django_db

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


def counted(group_by: str, **filters) -> dict:
    rows = queries.counts(group_by, queries.Filters(period=NOVEMBER, **filters))
    return {row.label: row.count for row in rows}


def test_r21_counts_per_organisation_theme_domain_line_channel_and_agent(known):
    assert counted("organisation") == {
        "ANB - Agentschap voor Natuur en Bos": 5,
        "VMM - Vlaamse Milieumaatschappij": 2,
        "Onbekend": 1,
    }
    assert counted("theme") == {"Jacht": 5, "Water": 2, "Onbekend": 1}
    assert counted("domain") == {"Natuur": 4, "Geen redactioneel domein": 3, "Milieu": 2}
    assert counted("line") == {"1700 Andere Vragen": 5, "Wonen en energie": 2, "Onbekend": 1}
    assert counted("channel") == {"Doorgeschakeld": 3, "E-mail": 3, "CRM": 2}
    assert counted("agent") == {"An Peeters": 4, "Bert Claes": 3, "Onbekend": 1}


def test_r21_groups_come_most_first_with_their_keys(known):
    rows = queries.counts("organisation", queries.Filters(period=NOVEMBER))

    assert [(row.key, row.count) for row in rows] == [("ANB", 5), ("VMM", 2), (None, 1)]
    channels = queries.counts("channel", queries.Filters(period=NOVEMBER))
    assert {row.key for row in channels} == {"transfer", "email", "crm"}


def test_r21_an_escalation_with_two_domains_counts_once_in_each_and_once_in_the_total(known):
    total = queries.total(queries.Filters(period=NOVEMBER))

    assert total.count == 8
    assert sum(counted("domain").values()) == 9


def test_r21_transfers_outside_the_hours_and_failures_per_group(known):
    rows = {row.key: row for row in queries.counts("organisation", queries.Filters(NOVEMBER))}

    anb, vmm = rows["ANB"], rows["VMM"]
    assert (anb.transfers, anb.outside_hours, anb.outside_hours_percent, anb.failed) == (
        2,
        1,
        50.0,
        0,
    )
    assert (vmm.transfers, vmm.outside_hours, vmm.outside_hours_percent, vmm.failed) == (
        0,
        0,
        None,
        1,
    )


def test_r21_every_dimension_filters(known):
    def total(**filters):
        return queries.total(queries.Filters(period=NOVEMBER, **filters)).count

    assert total(organisation_id=known["anb"].pk) == 5
    assert total(theme_id=known["rows"][4].reporting_theme_id) == 2
    assert total(domain_id=known["natuur"].pk) == 4
    assert total(line_id=known["wonen"].pk) == 2
    assert total(agent_id=known["an"].pk) == 4
    assert total(channel="transfer") == 3
    assert total(channel="email") == 3
    assert total(channel="crm") == 2
    assert total(organisation_id=known["anb"].pk, channel="crm") == 1
    # A domain filter keeps the grouping per domain right (no row twice through the join).
    assert counted("domain", domain_id=known["natuur"].pk) == {"Natuur": 4, "Milieu": 1}


def test_r21_the_period_is_in_local_days_both_ends_included(known):
    def total(start, end):
        return queries.total(queries.Filters(period=Period(start, end))).count

    # 31-10 23:30 and 01-12 00:10 (local) lie just outside November, though in UTC the first
    # is on 31-10 and the second on 30-11.
    assert total(date(2026, 11, 1), date(2026, 11, 30)) == 8
    assert total(date(2026, 10, 31), date(2026, 10, 31)) == 1
    assert total(date(2026, 12, 1), date(2026, 12, 1)) == 1
    # 16-11 00:30 local is 15-11 23:30 UTC: it counts on the 16th.
    assert total(date(2026, 11, 16), date(2026, 11, 16)) == 1
    assert total(date(2026, 11, 15), date(2026, 11, 15)) == 0


def test_r21_over_time_per_week_from_monday_with_every_week_listed(known):
    buckets = queries.over_time("week", queries.Filters(period=NOVEMBER))

    assert [(bucket.start, bucket.total) for bucket in buckets] == [
        (date(2026, 10, 26), 0),
        (date(2026, 11, 2), 2),
        (date(2026, 11, 9), 2),
        (date(2026, 11, 16), 2),
        (date(2026, 11, 23), 2),
        (date(2026, 11, 30), 0),
    ]
    assert buckets[1].label == "week 45 (02-11-2026)"
    week_of_the_16th = buckets[3]
    assert (week_of_the_16th.email, week_of_the_16th.crm, week_of_the_16th.failed) == (1, 1, 1)
    first_week = buckets[1]
    assert (first_week.transfers, first_week.outside_hours) == (2, 1)
    assert first_week.outside_hours_percent == 50.0


def test_r21_over_time_per_day_and_per_month(known):
    days = {
        bucket.start: bucket.total
        for bucket in queries.over_time("day", queries.Filters(period=NOVEMBER))
    }
    autumn = Period(date(2026, 10, 1), date(2026, 12, 31))
    months = queries.over_time("month", queries.Filters(period=autumn))

    assert len(days) == 30
    assert days[date(2026, 11, 16)] == 1 and days[date(2026, 11, 15)] == 0
    assert days[date(2026, 11, 2)] == 2
    assert [(bucket.label, bucket.total) for bucket in months] == [
        ("oktober 2026", 1),
        ("november 2026", 8),
        ("december 2026", 1),
    ]


def test_r21_local_days_across_the_clock_change(db, agents):
    """On 25 October 2026 Brussels goes from +02:00 to +01:00: 23:30 local on the 25th is
    22:30 UTC, 00:30 local on the 26th is 23:30 UTC on the 25th."""
    from reports.factories import EscalationRecordFactory
    from reports.tests.conftest import local

    for moment in ("2026-10-24T23:30", "2026-10-25T23:30", "2026-10-26T00:30"):
        EscalationRecordFactory(created_at=local(moment))
    period = Period(date(2026, 10, 24), date(2026, 10, 26))

    days = queries.over_time("day", queries.Filters(period=period))

    assert [bucket.total for bucket in days] == [1, 1, 1]


def test_r21_counts_do_not_change_when_the_citizens_data_is_erased(known):
    filters = queries.Filters(period=NOVEMBER)
    before = {group_by: queries.counts(group_by, filters) for group_by in queries.GROUPINGS}
    before_time = queries.over_time("week", filters)
    before_levels = queries.service_levels(filters, date(2026, 11, 30))

    with time_machine.travel(timezone.now() + timedelta(days=365)):
        erased = erase_expired_personal_data()

    assert erased == 10
    assert not type(known["rows"][3]).objects.exclude(citizen_name="").exists()
    assert {group_by: queries.counts(group_by, filters) for group_by in queries.GROUPINGS} == before
    assert queries.over_time("week", filters) == before_time
    assert queries.service_levels(filters, date(2026, 11, 30)) == before_levels


def test_r21_escalations_recorded_by_the_service_are_counted(reference_data, voorlichter):
    """Through `escalate`, as the console and the API record them."""
    with time_machine.travel("2026-11-30T10:00:00+01:00", tick=False):
        point = EscalationPointFactory()
        escalate(agent=voorlichter, request=TransferRequestFactory(point_id=point.pk))
        escalate(agent=voorlichter, request=EmailRequestFactory(point_id=point.pk))
        filters = queries.Filters(period=Period(date(2026, 11, 30), date(2026, 11, 30)))

        assert counted_with(filters, "organisation") == {"ANB - Agentschap voor Natuur en Bos": 2}
        assert counted_with(filters, "channel") == {"Doorgeschakeld": 1, "E-mail": 1}
        assert counted_with(filters, "domain") == {"Natuur": 2}
        assert counted_with(filters, "line") == {"1700 Andere Vragen": 2}
        [level] = queries.service_levels(filters, date(2026, 11, 30))
        assert (level.key, level.sent, level.open) == ("ANB", 1, 1)


def counted_with(filters, group_by):
    return {row.label: row.count for row in queries.counts(group_by, filters)}


def test_r21_a_deleted_agent_and_organisation_leave_their_escalations_counted(known):
    make_user("other", roles.VOORLICHTER)
    known["rows"][5].reporting_organisation.delete()
    known["an"].delete()

    assert counted("organisation") == {"ANB - Agentschap voor Natuur en Bos": 5, "Onbekend": 3}
    assert counted("agent") == {"Onbekend": 5, "Bert Claes": 3}
