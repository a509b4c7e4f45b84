"""GET /api/v1/reports/…: the figures of the CMS reports (R21, R18), the same numbers, no
citizen data, Dutch errors for bad input, and only for beheerders and teamleiders."""

import pytest

from reports.tests.conftest import NOVEMBER

pytestmark = pytest.mark.django_db

COUNTS = "/api/v1/reports/escalations"
OVER_TIME = "/api/v1/reports/escalations/over-time"
SERVICE_LEVELS = "/api/v1/reports/service-levels"
CITIZEN = ["Jan Janssens", "jan.janssens@example.be", "85073003328", "jachtverlof"]


@pytest.fixture
def lead(client, teamleider):
    client.force_login(teamleider)
    return client


def test_r21_counts_per_organisation_as_the_contract_says(lead, known):
    response = lead.get(COUNTS, {"group_by": "organisation", **NOVEMBER})

    assert response.status_code == 200
    assert [(row["key"], row["label"], row["count"]) for row in response.json()] == [
        ("ANB", "ANB - Agentschap voor Natuur en Bos", 5),
        ("VMM", "VMM - Vlaamse Milieumaatschappij", 2),
        (None, "Onbekend", 1),
    ]
    anb = response.json()[0]
    assert (anb["transfers"], anb["outside_hours"], anb["failed"]) == (2, 1, 0)


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("theme", {"Jacht": 5, "Water": 2, None: 1}),
        ("domain", {"Natuur": 4, None: 3, "Milieu": 2}),
        ("line", {"1700": 5, "WONEN": 2, None: 1}),
        ("channel", {"transfer": 3, "email": 3, "crm": 2}),
        ("agent", {"an": 4, "bert": 3, None: 1}),
    ],
)
def test_r21_counts_per_every_grouping(lead, known, group_by, expected):
    response = lead.get(COUNTS, {"group_by": group_by, **NOVEMBER})

    assert {row["key"]: row["count"] for row in response.json()} == expected


def test_r21_filters_by_key(lead, known):
    response = lead.get(
        COUNTS, {"group_by": "channel", "organisation": "anb", "line": "1700", **NOVEMBER}
    )

    assert {row["key"]: row["count"] for row in response.json()} == {
        "transfer": 2,
        "email": 1,
        "crm": 1,
    }


def test_r21_over_time_per_week(lead, known):
    response = lead.get(OVER_TIME, {"interval": "week", **NOVEMBER})

    assert response.status_code == 200
    assert [(row["start"], row["total"]) for row in response.json()] == [
        ("2026-10-26", 0),
        ("2026-11-02", 2),
        ("2026-11-09", 2),
        ("2026-11-16", 2),
        ("2026-11-23", 2),
        ("2026-11-30", 0),
    ]


def test_r18_service_levels(lead, known):
    response = lead.get(SERVICE_LEVELS, NOVEMBER)

    assert response.json() == [
        {
            "key": "ANB",
            "label": "ANB - Agentschap voor Natuur en Bos",
            "sent": 3,
            "on_time": 1,
            "late": 1,
            "open": 1,
            "on_time_percent": 50.0,
        },
        {
            "key": "VMM",
            "label": "VMM - Vlaamse Milieumaatschappij",
            "sent": 1,
            "on_time": 0,
            "late": 1,
            "open": 0,
            "on_time_percent": 0.0,
        },
    ]


@pytest.mark.parametrize("url", [COUNTS, OVER_TIME, SERVICE_LEVELS])
def test_r21_no_citizen_data_in_the_api(lead, known, url):
    for group_by in ("organisation", "agent", "domain"):
        text = lead.get(url, {"group_by": group_by, **NOVEMBER}).content.decode()
        for personal in CITIZEN:
            assert personal not in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-11-30", "to": "2026-11-01"}, "De begindatum ligt na de einddatum."),
        ({"from": "30-11-2026"}, "Geef een datum als JJJJ-MM-DD"),
        ({"from": "1999-01-01", "to": "2000-01-01"}, "tussen 01-01-2000 en 31-12-2099"),
        ({"from": "2000-01-01", "to": "2099-12-31"}, "hoogstens 5 jaar"),
        ({"organisation": "XYZ"}, "Onbekende rapporteringsorganisatie"),
        ({"theme": "Geen"}, "Onbekend rapporteringsthema"),
        ({"domain": "Geen"}, "Onbekend redactioneel domein"),
        ({"line": "9999"}, "Onbekende lijncode"),
        ({"agent": "niemand"}, "Onbekende voorlichter"),
    ],
)
def test_r21_bad_input_gets_a_dutch_400(lead, known, query, message):
    response = lead.get(COUNTS, query)

    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_r21_an_unknown_grouping_gets_a_dutch_400(lead, known):
    response = lead.get(COUNTS, {"group_by": "citizen"})

    assert response.status_code == 400
    assert "Kies een van" in response.json()["errors"]["group_by"][0]


def test_r21_too_many_days_gets_a_dutch_400(lead, known):
    response = lead.get(OVER_TIME, {"interval": "day", "from": "2024-01-01", "to": "2026-11-30"})

    assert response.status_code == 400
    assert "hoogstens 400" in response.json()["detail"]


@pytest.mark.parametrize("role", ["voorlichter", "redacteur"])
def test_r21_agents_and_editors_may_not_read_the_reports(client, known, request, role):
    client.force_login(request.getfixturevalue(role))

    for url in (COUNTS, OVER_TIME, SERVICE_LEVELS):
        response = client.get(url)
        assert response.status_code == 403
        assert "escalatierapporten" in response.json()["detail"]
