"""The knowledge factories add pages through Wagtail's API, with their linked points (R23)."""

import pytest

from knowledge.factories import (
    ArticlePageFactory,
    ProductPageFactory,
    QuestionFactory,
    TopicPageFactory,
)
from knowledge.models import ArticleEscalationPoint, TopicPage
from knowledge.services import published_points_of

pytestmark = pytest.mark.django_db


def test_r23_factory_pages_are_live_under_their_parent_and_link_their_points(home, point):
    topic = TopicPageFactory(points=[point])
    article = ArticlePageFactory(parent=topic, points=[point])
    product = ProductPageFactory(points=[point])  # under a topic of its own
    for page in (topic, article, product):
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert published_points_of(page) == [point]
    assert topic.get_parent().pk == home.pk
    assert article.get_parent().pk == topic.pk
    assert isinstance(product.get_parent().specific, TopicPage)
    assert product.get_parent().pk != topic.pk


def test_r01_a_factory_draft_page_is_a_revision_only(home, point):
    draft = ArticlePageFactory(publish=False, points=[point])
    assert not draft.live
    assert draft.latest_revision_id is not None
    # The links live in the revision until it is published.
    assert not ArticleEscalationPoint.objects.filter(item=draft).exists()
    revision = draft.get_latest_revision_as_object()
    assert [link.point for link in revision.escalation_point_links.all()] == [point]


def test_r23_a_factory_question_is_saved_with_its_points_in_order(point, other_point):
    question = QuestionFactory(points=[other_point, point])
    assert question.pk is not None
    assert published_points_of(question) == [other_point, point]
