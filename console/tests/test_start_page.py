"""The console's start page lists topics and organisations, not every item: it costs the
same few queries with 2 or 30 topics and hundreds of questions; a topic's page lists what is
in it (R23)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knowledge.factories import (
    ArticlePageFactory,
    ProductPageFactory,
    QuestionFactory,
    TopicPageFactory,
)
from points.tests.card_text import visible_text

pytestmark = pytest.mark.django_db

# Session, user, the line codes (with the agent's own), topics, organisations; the agent's
# access is kept per process (console/access.py), read by a first request.
MAX_START_PAGE_QUERIES = 5


def start_page_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("console:index"))
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def test_r23_the_start_page_costs_the_same_for_few_or_many_topics(client, voorlichter, home):
    client.force_login(voorlichter)
    client.get(reverse("console:index"))
    topics = [TopicPageFactory(parent=home, title=f"Topic {index}") for index in range(2)]
    few, _ = start_page_queries(client)
    for index in range(2, 30):
        topics.append(TopicPageFactory(parent=home, title=f"Topic {index}"))
    for topic in topics[:3]:
        for index in range(5):
            QuestionFactory(topic=topic, question=f"Vraag {topic.title} {index}?")
    many, html = start_page_queries(client)
    assert few == many <= MAX_START_PAGE_QUERIES
    assert "Topic 29" in visible_text(html)
    assert "Vraag Topic 0 1?" not in visible_text(html)


def test_r23_a_topic_lists_its_articles_products_and_questions(client, voorlichter, topic):
    client.force_login(voorlichter)
    ArticlePageFactory(parent=topic, title="Jachtverlof aanvragen")
    ProductPageFactory(parent=topic, title="Jachtexamen")
    ArticlePageFactory(parent=topic, title="Concept", publish=False)
    QuestionFactory(topic=topic, question="Hoe vraag ik een jachtverlof aan?")

    html = client.get(reverse("console:item", args=["topic", topic.pk])).content.decode()

    text = visible_text(html)
    assert "In dit topic" in text
    for shown in ("Jachtverlof aanvragen (artikel)", "Jachtexamen (product)"):
        assert shown in text
    assert "Hoe vraag ik een jachtverlof aan? (vraag)" in text
    assert "Concept" not in text
