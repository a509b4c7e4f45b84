"""R21 in the CMS: the reports show the counts, charts with their numbers, and export CSV and
XLSX; never a citizen's data; a wrong period gets a Dutch message; only beheerders and
teamleiders see them."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from reports.tests.conftest import NOVEMBER

pytestmark = pytest.mark.django_db

COUNTS = "/cms/rapporten/escalaties/"
OVER_TIME = "/cms/rapporten/escalaties-in-de-tijd/"
SERVICE_LEVELS = "/cms/rapporten/behandeltermijnen/"
REPORTS = [COUNTS, OVER_TIME, SERVICE_LEVELS]
PERIOD = {"start": NOVEMBER["from"], "end": NOVEMBER["to"]}
CITIZEN = ["Jan Janssens", "jan.janssens@example.be", "85073003328", "jachtverlof", "twee keer"]


@pytest.fixture
def lead(client, teamleider):
    client.force_login(teamleider)
    return client


def table_rows(response) -> list[list[str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select("#listing-results table.listing")[-1]
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in table.select("tbody tr")
    ]


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_r21_the_report_counts_per_organisation_with_charts(lead, known):
    response = lead.get(COUNTS, PERIOD)

    assert response.status_code == 200
    rows = table_rows(response)
    assert [row[:3] for row in rows] == [
        ["ANB - Agentschap voor Natuur en Bos", "5", "62,5 %"],
        ["VMM - Vlaamse Milieumaatschappij", "2", "25,0 %"],
        ["Onbekend", "1", "12,5 %"],
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [title.get_text() for title in soup.select("svg[role=img] > title")]
    assert titles == [
        "Escalaties in de tijd",
        "Top 10 rapporteringsorganisaties",
        "Top 10 rapporteringsthema's",
    ]
    for svg in soup.select("svg[role=img]"):
        assert svg["aria-labelledby"].split() == [
            svg.title["id"],
            svg.desc["id"],
        ]
    assert "Periode: 01-11-2026 tot en met 30-11-2026" in response.text
    assert "8 escalaties" in response.text


@pytest.mark.parametrize(
    ("group_by", "first"),
    [
        ("theme", ["Jacht", "5"]),
        ("domain", ["Natuur", "4"]),
        ("line", ["1700 Andere Vragen", "5"]),
        ("channel", ["Doorgeschakeld", "3"]),
        ("agent", ["An Peeters", "4"]),
    ],
)
def test_r21_the_report_groups_by_every_dimension(lead, known, group_by, first):
    rows = table_rows(lead.get(COUNTS, {**PERIOD, "group_by": group_by}))

    assert rows[0][:2] == first


def test_r21_the_domain_grouping_says_an_escalation_counts_in_each_domain(lead, known):
    response = lead.get(COUNTS, {**PERIOD, "group_by": "domain"})

    assert "telt in elk van die domeinen mee" in response.text


def test_r21_the_report_filters_on_a_dimension(lead, known):
    rows = table_rows(lead.get(COUNTS, {**PERIOD, "channel": "crm", "group_by": "organisation"}))

    assert [row[:2] for row in rows] == [
        ["ANB - Agentschap voor Natuur en Bos", "1"],
        ["VMM - Vlaamse Milieumaatschappij", "1"],
    ]


def test_r21_over_time_per_week_with_the_share_outside_hours_and_failures(lead, known):
    response = lead.get(OVER_TIME, {**PERIOD, "interval": "week"})

    rows = table_rows(response)
    assert [row[:2] for row in rows] == [
        ["week 44 (26-10-2026)", "0"],
        ["week 45 (02-11-2026)", "2"],
        ["week 46 (09-11-2026)", "2"],
        ["week 47 (16-11-2026)", "2"],
        ["week 48 (23-11-2026)", "2"],
        ["week 49 (30-11-2026)", "0"],
    ]
    # Periode, escalaties, doorgeschakeld, e-mail, CRM, buiten de uren, %, niet afgeleverd
    assert rows[1] == ["week 45 (02-11-2026)", "2", "2", "0", "0", "1", "50,0 %", "0"]
    assert rows[3][-1] == "1"
    soup = BeautifulSoup(response.content, "html.parser")
    assert [title.get_text() for title in soup.select("svg[role=img] > title")] == [
        "Escalaties in de tijd",
        "Aandeel doorschakelingen buiten de uren (met reden)",
        "Niet afgeleverde escalaties",
    ]


def test_r21_a_chart_has_the_same_numbers_as_a_table(lead, known):
    response = lead.get(OVER_TIME, {**PERIOD, "interval": "week"})

    soup = BeautifulSoup(response.content, "html.parser")
    figure = soup.select("figure.escalation-report__chart")[1]
    numbers = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in figure.select("tbody tr")
    ]
    assert numbers[1] == ["week 45 (02-11-2026)", "50,0 %"]
    bar_titles = [title.get_text() for title in figure.select("rect > title")]
    assert bar_titles[1] == "week 45 (02-11-2026): 50,0 %"


@pytest.mark.parametrize("report", REPORTS)
def test_r21_every_report_exports_csv_without_citizen_data(lead, known, report):
    response = lead.get(report, {**PERIOD, "export": "csv"})

    assert response.status_code == 200
    assert "2026-11-01-2026-11-30.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert text.count("\n") > 1
    for personal in CITIZEN:
        assert personal not in text


def test_r21_the_csv_has_the_counts(lead, known):
    rows = csv_rows(lead.get(COUNTS, {**PERIOD, "group_by": "channel", "export": "csv"}))

    assert [(row["Kanaal"], row["Escalaties"]) for row in rows] == [
        ("Doorgeschakeld", "3"),
        ("E-mail", "3"),
        ("CRM", "2"),
    ]


@pytest.mark.parametrize("report", REPORTS)
def test_r21_every_report_exports_xlsx_without_citizen_data(lead, known, report):
    response = lead.get(report, {**PERIOD, "export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) > 1
    text = repr(values)
    for personal in CITIZEN:
        assert personal not in text


def test_r21_the_xlsx_has_numbers_as_numbers(lead, known):
    response = lead.get(COUNTS, {**PERIOD, "export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Rapporteringsorganisatie", "Escalaties"]
    assert values[1][:3] == ["ANB - Agentschap voor Natuur en Bos", 5, 62.5]


@pytest.mark.parametrize("report", REPORTS)
def test_r21_no_citizen_data_in_any_report_page(lead, known, report):
    for group_by in ("organisation", "agent"):
        response = lead.get(report, {**PERIOD, "group_by": group_by})
        for personal in CITIZEN:
            assert personal not in response.text


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"start": "2026-11-30", "end": "2026-11-01"}, "De begindatum ligt na de einddatum."),
        ({"start": "2000-01-01", "end": "2026-11-01"}, "hoogstens 5 jaar"),
        ({"start": "1999-12-31", "end": "2000-01-10"}, "tussen 01-01-2000 en 31-12-2099"),
    ],
)
def test_r21_a_wrong_period_gets_a_dutch_message_and_no_figures(lead, known, period, message):
    response = lead.get(COUNTS, period)

    assert response.status_code == 200
    assert message in response.text
    assert "report-chart" not in response.text
    assert BeautifulSoup(response.content, "html.parser").select("table.listing") == []


def test_r21_too_many_days_for_one_chart_gets_a_dutch_message(lead, known):
    response = lead.get(OVER_TIME, {"start": "2025-01-01", "end": "2026-11-30", "interval": "day"})

    assert "kies een kortere periode of tel per week of per maand" in response.text


def test_r21_without_a_period_the_last_30_days(lead, known):
    response = lead.get(COUNTS)

    assert "Periode: 01-11-2026 tot en met 30-11-2026" in response.text


@pytest.mark.parametrize("report", REPORTS)
def test_r21_redacteur_and_voorlichter_do_not_see_the_reports(client, known, redacteur, report):
    client.force_login(redacteur)

    response = client.get(report)

    assert response.status_code == 403
    assert "rol Teamleider" in response.text


def test_r21_the_reports_menu_shows_the_reports_to_a_teamleider_only(client, known, redacteur):
    from conftest import make_user
    from core import roles

    client.force_login(make_user("lead", roles.TEAMLEIDER))
    assert "Behandeltermijnen" in client.get("/cms/").text
    client.force_login(redacteur)
    assert "Behandeltermijnen" not in client.get("/cms/").text
