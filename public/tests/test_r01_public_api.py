"""The public JSON API: anonymous, read-only, explicit public fields, live pages only (R1)."""

import pytest

from knowledge.factories import ArticlePageFactory
from public.api import MAX_LIMIT
from reference.models import Organisation

pytestmark = pytest.mark.django_db

BASE = "/api/public"
PAGE_FIELDS = {"id", "title", "slug", "url", "intro", "body", "last_published_at"}
LIST_FIELDS = {"count", "limit", "offset", "next", "previous", "items"}


def get(client, path, **params):
    response = client.get(f"{BASE}{path}", params)
    assert response["Content-Type"].startswith("application/json")
    return response


def test_r01_topics_list_and_detail(client, site_content):
    body = get(client, "/topics").json()
    assert set(body) == LIST_FIELDS
    assert body["count"] == 1  # not the private topic
    (topic,) = body["items"]
    assert set(topic) == PAGE_FIELDS
    assert topic["id"] == site_content["topic"].pk
    assert topic["title"] == "Jagen"
    assert topic["slug"] == "jagen"
    assert topic["url"] == "http://testserver/jagen/"
    assert topic["body"] == (
        "<p>Wie in Vlaanderen wil jagen, heeft een geldig jachtverlof nodig.</p>"
    )
    detail = get(client, f"/topics/{topic['id']}")
    assert detail.status_code == 200
    assert detail.json() == topic


def test_r01_articles_have_their_topic_and_drafts_are_absent(client, site_content):
    body = get(client, "/articles").json()
    assert [item["title"] for item in body["items"]] == ["Jachtverlof aanvragen"]
    article = body["items"][0]
    assert set(article) == PAGE_FIELDS | {"topic_id"}
    assert article["topic_id"] == site_content["topic"].pk

    draft = get(client, f"/articles/{site_content['draft'].pk}")
    assert draft.status_code == 404
    assert draft.json() == {"detail": "Dit artikel bestaat niet of is niet gepubliceerd."}


def test_r01_products_have_conditions_procedure_and_cost(client, site_content):
    (product,) = get(client, "/products").json()["items"]
    assert set(product) == PAGE_FIELDS | {"topic_id", "conditions", "procedure", "cost"}
    assert product["conditions"] == "<p>U bent minstens 18 jaar.</p>"
    assert product["procedure"] == "<p>Schrijf u in via het e-loket.</p>"
    assert product["cost"] == "50 euro"
    assert get(client, f"/products/{product['id']}").json() == product


def test_r01_private_pages_and_wrong_types_are_404(client, site_content):
    assert get(client, f"/topics/{site_content['private'].pk}").status_code == 404
    # An article id is not a topic.
    response = get(client, f"/topics/{site_content['article'].pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Dit topic bestaat niet of is niet gepubliceerd."}
    assert get(client, "/products/999999").json() == {
        "detail": "Dit product bestaat niet of is niet gepubliceerd."
    }


def test_r01_unpublished_page_disappears_from_the_api(client, site_content):
    article = site_content["article"]
    assert get(client, f"/articles/{article.pk}").status_code == 200
    article.unpublish()
    assert get(client, f"/articles/{article.pk}").status_code == 404
    assert get(client, "/articles").json()["count"] == 0


def test_r01_organisations_list_and_detail(client, reference_data):
    body = get(client, "/organisations").json()
    assert body["count"] == 3
    assert all(
        set(item) == {"id", "name", "abbreviation", "description", "website", "parent_id"}
        for item in body["items"]
    )
    division = Organisation.objects.get(abbreviation="ANB-JACHT")
    detail = get(client, f"/organisations/{division.pk}").json()
    assert detail == {
        "id": division.pk,
        "name": "ANB - Team Jacht",
        "abbreviation": "ANB-JACHT",
        "description": "",
        "website": "",
        "parent_id": reference_data["anb"].pk,
    }
    missing = get(client, "/organisations/999999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Deze organisatie bestaat niet."}


def test_r01_lists_are_paginated_with_a_maximum(client, site_content):
    topic = site_content["topic"]
    for number in range(3):
        ArticlePageFactory(parent=topic, title=f"Extra {number}", intro="x")
    first = get(client, "/articles", limit=2).json()
    assert first["count"] == 4
    assert len(first["items"]) == 2
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/public/articles?limit=2&offset=2"
    second = get(client, "/articles", limit=2, offset=2).json()
    assert len(second["items"]) == 2
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/public/articles?limit=2&offset=0"
    assert {item["id"] for item in first["items"]}.isdisjoint(
        item["id"] for item in second["items"]
    )
    assert get(client, "/articles", limit=MAX_LIMIT).status_code == 200
    too_many = get(client, "/articles", limit=MAX_LIMIT + 1)
    assert too_many.status_code == 400
    assert too_many.json() == {
        "detail": "De parameters zijn niet geldig.",
        "errors": {"limit": [f"Hoogstens {MAX_LIMIT}."]},
    }
    assert get(client, "/articles", offset=-1).status_code == 400


def test_r01_articles_can_be_filtered_by_topic(client, site_content):
    topic_id = site_content["topic"].pk
    body = get(client, "/articles", topic=topic_id).json()
    assert [item["topic_id"] for item in body["items"]] == [topic_id]
    assert get(client, "/products", topic=site_content["private"].pk).json()["count"] == 0


def test_r01_public_api_is_anonymous_and_read_only(client, redacteur, site_content):
    anonymous = get(client, "/topics")
    assert anonymous.status_code == 200
    client.force_login(redacteur)
    assert get(client, "/topics").json() == anonymous.json()  # no extras for staff
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(f"{BASE}/topics").status_code == 405
    assert client.post(f"{BASE}/topics/{site_content['topic'].pk}").status_code == 405


def test_r01_public_api_schema_has_only_public_get_endpoints(client):
    schema = get(client, "/openapi.json").json()
    assert set(schema["paths"]) == {
        f"{BASE}/{name}{suffix}"
        for name, suffix in [
            ("topics", ""),
            ("topics", "/{topic_id}"),
            ("articles", ""),
            ("articles", "/{article_id}"),
            ("products", ""),
            ("products", "/{product_id}"),
            ("organisations", ""),
            ("organisations", "/{organisation_id}"),
        ]
    }
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())
    text = str(schema).lower()
    for internal in ("escalat", "phone", "email", "instructions", "question", "point"):
        assert internal not in text


def test_r01_public_api_never_returns_linked_points(client, linked_content, points):
    for path in (
        f"/topics/{linked_content['topic'].pk}",
        f"/articles/{linked_content['article'].pk}",
        f"/products/{linked_content['product'].pk}",
    ):
        response = get(client, path)
        assert response.status_code == 200
        text = response.content.decode()
        for point in points.values():
            assert point.editorial_title not in text
            assert point.phone_number not in text
            assert point.email_address not in text
