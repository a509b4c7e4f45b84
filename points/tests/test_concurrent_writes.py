"""No lost update, on SQLite (the default) and on PostgreSQL: concurrent writers wait their
turn instead of failing, and a write on an old version is refused with the current one."""

import threading

import pytest
from django.db import connection
from django.test import Client

from points.factories import PointDocumentFactory
from points.models import EscalationPoint

BASE = "/api/v1/escalation-points"
WRITERS = 4


def in_parallel(work, count: int = WRITERS) -> list:
    """Run `work(index)` in `count` threads that start together; each thread has its own
    database connection, as each gunicorn worker has."""
    start = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            start.wait()
            results[index] = work(index)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def put_with_etag(client, point, etag: str, **changes):
    body = {"status": "published", **changes}
    return client.put(
        f"{BASE}/{point.pk}", body, content_type="application/json", headers={"If-Match": etag}
    )


def editor_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_concurrent_puts_on_different_fields_all_land(migration_rows, redacteur, point):
    changes = [
        {"instructions": "Vraag altijd het dossiernummer."},
        {"content": "Jachtverlof\nWildschade"},
        {"handling_term": {"working_days": 8}},
        {"search_terms": ["jachtexamen"]},
    ]

    def put(index):
        body = {"status": "published", **changes[index]}
        response = editor_client(redacteur).put(
            f"{BASE}/{point.pk}", body, content_type="application/json"
        )
        return response.status_code

    assert in_parallel(put) == [200] * WRITERS
    saved = EscalationPoint.objects.get(pk=point.pk)
    assert saved.instructions == "Vraag altijd het dossiernummer."
    assert saved.content == "Jachtverlof\nWildschade"
    assert saved.handling_working_days == 8
    assert saved.search_terms == "jachtexamen"


@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_all_land(migration_rows, redacteur, reference_data):
    def post(index):
        body = PointDocumentFactory(editorial_title=f"ANB - Team Jacht - Ploeg {index}")
        return editor_client(redacteur).post(BASE, body, content_type="application/json")

    responses = in_parallel(post)
    assert [response.status_code for response in responses] == [201] * WRITERS
    assert EscalationPoint.objects.count() == WRITERS


@pytest.mark.django_db
def test_a_put_on_an_old_version_gets_412_with_the_current_one(client, redacteur, point):
    client.force_login(redacteur)
    etag = client.get(f"{BASE}/{point.pk}")["ETag"]
    first = put_with_etag(client, point, etag, instructions="Vraag het dossiernummer.")
    assert first.status_code == 200
    assert first["ETag"] != etag

    second = put_with_etag(client, point, etag, content="Wildschade")
    assert second.status_code == 412
    body = second.json()
    assert "intussen door iemand anders bewaard" in body["detail"]
    assert body["current"]["instructions"] == "Vraag het dossiernummer."
    assert second["ETag"] == first["ETag"]
    assert EscalationPoint.objects.get(pk=point.pk).content != "Wildschade"

    retried = put_with_etag(client, point, second["ETag"], content="Wildschade")
    assert retried.status_code == 200
    saved = EscalationPoint.objects.get(pk=point.pk)
    assert (saved.instructions, saved.content) == ("Vraag het dossiernummer.", "Wildschade")


@pytest.mark.django_db(transaction=True)
def test_two_writers_with_the_same_etag_never_both_succeed(migration_rows, redacteur, point):
    etag = editor_client(redacteur).get(f"{BASE}/{point.pk}")["ETag"]

    def put(index):
        client = editor_client(redacteur)
        return put_with_etag(client, point, etag, instructions=f"Versie {index}.").status_code

    statuses = sorted(in_parallel(put))
    assert statuses == [200] + [412] * (WRITERS - 1)


@pytest.mark.django_db
def test_the_etag_follows_drafts_too(client, redacteur, point):
    client.force_login(redacteur)
    before = client.get(f"{BASE}/{point.pk}")["ETag"]
    client.put(
        f"{BASE}/{point.pk}",
        {"status": "draft", "instructions": "Concept."},
        content_type="application/json",
    )
    assert client.get(f"{BASE}/{point.pk}")["ETag"] != before
    assert (
        client.get(f"{BASE}/{point.pk}", {"version": "draft"})["ETag"]
        == client.get(f"{BASE}/{point.pk}")["ETag"]
    )
