"""With a shared cache (Redis in production; here one process's memory cache stands for it)
the console keeps per process what every request would otherwise read - the logged-in user,
an agent's line codes, a card's 'Laatste escalaties', which revision of a point is live - and
a kept page costs no query at all. Yet a change shows at once: a deactivated account, a new
password or a removed role is refused on the next request, a line given shows, a new
escalation or a delivered one shows on the card, a publish or unpublish shows."""

from datetime import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD, make_user
from console import auth, card_cache, invalidation
from console.kept import KeptWhileUnchanged
from console.tests.escalating import MONDAY_10, make_point
from core import roles
from escalations.delivery.lease import claim, record_delivered
from escalations.models import MessageKind, OutboxMessage
from escalations.services import Citizen, EscalationRequest, escalate
from points.services import create_or_update_point
from points.tests.card_text import visible_text
from reference.models import LineCode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]

LATER = "2026-11-30T10:00:30+01:00"


@pytest.fixture
def shared_cache():
    with override_settings(CONSOLE_CACHE_SHARED=True):
        assert invalidation.is_shared()
        yield
    assert not invalidation.is_shared()


@pytest.fixture
def client_factory():
    return Client


@pytest.fixture
def point(reference_data):
    return make_point(editorial_title="Jachtverlof aanvragen")


@pytest.fixture
def agent_client(client, voorlichter):
    with time_machine.travel(MONDAY_10, tick=False):
        client.force_login(voorlichter)
    return client


def card(client, point, moment: str = MONDAY_10):
    with time_machine.travel(moment, tick=False):
        return client.get(reverse("console:point", args=[point.pk]))


def card_text(client, point, moment: str = MONDAY_10) -> str:
    response = card(client, point, moment)
    assert response.status_code == 200
    return visible_text(response.content.decode())


def recent_part(client, point, moment: str = MONDAY_10) -> str:
    return card_text(client, point, moment).split("Laatste escalaties", 1)[1]


INDEX_VERSION = "SELECT version FROM knowledge_searchindexversion WHERE id = 1"


def beyond_the_session(queries) -> list[str]:
    """The queries besides reading the session: the tests' sessions are in the database,
    production's with a shared cache in Redis (`cached_db`)."""
    sql = [query["sql"] for query in queries.captured_queries]
    return [query for query in sql if '"django_session"' not in query]


def test_r17_a_kept_card_costs_no_query_with_a_shared_cache(agent_client, point):
    first = card_text(agent_client, point)
    with CaptureQueriesContext(connection) as queries:
        again = card_text(agent_client, point, "2026-11-30T10:00:05+01:00")
    assert again == first
    assert beyond_the_session(queries) == []


def test_r17_a_card_another_process_rendered_is_served_without_reading_the_point(
    agent_client, point
):
    first = card_text(agent_client, point)
    card_cache.clear()  # this process has kept no card itself; the shared cache has it
    with CaptureQueriesContext(connection) as queries:
        again = card_text(agent_client, point, "2026-11-30T10:00:05+01:00")
    assert again == first
    assert not [sql for sql in beyond_the_session(queries) if "points_" in sql]


def test_r17_a_kept_search_costs_one_query_with_a_shared_cache(agent_client, point):
    def search() -> str:
        with time_machine.travel(MONDAY_10, tick=False):
            response = agent_client.get(reverse("console:index"), {"q": "jachtverlof"})
        assert response.status_code == 200
        return visible_text(response.content.decode())

    first = search()
    with CaptureQueriesContext(connection) as queries:
        again = search()
    assert again == first and "Jachtverlof aanvragen" in again
    assert beyond_the_session(queries) == [INDEX_VERSION]  # has the search index changed?


def test_r01_a_deactivated_agent_is_refused_at_once(agent_client, voorlichter, point):
    card_text(agent_client, point)
    voorlichter.is_active = False
    voorlichter.save()
    response = card(agent_client, point)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("console:login"))


def test_r01_a_new_password_ends_the_other_sessions_at_once(agent_client, voorlichter, point):
    card_text(agent_client, point)
    voorlichter.set_password("een-heel-nieuw-wachtwoord-1700")
    voorlichter.save()
    assert card(agent_client, point).status_code == 302


def test_r01_a_removed_role_is_refused_at_once(agent_client, voorlichter, point):
    card_text(agent_client, point)
    voorlichter.groups.remove(Group.objects.get(name=roles.VOORLICHTER))
    assert card(agent_client, point).status_code == 403


def test_r01_a_user_changed_without_a_signal_is_read_again_once_the_counter_says_so(
    agent_client, voorlichter, point
):
    """A queryset update sends no signal: the kept user holds until the shared counter is
    raised (by any change of a user, group or permission anywhere) or KEEP_SECONDS pass."""
    card_text(agent_client, point)
    type(voorlichter).objects.filter(pk=voorlichter.pk).update(is_active=False)
    assert card(agent_client, point).status_code == 200
    invalidation.bump(invalidation.ACCESS)
    assert card(agent_client, point).status_code == 302


def test_r01_every_request_gets_its_own_copy_of_the_kept_user(voorlichter):
    backend = auth.KeptUserBackend()
    first = backend.get_user(voorlichter.pk)
    first.first_name = "Gewijzigd in één verzoek"
    second = backend.get_user(voorlichter.pk)
    assert second is not first
    assert second.first_name != "Gewijzigd in één verzoek"


def test_r20_a_line_given_to_the_agent_shows_at_once(agent_client, voorlichter, point):
    def own_lines() -> list[str]:
        with time_machine.travel(MONDAY_10, tick=False):
            response = agent_client.get(reverse("console:index"), {"q": "jachtverlof"})
        options = BeautifulSoup(response.content, "html.parser").select("#line-filter option")
        return [option.get_text() for option in options if option.get_text().endswith("jouw lijn")]

    assert own_lines() == []
    line = LineCode.objects.create(code="BOUW", name="Wonen <en> bouwen")
    line.agents.add(voorlichter)
    assert own_lines() == ["Wonen <en> bouwen (BOUW) — jouw lijn"]
    line.agents.remove(voorlichter)
    assert own_lines() == []


def email_escalation(agent, point):
    request = EscalationRequest(
        point_id=point.pk,
        channel="email",
        citizen=Citizen(name="Mieke Geheim", email="burger@example.be"),
        question="Een vraag over het jachtverlof.",
        idempotency_key="kept-1",
    )
    with time_machine.travel(MONDAY_10, tick=False):
        return escalate(agent=agent, request=request)[0]


def test_r26_a_new_escalation_and_its_delivery_show_on_a_kept_card(
    agent_client, voorlichter, point
):
    assert "Nog geen escalaties" in recent_part(agent_client, point)
    escalation = email_escalation(voorlichter, point)
    assert "In wachtrij" in recent_part(agent_client, point)

    message = OutboxMessage.objects.get(escalation=escalation, kind=MessageKind.SERVICE)
    with time_machine.travel(MONDAY_10, tick=False):
        held = claim(message.pk, "worker-1")
        assert record_delivered(held, "worker-1")
    recent = recent_part(agent_client, point, LATER)
    assert "Afgeleverd" in recent and "In wachtrij" not in recent
    assert "Mieke" not in recent


def test_r17_a_publish_shows_at_once_on_a_card_kept_without_its_revision(agent_client, point):
    card_text(agent_client, point)
    with time_machine.travel(MONDAY_10, tick=False):
        create_or_update_point(
            point=point,
            data={"status": "published", "instructions": "Vermeld altijd het dossiernummer."},
            user=None,
        )
    assert "Vermeld altijd het dossiernummer." in card_text(agent_client, point, LATER)


def test_r22_an_unpublished_point_is_gone_at_once_though_kept(agent_client, point):
    card_text(agent_client, point)
    assert card_cache.heads.get_live(point.pk, datetime.fromisoformat(MONDAY_10)) is not None
    point.unpublish()
    assert card(agent_client, point, LATER).status_code == 404


def test_r22_a_point_published_elsewhere_shows_once_the_counter_says_so(agent_client, point):
    """A change that sends no signal (a bulk update) shows once the shared counter is raised."""
    card_text(agent_client, point)
    type(point).objects.filter(pk=point.pk).update(live=False)
    assert card(agent_client, point).status_code == 200
    invalidation.bump(invalidation.CARDS)
    assert card(agent_client, point).status_code == 404


class Reads:
    """A value read from 'the database': counts its reads."""

    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1
        return self.count


def test_kept_values_are_bounded_in_number():
    kept, reads = KeptWhileUnchanged((invalidation.ACCESS,), seconds=60, size=2), Reads()
    assert [kept.value(key, reads) for key in ("a", "b", "c")] == [1, 2, 3]
    assert [kept.value(key, reads) for key in ("b", "c")] == [2, 3]  # kept
    assert kept.value("a", reads) == 4  # the oldest made room


def test_kept_values_go_with_their_counter_and_their_time():
    kept, reads = KeptWhileUnchanged((invalidation.CARDS,), seconds=60), Reads()
    assert kept.value("a", reads) == kept.value("a", reads) == 1
    invalidation.bump(invalidation.CARDS)
    assert kept.value("a", reads) == 2
    never, reads = KeptWhileUnchanged((invalidation.CARDS,), seconds=0), Reads()
    assert never.value("a", reads) == 1
    assert never.value("a", reads) == 2


def test_a_lost_counter_does_not_bring_back_what_was_kept():
    """Redis flushed (or restored): the counters start again, yet no old entry comes back."""
    kept, reads = KeptWhileUnchanged((invalidation.CARDS,), seconds=60), Reads()
    invalidation.bump(invalidation.CARDS)
    assert kept.value("a", reads) == 1
    cache.delete(invalidation.CARDS)
    assert kept.value("a", reads) == 2
    invalidation.bump(invalidation.CARDS)
    assert kept.value("a", reads) == 3


def test_nothing_is_kept_without_a_shared_cache():
    kept, reads = KeptWhileUnchanged((invalidation.ACCESS,), seconds=60), Reads()
    with override_settings(CONSOLE_CACHE_SHARED=False):
        assert [kept.value("a", reads) for _ in range(3)] == [1, 2, 3]


def test_r01_a_user_marked_inactive_in_bulk_in_the_cms_is_refused_at_once(
    agent_client, voorlichter, point, client_factory
):
    admin = make_user("opsteller", None)
    admin.is_superuser = True
    admin.save()
    cms = client_factory()
    cms.force_login(admin)
    card_text(agent_client, point)  # the agent is kept, after every save above
    url = reverse(
        "wagtail_bulk_action",
        args=[voorlichter._meta.app_label, voorlichter._meta.model_name, "set_active_state"],
    )
    response = cms.post(f"{url}?id={voorlichter.pk}", {"mark_as_active": "False"})
    assert response.status_code == 302
    voorlichter.refresh_from_db()
    assert not voorlichter.is_active
    assert card(agent_client, point).status_code == 302


def test_a_login_does_not_forget_what_is_kept(agent_client, voorlichter, point, client_factory):
    card_text(agent_client, point)
    generation = invalidation.current(invalidation.ACCESS)
    other = client_factory()
    response = other.post(
        reverse("console:login"), {"username": voorlichter.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert invalidation.current(invalidation.ACCESS) == generation
