"""A card page costs a fixed, small number of queries, however many points an item links or
however many items link a point: no query per card or per link."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from console import access, card_cache
from escalations.services import ADD_ESCALATION
from knowledge.factories import (
    ArticlePageFactory,
    ProductPageFactory,
    QuestionFactory,
    publish_points,
)
from points.factories import EscalationPointFactory
from reference.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Session and user (the agent's access is kept per process, console/access.py: counted
# after a first request); then the item, its links, the points with their time slots and
# exceptions, and the closing days of all their organisations (item page); the point with
# its organisation, time slots, exceptions, closing days and the items that link it in one
# UNION, after one read of its live revision (point page); a point page kept by the console
# (console/card_cache.py) needs only that read; the points, slots, exceptions, closing days
# (now). Whether the agent may escalate (the card's buttons) is kept like the access; the
# point page also reads the point's last escalations.
MAX_ITEM_PAGE_QUERIES = 8
MAX_POINT_PAGE_QUERIES = 9
MAX_KEPT_POINT_PAGE_QUERIES = 4
MAX_NOW_QUERIES = 6


def logged_in(client, user):
    """Logged in, after a first console request (which reads the agent's access)."""
    client.force_login(user)
    assert client.get(reverse("console:index")).status_code == 200
    access.may(user, ADD_ESCALATION)  # kept too after the first card with buttons
    return client


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def points_of(count: int) -> list:
    points = []
    for index in range(count):
        organisation = OrganisationFactory(abbreviation=f"ORG{index}")
        points.append(
            EscalationPointFactory(
                editorial_title=f"ORG{index} - Dienst {index}",
                reporting={"organisation": organisation.abbreviation},
                exceptions=[],
            )
        )
    return points


def test_an_item_page_costs_the_same_with_1_or_6_points(client, voorlichter, reference_data, topic):
    logged_in(client, voorlichter)
    few, many = ArticlePageFactory(parent=topic), ArticlePageFactory(parent=topic)
    publish_points(few, points_of(1))
    publish_points(many, points_of(6)[:6])
    counts = [
        queries_for(client, reverse("console:item", args=["article", page.pk]))
        for page in (few, many)
    ]
    assert counts[0] == counts[1] <= MAX_ITEM_PAGE_QUERIES


def test_a_point_page_costs_the_same_linked_from_1_or_8_items(
    client, voorlichter, reference_data, topic
):
    logged_in(client, voorlichter)
    once, often = EscalationPointFactory(), EscalationPointFactory(editorial_title="ANB - Wild")
    publish_points(ArticlePageFactory(parent=topic), [once])
    for index in range(3):
        publish_points(ArticlePageFactory(parent=topic, title=f"Artikel {index}"), [often])
        publish_points(ProductPageFactory(parent=topic, title=f"Product {index}"), [often])
    QuestionFactory(topic=topic, points=[often])
    publish_points(topic, [often])
    html = client.get(reverse("console:point", args=[often.pk])).content.decode()
    assert html.count('<a href="/contactcenter/') >= 8 + 1  # the 8 items and the organisation
    card_cache.clear()
    counts = [
        queries_for(client, reverse("console:point", args=[point.pk])) for point in (once, often)
    ]
    assert counts[0] == counts[1] <= MAX_POINT_PAGE_QUERIES
    kept = [
        queries_for(client, reverse("console:point", args=[point.pk])) for point in (once, often)
    ]
    assert kept[0] == kept[1] <= MAX_KEPT_POINT_PAGE_QUERIES


def test_the_state_now_of_1_or_8_cards_costs_the_same(client, voorlichter, reference_data):
    logged_in(client, voorlichter)
    points = points_of(8)
    url = reverse("console:points_now")
    one = queries_for(client, f"{url}?id={points[0].pk}")
    eight = queries_for(client, f"{url}?" + "&".join(f"id={point.pk}" for point in points))
    assert one == eight <= MAX_NOW_QUERIES
