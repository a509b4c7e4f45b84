"""Never a 500: whatever a careless client or an attacker sends to API v1 and the public
API, the answer is a JSON error in Dutch and nothing changes (issue: hardening)."""

import json
from datetime import UTC, datetime

import pytest
from django.test import override_settings
from wagtail.models import APIToken

from points.models import AvailabilityException, EscalationPoint

pytestmark = pytest.mark.django_db

BASE = "/api/v1/escalation-points"
OUT_OF_RANGE = "Kies een datum tussen 01-01-2000 en 31-12-2099."
BAD_MOMENT = "Geef een tijdstip als ISO 8601, bijv. 2026-12-10T09:00:00+01:00."
BAD_DAY = "Geef een datum als JJJJ-MM-DD, bijv. 2026-12-23."


@pytest.fixture
def editor(client, redacteur):
    client.force_login(redacteur)
    client.raise_request_exception = False
    return client


def put(client, point, body) -> "HttpResponse":  # noqa: F821
    raw = body if isinstance(body, str) else json.dumps(body)
    return client.put(f"{BASE}/{point.pk}", raw, content_type="application/json")


AVAILABILITY, HANDLING_TERM = "availability", "handling-term"


@pytest.mark.parametrize(
    ("endpoint", "parameter", "value", "message"),
    [
        *(
            (AVAILABILITY, "at", moment, BAD_MOMENT)
            for moment in (
                "2026-02-30T10:00",
                "2026-13-01T10:00",
                "2026-12-10T25:00",
                "2026-12-10T10:00+25:00",
                "2026-12-10T10:00-99:99",
                "morgen",
                "2026-12-10T10:00\x00",
            )
        ),
        *(
            (AVAILABILITY, "at", moment, OUT_OF_RANGE)
            for moment in (
                "9999-12-31T23:59:59",
                "9999-12-31T23:59:59+14:00",
                "1800-01-01T10:00",
                "0001-01-01T00:00:00-12:00",
                "2100-01-01T00:00",
            )
        ),
        *(
            (HANDLING_TERM, "from", day, OUT_OF_RANGE)
            for day in ("9999-12-31", "0001-01-01", "1999-12-31")
        ),
        *((HANDLING_TERM, "from", day, BAD_DAY) for day in ("2026-02-30", "26-12-2026", "vandaag")),
    ],
)
def test_r17_r18_a_bad_moment_or_day_is_a_dutch_400(
    editor, point, endpoint, parameter, value, message
):
    response = editor.get(f"{BASE}/{point.pk}/{endpoint}", {parameter: value})
    assert (response.status_code, response.json()) == (400, {"detail": message})


def test_r18_the_range_itself_is_accepted(editor, point):
    for start in ("2000-01-01", "2099-12-01"):
        assert editor.get(f"{BASE}/{point.pk}/handling-term", {"from": start}).status_code == 200


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "path"),
    [
        ("1800-01-01T00:00:00+01:00", "2026-12-11T00:00:00+01:00", "exceptions.0.starts_at"),
        ("1891-06-01T00:00:00", "1891-06-02T00:00:00", "exceptions.0.starts_at"),
        ("2026-12-10T00:00:00+01:00", "9999-12-31T23:59:59+01:00", "exceptions.0.ends_at"),
    ],
)
def test_r16_an_exception_outside_the_years_is_refused_and_changes_nothing(
    editor, point, starts_at, ends_at, path
):
    body = {
        "status": "published",
        "exceptions": [{"starts_at": starts_at, "ends_at": ends_at, "message": "Teamdag."}],
    }
    response = put(editor, point, body)
    assert response.status_code == 400
    assert response.json()["errors"][path] == [OUT_OF_RANGE]
    assert not AvailabilityException.objects.exists()
    assert editor.get(BASE).status_code == 200


def test_r16_an_old_exception_already_stored_does_not_break_the_detail_or_the_list(editor, point):
    """Saved before the range was checked: agents still get their cards."""
    AvailabilityException.objects.create(
        point=point,
        starts_at=datetime(1800, 1, 1, tzinfo=UTC),
        ends_at=datetime(1800, 1, 2, tzinfo=UTC),
        message="Heel oud.",
    )
    assert editor.get(f"{BASE}/{point.pk}").status_code == 200
    assert editor.get(BASE).status_code == 200
    assert editor.get(f"{BASE}/{point.pk}", {"version": "draft"}).status_code == 200


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("Vermeld\x00 altijd het dossiernummer.", "Vermeld altijd het dossiernummer."),
        ("Vermeld\x1b altijd\x07 het dossiernummer.", "Vermeld altijd het dossiernummer."),
        ("Regel één\nRegel twee\tmet tab", "Regel één\nRegel twee\tmet tab"),
    ],
)
def test_control_characters_never_reach_the_database(editor, point, sent, stored):
    response = put(editor, point, {"status": "published", "instructions": sent})
    assert response.status_code == 200, response.content
    assert EscalationPoint.objects.get(pk=point.pk).instructions == stored


def test_a_lone_surrogate_in_the_json_is_dropped(editor, point):
    body = '{"status": "published", "content": "Jacht\\ud800verlof", "search_terms": ["\\udfff"]}'
    response = put(editor, point, body)
    assert response.status_code == 200, response.content
    saved = EscalationPoint.objects.get(pk=point.pk)
    assert (saved.content, saved.search_terms) == ("Jachtverlof", "")


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ({"handling_term": {"working_days": True}}, "handling_term.working_days", "int"),
        ({"handling_term": {"working_days": "5"}}, "handling_term.working_days", "int"),
        ({"handling_term": {"working_days": 5.5}}, "handling_term.working_days", "int"),
        ({"phone": {"transfer_allowed": "yes"}}, "phone.transfer_allowed", "bool"),
        ({"phone": {"transfer_allowed": 1}}, "phone.transfer_allowed", "bool"),
        ({"email": {"forward_allowed": "true"}}, "email.forward_allowed", "bool"),
        ({"editorial_title": 12}, "editorial_title", "str"),
        ({"search_terms": [1, 2]}, "search_terms.0", "str"),
        ({"line_codes": "1700"}, "line_codes", "list"),
    ],
)
def test_json_types_are_strict(editor, point, body, path, message):
    before = EscalationPoint.objects.get(pk=point.pk).latest_revision_id
    response = put(editor, point, body)
    assert response.status_code == 400
    expected = {
        "int": "Vul een geheel getal in.",
        "bool": "Kies true of false.",
        "str": "Vul tekst in.",
        "list": "Geef een lijst.",
    }[message]
    assert response.json()["errors"][path] == [expected]
    assert EscalationPoint.objects.get(pk=point.pk).latest_revision_id == before


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}/99999999999999999999999",
        f"{BASE}/9223372036854775808",
        f"{BASE}/9223372036854775808/availability",
        f"{BASE}/9223372036854775808/handling-term",
        f"{BASE}/abc",
        f"{BASE}/-1",
        f"{BASE}/1.5",
        "/api/v1/knowledge/topic/99999999999999999999999",
        "/api/v1/bestaat-niet",
        "/api/public/topics/99999999999999999999999",
        "/api/public/articles/9223372036854775808",
        "/api/public/organisations/99999999999999999999999",
        "/api/public/bestaat-niet",
    ],
)
def test_ids_out_of_range_or_unknown_paths_are_json_404s(editor, url):
    response = editor.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_an_unknown_kind_of_knowledge_item_is_a_dutch_400(editor):
    response = editor.get("/api/v1/knowledge/fiets/1")
    assert response.status_code == 400
    assert response.json()["errors"]["kind"] == [
        "Kies een van: 'topic', 'article', 'product', 'question' of 'organisation'."
    ]


@pytest.mark.parametrize("offset", ["1000000000000000000000000", "-1", "abc"])
def test_public_api_offsets_out_of_range_are_a_400(client, offset):
    response = client.get("/api/public/topics", {"offset": offset})
    assert response.status_code == 400
    assert "offset" in response.json()["errors"]


def test_a_body_that_is_too_large_is_a_json_413(editor, point):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = put(editor, point, {"instructions": "x" * 5000})
    assert response.status_code == 413
    assert response.json() == {"detail": "Het verzoek is te groot."}


def test_invalid_json_is_a_dutch_400(editor, point):
    response = put(editor, point, '{"instructions": ')
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url", ["/contactcenter/", BASE, "/cms/", "/api/v1/knowledge/organisation/1"]
)
def test_authenticated_responses_are_never_cached(client, voorlichter, url):
    client.force_login(voorlichter)
    cache_control = client.get(url)["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_a_token_holders_responses_are_never_cached(client, voorlichter):
    _, token = APIToken.create_token(user=voorlichter, name="CTI")
    response = client.get(BASE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_anonymous_public_pages_may_be_cached(client):
    assert "no-store" not in client.get("/organisaties/").get("Cache-Control", "")


def test_rotating_the_secret_key_keeps_tokens_working_through_the_fallbacks(
    client, voorlichter, settings
):
    _, token = APIToken.create_token(user=voorlichter, name="CTI")
    old_key = settings.SECRET_KEY
    headers = {"Authorization": f"Bearer {token}"}
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[old_key]):
        assert client.get(BASE, headers=headers).status_code == 200
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[]):
        assert client.get(BASE, headers=headers).status_code == 401


def test_r02_the_editorial_title_cannot_be_null(editor, point):
    response = put(editor, point, {"editorial_title": None})
    assert response.status_code == 400
    assert response.json()["errors"]["editorial_title"] == ["Vul tekst in."]
