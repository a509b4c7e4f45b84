"""The benchmark's bulk seeding (`manage.py bench_seed`) leaves what the editor leaves: the real
code sees its points as published and its pages as live pages in a sound tree. A smoke test
on a tiny data set; the timings come from `make bench`, never from a test."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import ModelLogEntry, Page, PageLogEntry, ReferenceIndex

from demo.bench_data import SUBJECTS
from escalatiepunten.loadbench import QUERIES, zipf_sequence
from knowledge.models import PAGE_KINDS, ArticlePage, HomePage, ProductPage, Question, TopicPage
from points.models import EscalationPoint
from points.services import validate_point

POINTS, ITEMS = 20, 50


@pytest.fixture
def editors_point(point):
    """A point published through the editor's path, before the bulk data arrives."""
    return point


@pytest.fixture
def seeded(editors_point, home):
    call_command("bench_seed", points=POINTS, items=ITEMS, stdout=StringIO())
    return EscalationPoint.objects.exclude(pk=editors_point.pk).order_by("pk")


def test_seeding_writes_the_asked_numbers(seeded):
    pages = sum(model.objects.count() for model in PAGE_KINDS.values())
    assert seeded.count() == POINTS
    assert pages + Question.objects.count() == ITEMS
    assert TopicPage.objects.exists() and ArticlePage.objects.exists()
    assert ProductPage.objects.exists() and Question.objects.exists()


def test_seeded_points_are_published_with_the_editors_revision_and_log(seeded, editors_point):
    editors_revision = editors_point.latest_revision.content
    for point in seeded.prefetch_related("time_slots", "line_codes"):
        assert point.live and not point.has_unpublished_changes
        assert point.first_published_at and point.last_published_at
        assert point.live_revision_id == point.latest_revision_id
        assert point.revisions.count() == 1
        revision = point.latest_revision
        assert revision.content.keys() == editors_revision.keys()
        as_saved = revision.as_object()
        assert as_saved.editorial_title == point.editorial_title
        assert [slot.pk for slot in as_saved.time_slots.all()] == [
            slot.pk for slot in point.time_slots.all()
        ]
        assert set(revision.content["line_codes"]) == {code.pk for code in point.line_codes.all()}
        actions = ModelLogEntry.objects.filter(object_id=str(point.pk)).values_list(
            "action", flat=True
        )
        assert sorted(actions) == ["wagtail.create", "wagtail.publish"]
        validate_point(point, publishing=True)  # the publish rules accept it as it is


def test_agents_see_seeded_points_in_the_api_and_the_console(seeded, client, voorlichter):
    client.force_login(voorlichter)
    for point in seeded:
        detail = client.get(f"/api/v1/escalation-points/{point.pk}")
        assert detail.status_code == 200
        assert detail.json()["editorial_title"] == point.editorial_title
        card = client.get(f"/contactcenter/punten/{point.pk}/")
        assert card.status_code == 200
        assert point.editorial_title in card.content.decode()


def test_redacteurs_find_seeded_points_in_the_cms_listing_and_its_search(seeded, editor):
    listing = editor.get("/cms/snippets/points/escalationpoint/").content.decode()
    for point in seeded[:10]:
        assert f"/cms/snippets/points/escalationpoint/edit/{point.pk}/" in listing
    point = seeded.first()
    word = point.editorial_title.split(" - ")[1].split()[-1]
    found = editor.get("/cms/snippets/points/escalationpoint/", {"q": word}).content.decode()
    assert f"/cms/snippets/points/escalationpoint/edit/{point.pk}/" in found


def test_seeded_pages_are_live_in_a_sound_tree(seeded, client, voorlichter):
    assert Page.find_problems() == ([], [], [], [], [])
    client.force_login(voorlichter)
    home = HomePage.objects.get()
    assert home.numchild == home.get_children().count()
    for model in PAGE_KINDS.values():
        for page in model.objects.all():
            parent = page.get_parent()
            assert page.numchild == page.get_children().count()
            assert page.url_path == f"{parent.url_path}{page.slug}/"
            assert page.live and page.live_revision_id == page.latest_revision_id
            assert page.revisions.get().as_object().title == page.title
            logged = PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
            assert sorted(logged) == ["wagtail.create", "wagtail.publish"]
            kind = page.contactcenter_kind
            assert client.get(f"/contactcenter/{kind}/{page.pk}/").status_code == 200
    article = ArticlePage.objects.first()
    assert client.get(article.url).status_code == 200


def test_each_item_links_points_and_the_usage_view_knows_it(seeded):
    for model in [*PAGE_KINDS.values(), Question]:
        for item in model.objects.all():
            links = list(item.escalation_point_links.all())
            assert 1 <= len(links) <= 3
            point = links[0].point
            references = ReferenceIndex.get_references_to(point)
            assert references.filter(object_id=str(item.pk)).exists()


def test_every_bench_query_is_about_a_seeded_subject():
    words = {word for word, _ in SUBJECTS}
    for query in QUERIES:
        assert query in words or set(query.split()) & words, query


@override_settings(ROOT_URLCONF="escalatiepunten.bench_urls")
def test_the_yardstick_reads_one_published_point_behind_the_agents_login(
    seeded, client, voorlichter
):
    point = seeded.first()
    assert client.get(f"/bench/minimal/{point.pk}/").status_code == 302  # to the login
    client.force_login(voorlichter)
    answer = client.get(f"/bench/minimal/{point.pk}/")
    assert answer.status_code == 200
    assert answer.json() == {"id": point.pk, "title": point.editorial_title, "live": True}
    assert client.get("/bench/minimal/999999/").status_code == 404


@override_settings(ROOT_URLCONF="escalatiepunten.bench_urls")
def test_the_open_yardstick_reads_the_same_point_without_a_login(seeded, client):
    point = seeded.first()
    answer = client.get(f"/bench/minimal-open/{point.pk}/")
    assert answer.status_code == 200
    assert answer.json() == {"id": point.pk, "title": point.editorial_title, "live": True}


def test_the_card_mix_is_skewed_as_documented_and_covers_many_points():
    ids = list(range(1, 1001))
    sequence = zipf_sequence(ids)
    counts = Counter(sequence)
    top_10 = sum(counts[pk] for pk in ids[:10]) / len(sequence)
    top_100 = sum(counts[pk] for pk in ids[:100]) / len(sequence)
    assert 0.36 < top_10 < 0.42 and 0.66 < top_100 < 0.72  # docs/operations.md
    assert len(counts) > 900  # not a handful of points
    assert zipf_sequence(ids) == sequence  # the same mix in every run
