"""R1: no public page, search result, sitemap or public API response contains escalation data.

An anonymous crawl of everything public (links, sitemap, robots.txt, the public API from
its schema, a search for every word of every point's titles) must not contain any
contactcenter secret, while pages, API items and organisations linking or near those
points demonstrably were visited. A template that does render a linked point must be
caught by the same crawl, so the check cannot pass by looking in the wrong place.
"""

import copy
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from knowledge.factories import TopicPageFactory
from knowledge.models import ArticleEscalationPoint, ProductEscalationPoint, TopicEscalationPoint
from public.leakcheck import (
    MAX_URLS,
    contactcenter_secrets,
    crawl_public_site,
    find_leaks,
    point_search_words,
)

pytestmark = pytest.mark.django_db


def expected_secrets(points, linked_content) -> set[str]:
    """What the test data holds, written out, so the collector cannot quietly miss some."""
    return {
        "ANB - Wildbeheer - Jagers",
        "ANB Wildbeheer voor jagers",
        "011 12 34 56",
        "011123456",
        "wildbeheer@anb.example.be",
        "Escalatie per mail? Vermeld altijd rijksregisternummer.",
        "Vraag eerst het KBO-nummer van de jachtclub.",
        "Telefonisch niet bereikbaar wegens opleiding wildbeheer.",
        "Griet Wildemeersch",
        "griet.wildemeersch@anb.example.be",
        "011 98 76 54",
        "VMM - Grondwater - Bedrijven",
        "Grondwaterheffing voor bedrijven (VMM)",
        "02 553 21 00",
        "025532100",
        "grondwater@vmm.example.be",
        "Vraag altijd het dossiernummer van de heffing.",
        "Teamdag: de dienst grondwater is onbereikbaar.",
        linked_content["question"].question,
        linked_content["question"].answer,
    }


def test_r01_secrets_cover_every_point_field_that_must_stay_internal(points, linked_content):
    secrets = set(contactcenter_secrets())
    assert expected_secrets(points, linked_content) <= secrets


def test_r01_links_on_the_tab_contactcenter_exist(linked_content, points):
    # Guard the set-up: the pages really link both points (published and draft).
    for model, page in (
        (TopicEscalationPoint, linked_content["topic"]),
        (ArticleEscalationPoint, linked_content["article"]),
        (ProductEscalationPoint, linked_content["product"]),
    ):
        assert set(model.objects.filter(item=page).values_list("point_id", flat=True)) == {
            points["published"].pk,
            points["draft"].pk,
        }


def assert_crawl_was_thorough(pages, linked_content, site_content):
    for page in (
        linked_content["topic"],
        linked_content["article"],
        linked_content["product"],
        site_content["topic"],
        site_content["article"],
        site_content["product"],
    ):
        assert page.url in pages, f"{page.url} niet bezocht"
    assert "/" in pages
    assert "/sitemap.xml" in pages
    assert "/robots.txt" in pages
    assert "/api/public/openapi.json" in pages
    assert "/organisaties/" in pages
    for organisation in linked_content["organisations"]:
        assert f"/organisaties/{organisation.pk}/" in pages
        assert f"/api/public/organisations/{organisation.pk}" in pages
    assert f"/api/public/topics/{linked_content['topic'].pk}" in pages
    assert f"/api/public/articles/{linked_content['article'].pk}" in pages
    assert f"/api/public/products/{linked_content['product'].pk}" in pages
    words = point_search_words()
    assert {"wildbeheer", "jagers", "grondwater", "bedrijven", "vmm", "anb"} <= set(words)
    for word in words:
        assert f"/zoeken/?q={word}" in pages
    # The searches rendered results (not only empty result pages).
    assert "Agentschap voor Natuur en Bos" in pages["/zoeken/?q=anb"]
    assert len(pages) < MAX_URLS, "de crawl werd afgebroken; verhoog de grens"


def test_r01_nothing_of_escalation_points_or_questions_is_public(
    client, points, linked_content, site_content
):
    pages = crawl_public_site(client)

    assert_crawl_was_thorough(pages, linked_content, site_content)
    assert find_leaks(pages, contactcenter_secrets()) == []
    # Drafts and private pages are not public either.
    for page in (site_content["draft"], site_content["private"]):
        assert find_leaks(pages, [page.title, page.intro]) == []


def test_r01_the_leak_check_catches_a_template_that_renders_linked_points(
    client, points, linked_content, site_content, tmp_path
):
    override = tmp_path / "public" / "topic_page.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '{% extends "public/base.html" %}{% block content %}<h1>{{ page.title }}</h1>'
        "{% for link in page.escalation_point_links.all %}"
        "<p>{{ link.point.editorial_title }}</p>{% endfor %}{% endblock %}"
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]

    with override_settings(TEMPLATES=templates):
        pages = crawl_public_site(client)
        leaks = find_leaks(pages, contactcenter_secrets())

    topic_url = linked_content["topic"].url
    assert (topic_url, "ANB - Wildbeheer - Jagers") in leaks
    assert (topic_url, "VMM - Grondwater - Bedrijven") in leaks
    assert {url for url, _ in leaks} == {topic_url}


def test_r01_the_leak_check_reads_api_json_and_html_entities():
    pages = {
        "/a/": "Bel &lt;niet&gt; — " + "ANB - Wildbeheer -\n  Jagers",
        "/b": '{"title": "VMM - Grondwater - Bedrijven"}',
    }
    leaks = find_leaks(pages, ["anb - wildbeheer - jagers", "VMM - Grondwater - Bedrijven"])
    assert leaks == [
        ("/a/", "anb - wildbeheer - jagers"),
        ("/b", "VMM - Grondwater - Bedrijven"),
    ]


def test_r01_the_crawler_decodes_escaped_text_before_matching(client, home):
    # Titles with characters that HTML and JSON escape still match after decoding.
    TopicPageFactory(title="Wonen & energie – l'été", slug="wonen", intro="x")
    pages = crawl_public_site(client, search_words=[])
    assert find_leaks(pages, ["Wonen & energie – l'été"])
    assert ("/api/public/topics", "Wonen & energie – l'été") in find_leaks(
        pages, ["Wonen & energie – l'été"]
    )


def test_r01_check_public_leaks_command(client, points, linked_content, tmp_path):
    out = StringIO()
    call_command("check_public_leaks", stdout=out)
    assert "Geen lekken gevonden." in out.getvalue()

    override = tmp_path / "public" / "article_page.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        "{% for link in page.escalation_point_links.all %}{{ link.point.phone_number }}{% endfor %}"
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    out = StringIO()
    with override_settings(TEMPLATES=templates), pytest.raises(CommandError):
        call_command("check_public_leaks", stdout=out)
    assert f"LEK {linked_content['article'].url}: '011 12 34 56'" in out.getvalue()
