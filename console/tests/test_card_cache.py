"""The console keeps a rendered point page per process (console/card_cache.py), yet an agent
never sees an out-of-date card: a publish, a new link, a closing day or the clock passing a
slot's end show at once, and a kept card still asks for its new state at the right moment."""

import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from console import card_cache, invalidation
from knowledge.factories import ArticlePageFactory, publish_points
from points.factories import PLANNING_DAY, EscalationPointFactory
from points.services import create_or_update_point
from points.tests.card_text import visible_text
from reference.factories import ClosingDayFactory
from reference.models import ClosingDay

pytestmark = pytest.mark.django_db

WEEK = {day: [["09:00", "12:00"], ["13:00", "16:00"]] for day in ("mon", "tue", "wed", "thu")}


@pytest.fixture
def point(reference_data):
    with time_machine.travel(PLANNING_DAY, tick=False):
        return EscalationPointFactory(phone_hours=WEEK)


def card_at(client, user, point, moment: str) -> tuple[str, int]:
    with time_machine.travel(moment, tick=False):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("console:point", args=[point.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def refresh_in(html: str) -> int:
    return int(re.search(r'data-refresh-in="(\d+)"', html).group(1))


def test_r17_a_kept_card_is_the_same_page_for_fewer_queries(client, voorlichter, point):
    first, first_queries = card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    again, again_queries = card_at(client, voorlichter, point, "2026-12-07T10:00:05+01:00")
    assert visible_text(again) == visible_text(first)
    assert again_queries < first_queries


def test_r17_a_kept_card_counts_down_to_its_next_change(client, voorlichter, point):
    first, _ = card_at(client, voorlichter, point, "2026-12-07T11:58:00+01:00")
    again, _ = card_at(client, voorlichter, point, "2026-12-07T11:58:20+01:00")
    assert refresh_in(first) == 120
    assert refresh_in(again) == 100


def test_r17_the_end_of_a_slot_shows_on_a_kept_card(client, voorlichter, point):
    before, _ = card_at(client, voorlichter, point, "2026-12-07T11:59:50+01:00")
    after, _ = card_at(client, voorlichter, point, "2026-12-07T12:00:01+01:00")
    assert "doorschakelen kan nu, tot 12:00" in visible_text(before)
    assert "Nu niet: weer vanaf 13:00" in visible_text(after)


def test_r17_a_published_change_shows_at_once(client, voorlichter, point):
    card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    with time_machine.travel("2026-12-07T10:00:02+01:00", tick=False):
        create_or_update_point(
            point=point,
            data={"status": "published", "instructions": "Vermeld altijd het dossiernummer."},
            user=None,
        )
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:05+01:00")
    assert "Vermeld altijd het dossiernummer." in visible_text(html)


def test_r18_a_closing_day_added_shows_at_once(client, voorlichter, point):
    card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    ClosingDayFactory(day="2026-12-07", name="Teamdag", organisation=None)
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:05+01:00")
    assert "Teamdag" in visible_text(html)


def test_r23_a_new_link_shows_at_once(client, voorlichter, point, topic):
    card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    publish_points(ArticlePageFactory(parent=topic, title="Jachtverlof verlengen"), [point])
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:05+01:00")
    assert "Jachtverlof verlengen" in visible_text(html)


def test_r22_an_unpublished_point_is_gone_even_when_kept(client, voorlichter, point):
    card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    point.unpublish()
    client.force_login(voorlichter)
    assert client.get(reverse("console:point", args=[point.pk])).status_code == 404


def result_row(client, user, moment: str) -> tuple[str, int]:
    with time_machine.travel(moment, tick=False):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("console:index"), {"q": "jachtverlof"})
    row = BeautifulSoup(response.content, "html.parser").select_one("ol.results > li")
    return row.get_text(" ", strip=True), len(queries.captured_queries)


def test_r17_a_kept_search_row_follows_the_clock_and_publishes(client, voorlichter, point):
    first, first_queries = result_row(client, voorlichter, "2026-12-07T11:59:50+01:00")
    again, again_queries = result_row(client, voorlichter, "2026-12-07T11:59:55+01:00")
    after, _ = result_row(client, voorlichter, "2026-12-07T12:00:01+01:00")
    assert "Doorschakelen kan nu, tot 12:00" in first and again == first
    assert again_queries < first_queries
    assert "Nu niet: weer vanaf 13:00" in after

    with time_machine.travel("2026-12-07T12:00:02+01:00", tick=False):
        create_or_update_point(
            point=point,
            data={"status": "published", "phone": {"number": "02 553 21 00"}},
            user=None,
        )
    changed, _ = result_row(client, voorlichter, "2026-12-07T12:00:05+01:00")
    assert "02 553 21 00" in changed


def add_closing_day_elsewhere(day: str, name: str) -> None:
    """What another process's beheerder does: the row is in the database, and no signal
    reaches this process (bulk_create sends none)."""
    ClosingDay.objects.bulk_create([ClosingDay(day=day, name=name, organisation=None)])


def test_r18_a_closing_day_added_elsewhere_shows_once_the_shared_counter_says_so(
    client, voorlichter, point
):
    card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    add_closing_day_elsewhere("2026-12-07", "Teamdag")
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:05+01:00")
    assert "Teamdag" not in visible_text(html)  # this process has not heard of it
    # The other process's signal raised the counter in the shared cache (Redis).
    cache.incr(invalidation.CARDS)
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:06+01:00")
    assert "Teamdag" in visible_text(html)


def test_r18_without_a_shared_cache_a_closing_day_added_elsewhere_shows_within_30_s(
    client, voorlichter, point
):
    assert not invalidation.is_shared()  # the tests' cache is per process
    card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    add_closing_day_elsewhere("2026-12-07", "Teamdag")
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:29+01:00")
    assert "Teamdag" not in visible_text(html)
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:31+01:00")
    assert "Teamdag" in visible_text(html)


@override_settings(CONSOLE_CACHE_SHARED=True)  # one process's memory cache stands for Redis
def test_r17_a_card_rendered_by_another_process_is_served_from_the_shared_cache(
    client, voorlichter, point
):
    first, first_queries = card_at(client, voorlichter, point, "2026-12-07T11:58:00+01:00")
    card_cache.bodies.clear()  # this process has kept nothing itself
    again, again_queries = card_at(client, voorlichter, point, "2026-12-07T11:58:20+01:00")
    assert visible_text(again) == visible_text(first)
    assert again_queries < first_queries
    assert refresh_in(again) == 100
    after, _ = card_at(client, voorlichter, point, "2026-12-07T12:00:01+01:00")
    assert "Nu niet: weer vanaf 13:00" in visible_text(after)


@override_settings(CONSOLE_CACHE_SHARED=True)
def test_r18_a_closing_day_added_is_not_served_from_the_shared_cache(client, voorlichter, point):
    card_at(client, voorlichter, point, "2026-12-07T10:00:00+01:00")
    ClosingDayFactory(day="2026-12-07", name="Teamdag", organisation=None)
    card_cache.bodies.clear()  # another process, which the shared counter tells
    html, _ = card_at(client, voorlichter, point, "2026-12-07T10:00:05+01:00")
    assert "Teamdag" in visible_text(html)
