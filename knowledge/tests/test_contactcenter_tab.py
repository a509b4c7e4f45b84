"""R23: escalation points are linked on the items' tab Contactcenter, in the admin and
visible to agents; Wagtail's usage view of a point lists the items that link it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from knowledge.factories import QuestionFactory, publish_points
from knowledge.models import TopicPage
from knowledge.services import items_linking, published_points_of
from points.factories import EscalationPointFactory

pytestmark = pytest.mark.django_db


def topic_form(topic, links):
    return nested_form_data(
        {
            "title": topic.title,
            "slug": topic.slug,
            "intro": topic.intro,
            "body": rich_text("<p>Wie wil jagen, heeft een jachtverlof nodig.</p>"),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "escalation_point_links": inline_formset(links),
            "action-publish": "action-publish",
        }
    )


@pytest.fixture
def editor_client(client, redacteur):
    client.force_login(redacteur)
    return client


def test_r23_the_topic_edit_form_has_a_tab_contactcenter(editor_client, topic):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[topic.pk])).content.decode()
    assert 'id="tab-label-contactcenter"' in html
    assert "Voeg escalatiepunt toe" in html


def test_r23_an_editor_links_points_in_order_on_the_tab_contactcenter(
    editor_client, topic, point, other_point
):
    links = [{"point": str(other_point.pk)}, {"point": str(point.pk)}]
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[topic.pk]), topic_form(topic, links)
    )
    assert response.status_code == 302, response.context["form"].errors
    topic = TopicPage.objects.get(pk=topic.pk)
    assert published_points_of(topic) == [other_point, point]
    assert {"kind": "topic", "label": "topic", "id": topic.pk, "title": "Jagen"} in (
        items_linking(point)
    )


def test_r23_linking_the_same_point_twice_is_refused(editor_client, topic, point):
    links = [{"point": str(point.pk)}, {"point": str(point.pk)}]
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[topic.pk]), topic_form(topic, links)
    )
    assert response.status_code == 200
    assert TopicPage.objects.get(pk=topic.pk).escalation_point_links.count() == 0


def test_r23_the_usage_view_of_a_point_lists_every_item_that_links_it(editor_client, topic, point):
    editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[topic.pk]),
        topic_form(topic, [{"point": str(point.pk)}]),
    )
    QuestionFactory(question="Hoe vraag ik een jachtverlof aan?", points=[point])
    usage = reverse("wagtailsnippets_points_escalationpoint:usage", args=[point.pk])
    html = editor_client.get(usage).content.decode()
    assert "Jagen" in html
    assert "Hoe vraag ik een jachtverlof aan?" in html


def test_r23_the_point_chooser_finds_a_point_by_part_of_its_title(editor_client, point):
    url = reverse("wagtailsnippetchoosers_points_escalationpoint:choose_results")
    assert "ANB - Team Jacht" in editor_client.get(url, {"q": "Jach"}).content.decode()
    assert "ANB - Team Jacht" in editor_client.get(url, {"q": "ANB"}).content.decode()


def test_r23_the_api_shows_an_items_points_and_a_points_items(client, voorlichter, topic, point):
    publish_points(topic, [point])
    client.force_login(voorlichter)
    body = client.get(f"/api/v1/knowledge/topic/{topic.pk}").json()
    assert body["title"] == "Jagen"
    assert [p["editorial_title"] for p in body["escalation_points"]] == ["ANB - Team Jacht"]
    linked = client.get(f"/api/v1/escalation-points/{point.pk}").json()["linked_items"]
    assert {"kind": "topic", "id": topic.pk, "title": "Jagen"} in linked
    assert client.get("/api/v1/knowledge/topic/999999").status_code == 404


def test_r23_a_draft_point_is_not_shown_to_agents_on_an_item(
    client, voorlichter, topic, reference_data
):
    draft = EscalationPointFactory(status="draft")
    publish_points(topic, [draft])
    client.force_login(voorlichter)
    assert client.get(f"/api/v1/knowledge/topic/{topic.pk}").json()["escalation_points"] == []


def test_a_topic_cannot_take_a_slug_the_site_itself_serves(home):
    topic = TopicPage(title="Zoeken", slug="zoeken")
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=topic)
    assert "voorbehouden" in str(error.value)
