"""The console has its own Dutch login and a logout: agents never see the CMS's login, login
throttling applies as on the CMS, `next` only leads within this site, and a voorlichter never
lands in the CMS."""

import pytest
from django.conf import settings
from django.urls import reverse

from console.forms import NO_ACCESS
from console.views import LOGGED_OUT
from points.tests.card_text import visible_text

pytestmark = pytest.mark.django_db

LOGIN = "/contactcenter/aanmelden/"
LOGOUT = "/contactcenter/afmelden/"
PASSWORD = "test-password-1700"


def log_in(client, username, password=PASSWORD, next_url=None, address="203.0.113.9", **extra):
    data = {"username": username, "password": password, **extra}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def test_urls():
    assert reverse("console:login") == LOGIN
    assert reverse("console:logout") == LOGOUT


def test_the_login_page_is_dutch_and_the_products_own(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    text = visible_text(response.content)
    assert "Aanmelden op de contactcentersite" in text
    for label in ("Gebruikersnaam", "Wachtwoord", "Aangemeld blijven op deze computer"):
        assert label in text
    assert "Wagtail" not in text


def test_a_voorlichter_logs_in_and_lands_on_the_console(client, voorlichter):
    response = log_in(client, "voorlichter")
    assert response.status_code == 302
    assert response["Location"] == "/contactcenter/"
    assert client.get("/contactcenter/").status_code == 200


def test_a_page_asked_for_before_login_is_where_the_login_leads(client, point, voorlichter):
    card = reverse("console:point", args=[point.pk])
    assert client.get(card)["Location"] == f"{LOGIN}?next={card}"
    form = client.get(f"{LOGIN}?next={card}").content.decode()
    assert f'name="next" value="{card}"' in form
    assert log_in(client, "voorlichter", next_url=card)["Location"] == card


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/contactcenter/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_an_unsafe_next_leads_to_the_console(client, voorlichter, next_url):
    assert log_in(client, "voorlichter", next_url=next_url)["Location"] == "/contactcenter/"


def test_a_voorlichter_never_lands_in_the_cms(client, voorlichter):
    response = log_in(client, "voorlichter", next_url="/cms/")
    assert response["Location"] == "/cms/"
    followed = client.get("/cms/", follow=True)
    assert followed.redirect_chain[-1][0] == "/contactcenter/"
    assert "Als voorlichter werk je op de contactcentersite" in visible_text(followed.content)


def test_a_wrong_password_gets_a_dutch_message_and_no_session(client, voorlichter):
    response = log_in(client, "voorlichter", password="fout")
    assert response.status_code == 200
    text = visible_text(response.content)
    assert "Je gebruikersnaam en wachtwoord komen niet overeen. Probeer het opnieuw." in text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("data", [{"username": "", "password": ""}, {}])
def test_empty_fields_are_named(client, data):
    response = client.post(LOGIN, data)
    html = response.content.decode()
    assert visible_text(html).count("Dit is een verplicht veld.") == 2
    assert 'aria-describedby="username-errors" aria-invalid="true"' in html


def test_a_user_without_the_role_is_refused_with_a_dutch_message(client, django_user_model):
    django_user_model.objects.create_user("burger", password=PASSWORD)
    response = log_in(client, "burger")
    assert response.status_code == 200
    assert NO_ACCESS in visible_text(response.content)
    assert "_auth_user_id" not in client.session


def test_editors_may_use_the_console_too(client, redacteur):
    assert log_in(client, "redacteur")["Location"] == "/contactcenter/"


def test_repeated_wrong_passwords_lock_the_console_login_too(client, voorlichter):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "voorlichter", password="fout")
    response = log_in(client, "voorlichter", address="198.51.100.7")
    assert response.status_code == 429
    assert "Aanmelden tijdelijk geblokkeerd" in visible_text(response.content)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(("remember", "until_browser_closes"), [("", True), ("on", False)])
def test_staying_logged_in_is_a_choice(client, voorlichter, remember, until_browser_closes):
    extra = {"remember": remember} if remember else {}
    log_in(client, "voorlichter", **extra)
    assert client.session.get_expire_at_browser_close() is until_browser_closes


def test_logout_is_a_post_and_lands_on_the_console_login_with_a_message(client, voorlichter):
    client.force_login(voorlichter)
    page = client.get("/contactcenter/").content.decode()
    assert f'<form action="{LOGOUT}" method="post">' in page
    assert 'name="csrfmiddlewaretoken"' in page.split(LOGOUT, 1)[1].split("</form>", 1)[0]
    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT, follow=True)
    assert response.redirect_chain == [(LOGIN, 302)]
    assert LOGGED_OUT in visible_text(response.content)
    assert client.get("/contactcenter/")["Location"].startswith(LOGIN)


def test_logout_needs_the_csrf_token(voorlichter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(voorlichter)
    assert client.post(LOGOUT).status_code == 403
    assert client.get("/contactcenter/").status_code == 200


def test_a_logged_in_agent_asking_for_the_login_goes_to_the_console(client, voorlichter):
    client.force_login(voorlichter)
    assert client.get(LOGIN)["Location"] == "/contactcenter/"


@pytest.mark.parametrize(
    ("username", "next_url"),
    [("voor\x00lichter", ""), ("x" * 300, ""), ("voorlichter", "/contact\x00center/"), ("€", "%")],
)
def test_bad_input_is_a_dutch_message_not_an_error(client, voorlichter, username, next_url):
    response = log_in(client, username, password="fout", next_url=next_url)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_cms_login_points_agents_to_the_console_login(client):
    html = client.get("/cms/login/").content.decode()
    assert f'href="{LOGIN}"' in html
