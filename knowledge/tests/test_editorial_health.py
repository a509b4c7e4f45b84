"""Editorial health (issue 12): every point that breaks a rule or a recommendation of the
guideline is a finding, with the rule, a Dutch explanation and the tab to fix it; each check
has a point that breaks it and one that does not. Shown in a CMS report (filters, CSV/XLSX),
on the dashboard and in `GET /api/v1/health`."""

import csv
import io
from datetime import date, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup

from knowledge import health
from knowledge.factories import TopicPageFactory
from knowledge.models import TopicEscalationPoint
from points.factories import (
    PLANNING_DAY,
    EscalationPointFactory,
    ExceptionDocumentFactory,
    days_ago,
)
from reference.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

REPORT = "/cms/gezondheid/"
NO_ADDRESS = {"address": ""}
ADDRESS = {"address": "jacht@anb.example.be"}
NUMBER = {"number": "011 12 34 56"}
API = "/api/v1/health"


def rules_of(point, **options) -> list[str]:
    return [finding.rule for finding in health.findings(point_ids=[point.pk], **options)]


def messages_of(point, rule: str) -> list[str]:
    return [finding.message for finding in health.findings(point_ids=[point.pk], rule=rule)]


@pytest.fixture
def linked(topic):
    """Link a point from the published topic, so that R23 has nothing to say."""

    def link(point):
        TopicEscalationPoint.objects.create(item=topic, point=point)
        return point

    return link


@pytest.fixture
def good_point(reference_data, linked):
    return linked(EscalationPointFactory())


def test_a_point_that_follows_the_guideline_has_no_findings(good_point):
    assert health.findings(point_ids=[good_point.pk]) == []


@pytest.mark.parametrize(
    ("document", "rule", "message"),
    [
        ({"editorial_title": "Team Jacht van het ANB"}, "R2", "patroon"),
        ({"editorial_title": "ANB: Team Jacht"}, "R2", "patroon"),
        ({"instructions": "Vermeld altijd rijksregisternummer. " * 12}, "R3", "lang"),
        ({"instructions": "De voorlichter moet het dossiernummer vermelden."}, "R3", "gebiedende"),
        ({"phone": {"number": "070 22 02 00"}}, "R9", "betaalnummer"),
        ({"email": {"address": "jan.peeters@anb.example.be"}}, "R10", "persoonlijk"),
        (
            {"email": {"address": "jacht@anb.example.be", "forward_allowed": False}},
            "R15",
            "voor niemand bruikbaar",
        ),
        (
            {
                "email": {"address": ""},
                "phone": {"number": "011 12 34 56", "transfer_allowed": False},
            },
            "R15",
            "geen voorlichter kan het gebruiken",
        ),
        ({"phone_hours": {}}, "R17", "geen telefonische uren"),
        ({"handling_term": {"working_days": 21, "info": ""}}, "R18", "21 werkdagen"),
        ({"reporting__theme": None}, "R21", "rapporteringsthema"),
        (
            {"agreements__date": (date.today() - timedelta(days=800)).isoformat()},
            "R22",
            "twee jaar",
        ),
    ],
)
def test_a_published_point_that_breaks_a_recommendation_is_a_finding(
    reference_data, linked, document, rule, message
):
    point = linked(EscalationPointFactory(**document))

    assert rule in rules_of(point)
    assert any(message in text for text in messages_of(point, rule))


@pytest.mark.parametrize(
    ("document", "rule"),
    [
        ({"editorial_title": "VAPH - Covid-19 - Professionals"}, "R2"),
        ({"instructions": "Vermeld altijd rijksregisternummer."}, "R3"),
        ({"phone": {"number": "02 553 21 00"}}, "R9"),
        ({"email": {"address": "jacht.dossiers@anb.example.be"}}, "R10"),
        (
            {
                "email": {
                    "address": "jacht@anb.example.be",
                    "forward_allowed": False,
                    "share_with_citizen": True,
                }
            },
            "R15",
        ),
        (
            {"phone": {"number": "011 12 34 56", "transfer_allowed": False}, "phone_hours": {}},
            "R17",
        ),
        ({"handling_term": {"working_days": 20, "info": ""}}, "R18"),
        ({"handling_term": {"working_days": 40, "info": "Dossiers vragen onderzoek."}}, "R18"),
        ({"agreements__date": days_ago(700)}, "R22"),
    ],
)
def test_a_point_within_the_rule_is_no_finding(reference_data, linked, document, rule):
    point = linked(EscalationPointFactory(**document))

    assert rule not in rules_of(point)


@pytest.mark.parametrize(
    ("document", "rule", "message"),
    [
        ({"phone": {"number": ""}, "email": {"address": ""}}, "R15", "zonder telefoon"),
        ({"agreements": {"date": None, "with": ""}}, "R22", "afspraken"),
        ({"reporting__organisation": None}, "R21", "rapporteringsorganisatie"),
    ],
)
def test_a_draft_that_cannot_be_published_is_a_finding_on_its_draft(
    reference_data, document, rule, message
):
    point = EscalationPointFactory(status="draft", **document)

    found = health.findings(point_ids=[point.pk], rule=rule)

    assert any(message in finding.message for finding in found)
    assert all(finding.in_draft for finding in found)


def test_r14_a_draft_without_template_while_forwarding_is_a_finding(reference_data):
    from reference.models import EmailTemplate

    EmailTemplate.objects.update(is_default=False)
    point = EscalationPointFactory(status="draft")

    assert "R14" in rules_of(point)


def test_a_published_point_is_judged_on_its_draft_when_it_has_one(good_point):
    from points.services import create_or_update_point

    create_or_update_point(
        data={"status": "draft", "email": {"address": "lies.claes@anb.example.be"}},
        user=None,
        point=good_point,
    )

    found = health.findings(point_ids=[good_point.pk])
    assert [(finding.rule, finding.in_draft) for finding in found] == [("R10", True)]


def test_r16_a_long_exception_or_one_with_an_internal_reason_is_a_finding(reference_data, linked):
    with time_machine.travel(PLANNING_DAY, tick=False):
        long = linked(
            EscalationPointFactory(
                exceptions=[
                    ExceptionDocumentFactory(
                        starts_at="2026-12-10T00:00:00+01:00",
                        ends_at="2027-01-20T00:00:00+01:00",
                        message="Telefonisch niet bereikbaar tot 20-01-2027.",
                    )
                ]
            )
        )
        internal = linked(
            EscalationPointFactory(
                editorial_title="ANB - Team Wild",
                exceptions=[ExceptionDocumentFactory(message="Niet bereikbaar wegens teamdag.")],
            )
        )
        short = linked(
            EscalationPointFactory(
                editorial_title="ANB - Team Bos", exceptions=[ExceptionDocumentFactory()]
            )
        )

        assert "langer dan een maand" in messages_of(long, "R16")[0]
        assert "interne reden" in messages_of(internal, "R16")[0]
        assert messages_of(short, "R16") == []
    with time_machine.travel("2027-02-01T10:00:00+01:00", tick=False):
        assert messages_of(long, "R16") == []  # over: no longer shown, nothing to fix


def test_r21_an_organisation_that_is_no_longer_top_level_is_a_finding(good_point):
    department = OrganisationFactory(abbreviation="OMG", name="Departement Omgeving")
    anb = good_point.reporting_organisation
    anb.parent = department
    anb.save()

    assert any("Departement Omgeving" in message for message in messages_of(good_point, "R21"))


def test_r23_a_point_no_published_item_shows_is_a_finding(reference_data, home, linked):
    lonely = EscalationPointFactory()
    draft_topic = TopicPageFactory(title="Vissen", publish=False)
    hidden = EscalationPointFactory(editorial_title="ANB - Team Vis")
    TopicEscalationPoint.objects.create(item=draft_topic, point=hidden)
    shown = linked(EscalationPointFactory(editorial_title="ANB - Team Bos"))

    assert "R23" in rules_of(lonely)
    assert "R23" in rules_of(hidden)
    assert "R23" not in rules_of(shown)


def test_r22_a_point_unchanged_for_a_year_is_a_finding(good_point):
    assert "R22" not in rules_of(good_point)
    with time_machine.travel(date.today() + timedelta(days=366)):
        assert any("niet meer gewijzigd" in m for m in messages_of(good_point, "R22"))


# --- The CMS report, the dashboard and the API ---------------------------------------------


@pytest.fixture
def findings_data(reference_data, linked):
    linked(EscalationPointFactory())
    return linked(EscalationPointFactory(editorial_title="Team Jacht van het ANB"))


def test_the_report_lists_findings_with_a_link_to_the_tab(editor, findings_data):
    response = editor.get(REPORT)

    soup = BeautifulSoup(response.content, "html.parser")
    text = " ".join(soup.get_text(" ").split())
    assert "Team Jacht van het ANB" in text
    assert "R2 Titel" in text
    link = soup.find("a", string=lambda s: s and "Team Jacht van het ANB" in s)
    assert link["href"].endswith(f"/edit/{findings_data.pk}/#tab-inhoud")


def test_the_report_filters_by_rule_organisation_and_version(editor, findings_data):
    OrganisationFactory(abbreviation="VMM2", name="Vlaamse Milieumaatschappij 2")
    by_rule = editor.get(REPORT, {"rule": "R23"})
    other = editor.get(REPORT, {"organisation": findings_data.reporting_organisation_id})
    drafts = editor.get(REPORT, {"version": "draft"})

    assert "Team Jacht van het ANB" not in by_rule.content.decode()
    assert "Team Jacht van het ANB" in other.content.decode()
    assert "Team Jacht van het ANB" not in drafts.content.decode()


def test_the_report_exports_csv(editor, findings_data):
    response = editor.get(REPORT, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert rows[0]["Escalatiepunt"] == "Team Jacht van het ANB"
    assert rows[0]["Regel"] == "R2 Titel"
    assert rows[0]["Link"].endswith("#tab-inhoud")


def test_the_report_exports_xlsx(editor, findings_data):
    response = editor.get(REPORT, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_only_editors_and_beheerders_see_the_report(client, voorlichter, beheerder, findings_data):
    client.force_login(voorlichter)
    assert client.get(REPORT).status_code in (302, 403)
    client.force_login(beheerder)
    assert client.get(REPORT).status_code == 200


def test_the_dashboard_counts_the_findings_and_shows_the_editors_own(editor, findings_data):
    response = editor.get("/cms/")

    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
    assert "1 bevinding in 1 escalatiepunt" in text
    assert "Wat de richtlijn nog vraagt van jouw escalatiepunten" in text


def test_the_api_lists_every_finding(editor, findings_data):
    response = editor.get(API)

    assert response.status_code == 200
    assert {"point": findings_data.pk, "rule": "R2"}.items() <= response.json()[0].items()
    assert response.json()[0]["message"] == health.rules.TITLE_WARNING


@pytest.mark.parametrize(
    ("query", "count"),
    [({"rule": "R2"}, 1), ({"rule": "r2"}, 1), ({"rule": "R23"}, 0), ({"organisation": "ANB"}, 1)],
)
def test_the_api_filters_by_rule_and_organisation(editor, findings_data, query, count):
    response = editor.get(API, query)

    assert response.status_code == 200
    assert len(response.json()) == count


@pytest.mark.parametrize(
    "query", [{"rule": "R99"}, {"rule": "R2\x00"[:3] + "x"}, {"organisation": "BESTAAT\x00NIET"}]
)
def test_the_api_refuses_an_unknown_rule_or_organisation_in_dutch(editor, findings_data, query):
    response = editor.get(API, query)

    assert response.status_code == 400
    assert "Onbekende" in response.json()["detail"]


def test_agents_may_not_read_the_findings(client, voorlichter):
    client.force_login(voorlichter)

    assert client.get(API).status_code == 403
