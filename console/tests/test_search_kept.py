"""A console search keeps its ranking per process (knowledge/search.py), yet an agent never
misses a point: one published in this process or in another is found on the next search
(R19, R22), and an unpublished one is gone."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knowledge import search_index
from points.services import create_or_update_point

pytestmark = pytest.mark.django_db

MAX_REPEATED_SEARCH_QUERIES = 5


@pytest.fixture
def agent(client, voorlichter):
    client.force_login(voorlichter)
    return client


def console_titles(client, query: str) -> list[str]:
    html = client.get(reverse("console:index"), {"q": query}).content.decode()
    section = html.split('id="r-points"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="/contactcenter/punten/\d+/">([^<]+)</a>', section)


def publish(point_data, title: str):
    return create_or_update_point(
        data={**point_data, "editorial_title": title, "search_terms": ["wildschade"]}, user=None
    )


def test_r19_a_repeated_search_is_answered_from_the_kept_ranking(agent, point_data):
    publish(point_data, "ANB - Wildschade")
    assert console_titles(agent, "wildschade") == ["ANB - Wildschade"]
    with CaptureQueriesContext(connection) as queries:
        assert console_titles(agent, "wildschade") == ["ANB - Wildschade"]
    assert not [query for query in queries if "knowledge_searchentry" in query["sql"]]
    # session, user, line codes, index version, the rows' live revisions (docs/architecture.md)
    assert len(queries) <= MAX_REPEATED_SEARCH_QUERIES


def test_r22_a_point_published_in_this_process_is_found_on_the_next_search(agent, point_data):
    publish(point_data, "ANB - Wildschade")
    assert console_titles(agent, "wildschade") == ["ANB - Wildschade"]
    publish(point_data, "INBO - Wildschade")
    assert console_titles(agent, "wildschade") == ["ANB - Wildschade", "INBO - Wildschade"]


def test_r22_a_point_published_in_another_process_is_found_on_the_next_search(
    agent, point_data, django_capture_on_commit_callbacks
):
    publish(point_data, "ANB - Wildschade")
    assert console_titles(agent, "wildschade") == ["ANB - Wildschade"]
    heard = search_index.local_generation
    with django_capture_on_commit_callbacks(execute=True):
        publish(point_data, "INBO - Wildschade")
    # Another process hears nothing of the publish but its commit (SearchIndexVersion).
    search_index.local_generation = heard
    assert console_titles(agent, "wildschade") == ["ANB - Wildschade", "INBO - Wildschade"]


def test_r22_an_unpublished_point_is_gone_from_a_kept_ranking(agent, point_data):
    point = publish(point_data, "ANB - Wildschade")
    assert console_titles(agent, "wildschade") == ["ANB - Wildschade"]
    point.unpublish()
    assert console_titles(agent, "wildschade") == []
