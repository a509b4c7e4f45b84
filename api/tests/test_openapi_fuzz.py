"""Schemathesis fuzzes both OpenAPI schemas: API v1 with a token of each role and the public
API anonymously. Any server error, response that breaks its schema or status code the
schema does not list fails the suite."""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from wagtail.models import APIToken

from escalatiepunten.wsgi import application
from points.factories import EscalationPointFactory

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
ROLES = ["voorlichter", "redacteur", "beheerder"]

api_v1 = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
public_api = schemathesis.openapi.from_wsgi("/api/public/openapi.json", application)
for schema in (api_v1, public_api):
    # Valid and invalid requests both, NUL characters included.
    schema.config.generation.update(modes=list(GenerationMode), allow_x00=True)

# Every check but "a schema-valid request is accepted": the editorial rules (R2-R22) refuse
# many requests the schema allows (a phone number that is not one, a point without a route),
# with a documented 400.
EXCLUDED = [positive_data_acceptance]

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    """As Django's test client does: a request must not close the test's connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def data(db, topic):
    """Something for the fuzzer to find: a published point on a live topic."""
    return EscalationPointFactory()


@pytest.fixture(params=ROLES)
def token(request, data, voorlichter, redacteur, beheerder):
    user = {"voorlichter": voorlichter, "redacteur": redacteur, "beheerder": beheerder}
    _, plaintext = APIToken.create_token(user=user[request.param], name="fuzz")
    return plaintext


@api_v1.parametrize()
@fuzz_settings
def test_api_v1_holds_its_schema_for_every_role(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=EXCLUDED)


@public_api.parametrize()
@fuzz_settings
def test_public_api_holds_its_schema(case, data):
    case.call_and_validate(excluded_checks=EXCLUDED)


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/public/openapi.json"])
def test_the_schemas_have_no_duplicate_keys(client, url):
    """Swagger UI refuses a schema with a key twice (a status as number and as text)."""

    def refuse_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(client.get(url).content, object_pairs_hook=refuse_duplicates)
