"""The one agent search (knowledge.search) over knowledge items and published points, as the
console and API v1 show it (R19 search terms and wider matching, R20 lines, R22 published
only, R23 items with their points, R1 nothing in the public search)."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from knowledge.factories import (
    ArticlePageFactory,
    ProductPageFactory,
    QuestionFactory,
    publish_points,
)
from knowledge.models import KnowledgeKind, SearchEntry
from knowledge.search import search, search_points
from points.factories import EscalationPointFactory, PointDocumentFactory
from points.models import EscalationPoint
from points.services import create_or_update_point
from reference.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

JACHT = "ANB - Team Jacht"
BOS = "Omgeving - Bosbeheer"


@pytest.fixture
def library(reference_data, topic):
    """Points and knowledge items as the user of issue 10 had them: topic 'Jagen', article
    'Jachtverlof aanvragen', product 'Jachtexamen', a question about jachtverlof, all with
    'ANB - Team Jacht'; a point about bosbeheerplannen; a draft."""
    OrganisationFactory(abbreviation="OMG", name="Departement Omgeving")
    jacht = EscalationPointFactory()
    bos = EscalationPointFactory(
        editorial_title=BOS,
        instructions="Vraag naar het nummer van het dossier.",
        content="Goedkeuring van bosbeheerplannen",
        search_terms=["boscompensatie"],
        reporting__organisation="OMG",
        line_codes=["1700", "WONEN"],
    )
    draft = EscalationPointFactory(status="draft", editorial_title="ANB - Jacht - Concept")
    publish_points(topic, [jacht])
    article = ArticlePageFactory(
        title="Jachtverlof aanvragen",
        intro="Hoe en wanneer u een jachtverlof aanvraagt.",
        body="<p>Via het e-loket van het Agentschap voor Natuur en Bos.</p>",
        parent=topic,
        points=[jacht],
    )
    product = ProductPageFactory(
        title="Jachtexamen",
        intro="Het examen om te mogen jagen.",
        body="<p>Een theoretisch en een praktisch deel.</p>",
        parent=topic,
        points=[jacht],
    )
    plan = ArticlePageFactory(
        title="Een bos beheren",
        intro="Wat een bosbeheerplan regelt.",
        body="<p>Elke eigenaar met meer dan 5 hectare bos.</p>",
        parent=topic,
        points=[bos],
    )
    question = QuestionFactory(
        question="Hoe krijg ik een jachtverlof?",
        answer="Mail het ANB met uw rijksregisternummer.",
        topic=topic,
        points=[jacht, draft],
    )
    return {
        "jacht": jacht,
        "bos": bos,
        "draft": draft,
        "topic": topic,
        "article": article,
        "product": product,
        "plan": plan,
        "question": question,
    }


@pytest.fixture
def agent(client, voorlichter):
    client.force_login(voorlichter)
    return client


def point_titles(query: str, **filters) -> list[str]:
    return [point.editorial_title for point in search(query, **filters).points]


def item_titles(query: str, **filters) -> list[str]:
    return [item.title for item in search(query, **filters).items]


def console(agent, query: str) -> BeautifulSoup:
    response = agent.get(reverse("console:index"), {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def console_points(page: BeautifulSoup) -> list[str]:
    section = page.find("section", attrs={"aria-labelledby": "r-points"})
    return [li.find("a").get_text() for li in section.select("ol.results > li")]


def console_items(page: BeautifulSoup) -> list[str]:
    section = page.find("section", attrs={"aria-labelledby": "r-items"})
    return [li.find("a").get_text() for li in section.select("ol.results > li")]


def api_titles(client, **params) -> list[str]:
    response = client.get("/api/v1/escalation-points", params)
    assert response.status_code == 200
    return [point["editorial_title"] for point in response.json()]


def test_r23_jacht_finds_topic_article_product_question_and_their_point(agent, library):
    found = search("jacht")
    assert [point.editorial_title for point in found.points] == [JACHT]
    kinds = {item.title: item.kind for item in found.items}
    assert kinds == {
        "Jagen": KnowledgeKind.TOPIC,
        "Jachtverlof aanvragen": KnowledgeKind.ARTICLE,
        "Jachtexamen": KnowledgeKind.PRODUCT,
        "Hoe krijg ik een jachtverlof?": KnowledgeKind.QUESTION,
        "ANB - Team Jacht": KnowledgeKind.ORGANISATION,  # the division, without points
    }
    for item in found.items:
        if item.kind != KnowledgeKind.ORGANISATION:
            assert item.point_ids == (library["jacht"].pk,)  # the draft is left out (R22)
    assert set(found.linked_points) == {library["jacht"].pk}
    page = console(agent, "jacht")
    assert console_points(page) == [JACHT]
    assert set(console_items(page)) == set(kinds)
    assert "Niets gevonden" not in page.get_text()


def test_r23_an_item_shows_its_points_inline_with_number_and_state_now(agent, library):
    page = console(agent, "jachtexamen")
    item = page.find("section", attrs={"aria-labelledby": "r-items"}).select_one("ol > li")
    assert item.find("a").get_text() == "Jachtexamen"
    linked = item.select_one("ul.linked-points > li")
    link = linked.find("a")
    assert link.get_text() == JACHT
    assert link["href"] == reverse("console:point", args=[library["jacht"].pk])
    text = linked.get_text(" ", strip=True)
    assert "011 12 34 56" in text
    assert "Doorschakelen kan nu" in text or "Nu niet" in text
    assert "E-mail: ✔ ja" in text


def test_r19_one_typo_is_forgiven(library):
    assert point_titles("jachverlof") == [JACHT]
    assert "Jachtverlof aanvragen" in item_titles("jachverlof")
    assert point_titles("jachtverlfo") == [JACHT]  # two letters swapped
    assert point_titles("bosbeheerplanen") == [BOS]


def test_r19_the_word_being_typed_is_completed(agent, library):
    assert point_titles("jachtv") == [JACHT]
    assert "Jachtverlof aanvragen" in item_titles("jachtv")
    assert point_titles("bosbeh") == [BOS]
    assert api_titles(agent, q="jachtv") == [JACHT]


def test_r19_exact_words_rank_before_completions(library):
    EscalationPointFactory(
        editorial_title="VMM - Jachthaven",
        content="Vlaamse Milieumaatschappij",
        search_terms=[],
        reporting__organisation="VMM",
    )
    assert point_titles("jacht") == [JACHT, "VMM - Jachthaven"]


def test_r19_a_word_of_the_instructions_finds_the_point_in_console_and_api(agent, library):
    assert console_points(console(agent, "rijksregisternummer")) == [JACHT]
    assert api_titles(agent, q="rijksregisternummer") == [JACHT]
    assert "Hoe krijg ik een jachtverlof?" in item_titles("rijksregisternummer")


def test_r19_dutch_stemming_finds_plural_and_singular(agent, library):
    assert point_titles("bosbeheerplan") == [BOS]  # the point says 'bosbeheerplannen'
    assert item_titles("bosbeheerplannen") == ["Een bos beheren"]  # the page 'bosbeheerplan'
    assert api_titles(agent, q="bosbeheerplan") == [BOS]


def test_r19_an_abbreviation_finds_the_full_name_and_back(library):
    # The article names 'Agentschap voor Natuur en Bos', the question 'ANB'.
    assert "Jachtverlof aanvragen" in item_titles("ANB")
    assert "Hoe krijg ik een jachtverlof?" in item_titles("Agentschap voor Natuur en Bos")
    assert point_titles("agentschap voor natuur en bos") == [JACHT]
    assert point_titles("Departement Omgeving") == [BOS]
    assert point_titles("OMG bosbeheerplan") == [BOS]


def test_r19_search_terms_find_the_point(library):
    assert point_titles("boscompensatie") == [BOS]


def test_a_query_of_stop_words_finds_only_what_contains_them(library):
    # PostgreSQL's Dutch configuration leaves 'het' out: nothing, not everything, matches.
    assert JACHT not in point_titles("het")
    assert set(point_titles("het")) <= {BOS}  # 'Vraag naar het nummer van het dossier.'


def test_r22_drafts_are_never_found(agent, library):
    assert point_titles("concept") == []
    assert api_titles(agent, q="concept") == []
    assert console_points(console(agent, "concept")) == []


def test_r22_an_unpublished_point_is_gone_from_points_and_items(library):
    library["jacht"].unpublish()
    assert point_titles("jacht") == []
    found = search("jachtexamen")
    assert [item.title for item in found.items] == ["Jachtexamen", "Jagen"]
    assert [item.point_ids for item in found.items] == [(), ()]
    assert found.linked_points == {}


def test_r22_an_unpublished_or_deleted_item_is_gone(library):
    library["article"].unpublish()
    assert "Jachtverlof aanvragen" not in item_titles("jachtverlof")
    library["question"].delete()
    assert "Hoe krijg ik een jachtverlof?" not in item_titles("jachtverlof")
    library["product"].delete()
    assert "Jachtexamen" not in item_titles("jachtexamen")


def test_r23_unlinking_a_point_updates_the_item(library):
    question = library["question"]
    question.escalation_point_links = []
    question.save()
    found = search("krijg jachtverlof")
    assert [item.title for item in found.items] == ["Hoe krijg ik een jachtverlof?"]
    assert found.items[0].point_ids == ()


def test_r24_a_renamed_organisation_is_found_by_its_new_name(library):
    organisation = library["bos"].reporting_organisation
    organisation.name = "Departement Leefomgeving"
    organisation.save()
    assert point_titles("leefomgeving") == [BOS]
    assert item_titles("leefomgeving") == ["Departement Leefomgeving"]
    assert "Departement Omgeving" not in item_titles("departement")


def test_r24_a_point_moved_to_another_organisation_moves_in_the_search(library):
    create_or_update_point(
        data={"status": "published", "reporting": {"organisation": "VMM"}},
        point=library["bos"],
        user=None,
    )
    found = {item.title: item.point_ids for item in search("bosbeheer").items}
    assert point_titles("OMG bosbeheer") == []
    assert point_titles("Vlaamse Milieumaatschappij") == [BOS]
    vmm = search("Vlaamse Milieumaatschappij").items
    assert [(item.title, item.point_ids) for item in vmm] == [
        ("Vlaamse Milieumaatschappij", (library["bos"].pk,))
    ]
    assert "Departement Omgeving" not in found
    omgeving = search("Departement Omgeving").items
    assert [(item.title, item.point_ids) for item in omgeving] == [("Departement Omgeving", ())]


def test_r22_a_point_published_without_a_worker_is_found_at_once(agent, reference_data):
    """Wagtail's own index waits in the task queue; the agents' search does not."""
    queue = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with override_settings(TASKS=queue):
        point = create_or_update_point(
            data=PointDocumentFactory(editorial_title="VMM - Grondwaterheffing"), user=None
        )
    assert point.live
    assert point_titles("grondwaterheffing") == ["VMM - Grondwaterheffing"]
    assert api_titles(agent, q="grondwaterheffing") == ["VMM - Grondwaterheffing"]


def test_r20_the_line_filter_and_the_agents_own_lines_first(agent, library):
    assert point_titles("ANB OMG") == []  # every word must match
    assert set(point_titles("dossier")) == {BOS}
    assert point_titles("bos") == [BOS, JACHT] or point_titles("bos") == [JACHT, BOS]
    assert point_titles("bos", lines_first=["WONEN"])[0] == BOS
    assert point_titles("natuur", lines_first=["WONEN"]) == [JACHT]
    assert point_titles("bos", line="WONEN") == [BOS]
    assert item_titles("bos", line="wonen") == ["Een bos beheren"]
    assert point_titles("bos", organisation="anb") == [JACHT]
    assert api_titles(agent, q="bos", line="WONEN") == [BOS]
    assert api_titles(agent, q="jacht", line="WONEN") == []
    assert api_titles(agent, line="WONEN") == [BOS]
    assert [p.editorial_title for p in search_points("", lines_first=["WONEN"])] == [BOS, JACHT]


def test_the_api_pages_with_limit_and_offset(agent, library):
    assert api_titles(agent, q="bos", limit=1) + api_titles(agent, q="bos", offset=1) == (
        point_titles("bos")
    )
    assert api_titles(agent, limit=1, offset=1) == [BOS]  # by title without a query
    assert api_titles(agent, q="bos", offset=10**15) == []
    assert api_titles(agent, q="bos", limit=-5) == point_titles("bos")[:1]


def test_results_carry_what_a_card_needs_without_more_queries(library):
    found = search("jacht")
    points = [*found.points, *found.linked_points.values()]
    with CaptureQueriesContext(connection) as queries:
        for point in points:
            list(point.time_slots.all()), list(point.exceptions.all())
            str(point.reporting_organisation), str(point.email_template)
    assert len(queries) == 0


def _many(count: int, word: str) -> None:
    for number in range(count):
        point = EscalationPointFactory(
            editorial_title=f"ANB - {word} {number}", search_terms=[word], content=""
        )
        QuestionFactory(question=f"Vraag {number} over {word}", points=[point])


def _queries(agent, query: str) -> list[int]:
    counts = []
    for call in (
        lambda: search(query),
        lambda: search_points(query),
        lambda: agent.get(reverse("console:index"), {"q": query}),
        lambda: agent.get("/api/v1/escalation-points", {"q": query}),
    ):
        with CaptureQueriesContext(connection) as queries:
            call()
        counts.append(len(queries))
    return counts


def test_the_number_of_queries_does_not_grow_with_the_results(agent, reference_data):
    _many(1, "zeldzaam")
    _many(30, "veelvoorkomend")
    agent.get(reverse("console:index"))  # the session and user are read once per request
    assert len(search("veelvoorkomend", limit=50).points) == 30
    one, thirty = _queries(agent, "zeldzaam"), _queries(agent, "veelvoorkomend")
    assert one == thirty
    # the index version, organisations, vocabulary, points, items, 3 to fetch the points
    assert one[0] <= 8


def test_rebuild_gives_the_index_the_changes_made_it(library):
    def rows():
        return sorted(
            SearchEntry.objects.values_list(
                "kind", "object_id", "title", "point_ids", "line_codes", "organisations"
            )
        )

    before = rows()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert rows() == before
    assert point_titles("jachverlof") == [JACHT]


HOSTILE = [
    '"jacht',
    "jacht\"'",
    "jacht AND bos",
    "NEAR(jacht bos)",
    "jacht*",
    "^jacht",
    "-jacht",
    "jacht:verlof",
    "jacht:*",
    "jacht & !bos | (x",
    "jacht\x00",
    "\x00",
    "😀 jacht 👍",
    "jacht " * 200,
    "a" * 1000,
    "x" * 30,
    "!!! ??? ... ---",
    "%_%",
    "\\",
    "' OR 1=1 --",
    "jachtverlof_aanvragen",
    "Ωμέγα 北京 jacht",
    "ﬁets",
    " ".join(f"woord{i}x" for i in range(40)),
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_string_is_safe_on_both_databases(agent, library, query):
    search(query)
    search_points(query)
    search_points(query, line="'; DROP", organisation="%")
    agent.raise_request_exception = False
    assert agent.get(reverse("console:index"), {"q": query}).status_code == 200
    assert agent.get("/api/v1/escalation-points", {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "query", ['"jacht', "jacht*", "^jacht", "jacht\x00", "😀 jacht 👍", "jacht\ud800"]
)
def test_r19_the_words_of_a_hostile_query_still_find(library, query):
    assert point_titles(query) == [JACHT]


def test_r01_the_public_search_never_shows_a_point(client, library):
    for query in ("bosbeheer", "jachtverlof", "rijksregisternummer", "boscompensatie"):
        page = BeautifulSoup(client.get("/zoeken/", {"q": query}).content, "html.parser")
        found = " ".join(li.get_text(" ") for li in page.select("ol.results > li"))
        assert JACHT not in found and BOS not in found
        assert "011 12 34 56" not in found and "rijksregisternummer" not in found


def test_only_published_points_are_in_the_index(library):
    indexed = set(SearchEntry.objects.filter(kind="point").values_list("object_id", flat=True))
    assert indexed == set(EscalationPoint.objects.published().values_list("pk", flat=True))
