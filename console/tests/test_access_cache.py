"""R1: the console is for agents only, also while it keeps each user's access per process
(console/access.py). A removed role or a deactivated account is refused on the next request
in this process; a role removed by another process (which this one hears of through the
shared cache, or not at all without Redis) is refused within the keep time."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from console import access, invalidation
from core import roles

pytestmark = pytest.mark.django_db


def console_status(client) -> int:
    return client.get(reverse("console:index")).status_code


def remove_role_elsewhere(user) -> None:
    """What another process's beheerder does: the role is gone from the database, and no
    signal reaches this process."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM auth_user_groups WHERE user_id = %s", [user.pk])


def test_r01_an_agent_whose_role_is_removed_is_refused_on_the_next_request(client, voorlichter):
    client.force_login(voorlichter)
    assert console_status(client) == 200
    voorlichter.groups.remove(Group.objects.get(name=roles.VOORLICHTER))
    assert console_status(client) == 403


def test_r01_a_role_taken_from_the_group_is_refused_on_the_next_request(client, voorlichter):
    client.force_login(voorlichter)
    assert console_status(client) == 200
    Group.objects.get(name=roles.VOORLICHTER).permissions.clear()
    assert console_status(client) == 403


def test_r01_a_deactivated_agent_is_refused_on_the_next_request(client, voorlichter):
    client.force_login(voorlichter)
    assert console_status(client) == 200
    voorlichter.is_active = False
    voorlichter.save()
    assert console_status(client) != 200


def test_r01_a_role_given_applies_on_the_next_request(client, django_user_model):
    newcomer = django_user_model.objects.create_user("nieuw", password="x")
    client.force_login(newcomer)
    assert console_status(client) == 403
    newcomer.groups.add(Group.objects.get(name=roles.VOORLICHTER))
    assert console_status(client) == 200


def test_r01_a_role_removed_in_another_process_is_refused_within_the_keep_time(client, voorlichter):
    client.force_login(voorlichter)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert console_status(client) == 200
    remove_role_elsewhere(voorlichter)
    with time_machine.travel(start + timedelta(seconds=access.KEEP_SECONDS - 1), tick=False):
        assert console_status(client) == 200  # this process has not heard of it yet
    with time_machine.travel(start + timedelta(seconds=access.KEEP_SECONDS + 1), tick=False):
        assert console_status(client) == 403


def test_r01_with_a_shared_cache_a_role_removed_elsewhere_is_refused_at_once(client, voorlichter):
    client.force_login(voorlichter)
    assert console_status(client) == 200
    remove_role_elsewhere(voorlichter)
    # The other process's signal raises the counter in the shared cache (Redis).
    cache.incr(invalidation.ACCESS)
    assert console_status(client) == 403


def test_r01_a_kept_answer_saves_the_permission_query(client, voorlichter):
    client.force_login(voorlichter)
    console_status(client)
    with CaptureQueriesContext(connection) as queries:
        assert console_status(client) == 200
    assert not [query for query in queries if "auth_permission" in query["sql"]]
