"""Whatever a user types into a search box, no search answers 500 (SQLite's FTS5 reads
quotes and operators as syntax; PostgreSQL refuses NUL), and the words still find."""

import pytest
from django.urls import reverse

from points.services import create_or_update_point

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    '"jacht',
    '">',
    "'",
    '""',
    "*",
    "(",
    ")",
    "jacht*",
    "^jacht",
    "jacht:verlof",
    "NOT AND OR",
    "jacht NEAR(x)",
    'jacht"verlof',
    "jacht\x00",
    "\x00",
    "jacht\x1b[31m",
    "-jacht",
    "+jacht",
    "a" * 5000,
    "jacht " * 500,
    "ANB - Team Jacht",
    "😀 jacht",
    "%",
    "\\",
    "<script>alert(1)</script>",
]

URLS = {
    "publiek": "/zoeken/",
    "console": "/contactcenter/",
    "api": "/api/v1/escalation-points",
    "cms-punten": "/cms/snippets/points/escalationpoint/",
    "cms-vragen": "/cms/snippets/knowledge/question/",
    "cms-paginas": "/cms/pages/search/",
    "cms-organisaties": "/cms/snippets/reference/organisation/",
}


@pytest.fixture
def searcher(client, beheerder, point_data):
    create_or_update_point(data=point_data, user=None)
    client.force_login(beheerder)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_no_search_box_answers_500_whatever_is_typed(searcher, query):
    answers = {name: searcher.get(url, {"q": query}).status_code for name, url in URLS.items()}
    assert answers == dict.fromkeys(URLS, 200)


@pytest.mark.parametrize("query", ['"jacht', "jacht*", "(jacht)", "jacht\x00", "JACHT!"])
def test_r19_the_words_of_an_odd_query_still_find_the_point(searcher, query):
    found = searcher.get("/api/v1/escalation-points", {"q": query}).json()
    assert [point["editorial_title"] for point in found] == ["ANB - Team Jacht"]
    html = searcher.get(reverse("console:index"), {"q": query}).content.decode()
    assert "ANB - Team Jacht" in html
