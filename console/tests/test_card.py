"""The agent's card in the console: per channel its value and its state *now*, in words and
signs, never colour alone (R3, R4, R6-R13, R16-R18)."""

import re

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from points.factories import PLANNING_DAY, EscalationPointFactory, ExceptionDocumentFactory
from points.tests.card_text import visible_text

pytestmark = pytest.mark.django_db

WEEK = {
    day: [["09:00", "12:00"], ["13:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
}
MONDAY_10 = "2026-12-07T10:00:00+01:00"


def make_point(**document):
    document.setdefault("phone_hours", WEEK)
    with time_machine.travel(PLANNING_DAY, tick=False):
        return EscalationPointFactory(**document)


@pytest.fixture
def agent(client, voorlichter):
    client.user = voorlichter
    return client


def card_html(agent, point, moment: str) -> str:
    with time_machine.travel(moment, tick=False):
        agent.force_login(agent.user)  # a session of the travelled-to time
        response = agent.get(reverse("console:point", args=[point.pk]))
    assert response.status_code == 200
    return response.content.decode()


def route_text(html: str, channel: str) -> str:
    """The text of one channel's row ('phone' or 'email') of the card."""
    match = re.search(
        rf'<section class="route" aria-labelledby="point-\d+-{channel}">(.*?)</section>', html, re.S
    )
    assert match, f"no {channel} row on the card"
    return visible_text(match.group(1))


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (MONDAY_10, "✔ Ja: doorschakelen kan nu, tot 12:00."),
        ("2026-12-07T15:59:00+01:00", "✔ Ja: doorschakelen kan nu, tot 16:00."),
        ("2026-12-07T12:00:00+01:00", "✘ Nu niet: weer vanaf 13:00. Buiten de telefonische"),
        ("2026-12-07T07:00:00+01:00", "✘ Nu niet: weer vanaf 09:00."),
        ("2026-12-10T16:00:00+01:00", "✘ Nu niet: weer vanaf morgen 09:00."),
        ("2026-12-11T16:30:00+01:00", "✘ Nu niet: weer vanaf maandag 09:00."),
        ("2026-12-12T11:00:00+01:00", "✘ Nu niet: weer vanaf maandag 09:00."),
        ("2026-12-25T10:00:00+01:00", "✘ Nu niet: weer vanaf maandag 09:00. Gesloten: Kerstmis."),
    ],
)
def test_r17_the_phone_row_says_whether_a_transfer_is_possible_now_and_until_when(
    agent, reference_data, moment, state
):
    point = make_point()
    phone = route_text(card_html(agent, point, moment), "phone")
    assert phone.startswith("Telefoon 011 12 34 56")
    assert f"Vraag escaleren? {state}" in phone


def test_r17_a_moment_more_than_a_week_away_is_named_with_its_date(agent, reference_data):
    two_weeks = ExceptionDocumentFactory(
        starts_at="2026-12-07T00:00:00+01:00",
        ends_at="2026-12-19T00:00:00+01:00",
        message="Telefonisch niet bereikbaar tot en met 18 december.",
    )
    point = make_point(exceptions=[two_weeks])
    phone = route_text(card_html(agent, point, "2026-12-08T10:00:00+01:00"), "phone")
    assert (
        "✘ Nu niet: weer vanaf maandag 21 december 09:00. "
        "Telefonisch niet bereikbaar tot en met 18 december." in phone
    )


def test_r16_a_phone_exception_closes_the_phone_row_with_its_message(agent, reference_data):
    morning = ExceptionDocumentFactory(
        starts_at="2026-12-07T00:00:00+01:00",
        ends_at="2026-12-07T12:00:00+01:00",
        message="Vanochtend niet telefonisch bereikbaar.",
    )
    html = card_html(agent, make_point(exceptions=[morning]), MONDAY_10)
    assert "✘ Nu niet: weer vanaf 13:00. Vanochtend niet telefonisch bereikbaar." in (
        route_text(html, "phone")
    )
    assert "✔ Ja: doorsturen per e-mail kan." in route_text(html, "email")
    assert (
        "Afwijkende bereikbaarheid (telefoon), tot maandag 7 december 12:00: "
        "Vanochtend niet telefonisch bereikbaar." in visible_text(html)
    )


@pytest.mark.parametrize(("channel", "phone_open"), [("email", True), ("both", False)])
def test_r16_an_exception_on_the_email_channel_closes_the_email_row(
    agent, reference_data, channel, phone_open
):
    no_mail = ExceptionDocumentFactory(
        starts_at="2026-12-07T00:00:00+01:00",
        ends_at="2026-12-09T00:00:00+01:00",
        channel=channel,
        message="Tot woensdag geen escalaties per e-mail.",
    )
    html = card_html(agent, make_point(exceptions=[no_mail]), MONDAY_10)
    email = route_text(html, "email")
    assert "Vraag escaleren? ✘ Nu niet: weer vanaf woensdag 00:00." in email
    assert "Tot woensdag geen escalaties per e-mail." in email
    assert "✔" not in email.split("Doorgeven aan burger?")[0]
    phone = route_text(html, "phone")
    assert ("✔ Ja: doorschakelen kan nu" in phone) is phone_open


def test_r16_the_email_row_opens_again_when_its_exception_ends(agent, reference_data):
    no_mail = ExceptionDocumentFactory(
        starts_at="2026-12-07T00:00:00+01:00",
        ends_at="2026-12-09T00:00:00+01:00",
        channel="email",
        message="Tot woensdag geen escalaties per e-mail.",
    )
    point = make_point(exceptions=[no_mail])
    email = route_text(card_html(agent, point, "2026-12-09T00:00:01+01:00"), "email")
    assert "✔ Ja: doorsturen per e-mail kan." in email
    assert "Tot woensdag" not in email


@pytest.mark.parametrize(
    ("phone", "email", "expected"),
    [
        (
            {"transfer_allowed": False},
            {},
            ["Telefoon", "✘ Nee: telefonisch doorschakelen is niet toegestaan."],
        ),
        (
            {"share_with_citizen": True},
            {},
            ["Doorgeven aan burger? ✔ Ja: je mag het nummer aan de burger geven."],
        ),
        (
            {"share_with_citizen": False},
            {},
            ["Doorgeven aan burger? ✘ Nee: het nummer dient enkel om door te schakelen."],
        ),
        ({}, {"forward_allowed": False}, ["✘ Nee: de burger stuurt de e-mail zelf."]),
        (
            {},
            {"share_with_citizen": True},
            ["Doorgeven aan burger? ✔ Ja: je mag het adres aan de burger geven."],
        ),
        (
            {},
            {"share_with_citizen": False},
            ["Doorgeven aan burger? ✘ Nee: het adres dient enkel om door te sturen."],
        ),
        ({}, {"delivery": "crm"}, ["(de dienst ontvangt escalaties in zijn CRM)"]),
    ],
)
def test_r07_r09_r11_r13_flags_are_signs_and_words(agent, reference_data, phone, email, expected):
    point = make_point(
        phone={"number": "011 12 34 56", **phone},
        email={"address": "jacht@anb.example.be", **email},
    )
    text = visible_text(card_html(agent, point, MONDAY_10))
    for sentence in expected:
        assert sentence in text


@pytest.mark.parametrize(
    ("mode", "explanation"),
    [
        (
            "closed",
            "Manier van doorschakelen: gesloten — het contact wordt in het contactcenter "
            "afgesloten zodra de vraag doorgeschakeld of doorgestuurd is.",
        ),
        (
            "open",
            "Manier van doorschakelen: open — het contact blijft open in het contactcenter "
            "nadat de vraag doorgeschakeld of doorgestuurd is.",
        ),
    ],
)
def test_r08_the_transfer_mode_is_explained(agent, reference_data, mode, explanation):
    point = make_point(phone={"number": "011 12 34 56", "transfer_mode": mode})
    assert explanation in visible_text(card_html(agent, point, MONDAY_10))


def test_r06_without_a_number_only_the_email_route_is_shown(agent, reference_data):
    point = make_point(phone={"number": ""}, phone_hours={})
    html = card_html(agent, point, MONDAY_10)
    assert f'aria-labelledby="point-{point.pk}-phone"' not in html
    assert "tel:" not in html and "Telefonische bereikbaarheid" not in html
    assert "✔ Ja: doorsturen per e-mail kan." in route_text(html, "email")


def test_r03_r04_title_organisation_instructions_content_hours_and_term(agent, reference_data):
    point = make_point(public_title="Team Jacht van het ANB")
    html = card_html(agent, point, MONDAY_10)
    text = visible_text(html)
    assert "Team Jacht van het ANB Redactietitel: ANB - Team Jacht" in text
    assert "Agentschap voor Natuur en Bos (ANB)" in text
    assert '<aside class="card__instructions" aria-label="Instructies">' in html
    assert "Instructies: Escalatie per mail? Vermeld altijd rijksregisternummer." in text
    assert "Telefonische bereikbaarheid ma–vr 09:00–12:00, 13:00–16:00" in text
    assert (
        "Behandeltermijn 5 werkdagen: bij escalatie vandaag hoort de burger uiterlijk op "
        "maandag 14 december 2026 van de dienst." in text
    )


def test_r18_the_due_date_skips_closing_days_from_today(agent, reference_data):
    point = make_point()
    text = visible_text(card_html(agent, point, "2026-12-21T10:00:00+01:00"))
    assert "uiterlijk op dinsdag 29 december 2026" in text  # 25 December is skipped


def test_the_number_is_a_tel_link_and_the_address_a_mailto_link_each_with_a_copy_button(
    agent, reference_data
):
    html = card_html(agent, make_point(), MONDAY_10)
    assert '<a class="route__link" href="tel:+3211123456">011 12 34 56</a>' in html
    assert '<a class="route__link" href="mailto:jacht@anb.example.be">' in html
    assert 'data-copy="011 12 34 56" hidden>Kopieer nummer</button>' in html
    assert 'data-copy="jacht@anb.example.be" hidden>Kopieer adres</button>' in html


@pytest.mark.parametrize(
    ("template", "href"),
    [
        ("https://cti.example.be/dial?nr={number}", "https://cti.example.be/dial?nr=011123456"),
        ("cti:call/{e164}", "cti:call/%2B3211123456"),
    ],
)
def test_a_configured_cti_url_template_makes_the_number_link(agent, reference_data, template, href):
    point = make_point()
    with override_settings(CTI_URL_TEMPLATE=template):
        html = card_html(agent, point, MONDAY_10)
    assert f'href="{href}">011 12 34 56</a>' in html
    assert "tel:" not in html


def test_the_card_page_runs_no_inline_script(agent, reference_data):
    html = card_html(agent, make_point(), MONDAY_10)
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert re.search(r"\son[a-z]+=", html) is None
    assert '<script src="/static/console/console.js" defer></script>' in html
