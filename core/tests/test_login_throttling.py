"""No guessing passwords: after repeated failures per user name or per address the login is
refused for a while with a Dutch message, and a beheerder can unlock."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/cms/login/"
PASSWORD = "test-password-1700"


def log_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_few_typos_are_forgiven(client, redacteur):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "redacteur", "fout").status_code == 200
    response = log_in(client, "redacteur", PASSWORD)
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()  # a successful login resets the count


def test_repeated_wrong_passwords_lock_the_user_out_even_with_the_right_one(client, redacteur):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "redacteur", "fout")
    response = log_in(client, "redacteur", PASSWORD, address="198.51.100.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Aanmelden tijdelijk geblokkeerd" in html
    assert "over 15 minuten opnieuw" in html
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_for_many_users_lock_the_address(client, redacteur):
    for index in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"gok{index}", "fout", address="192.0.2.50")
    assert log_in(client, "redacteur", PASSWORD, address="192.0.2.50").status_code == 429
    assert log_in(client, "redacteur", PASSWORD, address="192.0.2.51").status_code == 302


def test_a_beheerder_unlocks_a_locked_out_user(client, redacteur, beheerder):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "redacteur", "fout")
    attempt = AccessAttempt.objects.get(username="redacteur")

    client.force_login(beheerder)
    listing = client.get(reverse("wagtailsnippets_axes_accessattempt:list"))
    assert listing.status_code == 200
    assert "redacteur" in listing.content.decode()
    delete_url = reverse("wagtailsnippets_axes_accessattempt:delete", args=[attempt.pk])
    assert client.post(delete_url).status_code == 302
    client.logout()

    assert log_in(client, "redacteur", PASSWORD).status_code == 302


def test_only_a_beheerder_sees_the_locked_logins(client, redacteur):
    client.force_login(redacteur)
    response = client.get(reverse("wagtailsnippets_axes_accessattempt:list"))
    assert response.status_code in (302, 403)
