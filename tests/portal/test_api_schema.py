"""Schemathesis against the published OpenAPI schema: no 500, no answer outside the schema, 401/403 enforced."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.api_clients import api_client_create
from accounts.models import ApiScope

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Schemathesis calls the raw WSGI app: like Django's test client, don't let it close the test's
    database connection at the end of each request (the test runs inside a transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _schema():
    import portal.api.urls  # noqa: F401 - mounts the routers
    from portal.api.core import api
    from portal.wsgi import application

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    loaded.app = application
    return loaded


def _cases():
    operations = [result.ok() for result in _schema().get_all_operations()]
    assert len(operations) >= 4
    return st.sampled_from(operations).flatmap(lambda op: op.as_strategy())


def _token(scopes) -> str:
    import secrets

    _client, raw = api_client_create(name=f"schemathesis-{secrets.token_hex(4)}", department="test", scopes=scopes)
    return raw


def test_every_answer_is_within_the_schema_and_none_is_a_server_error(demo):
    token = _token(list(ApiScope.values))

    @SETTINGS
    @given(case=_cases())
    def check(case):
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        case.validate_response(response, checks=(schemathesis.checks.not_a_server_error,
                                                  schemathesis.checks.response_schema_conformance))

    check()


def test_unauthenticated_calls_get_401(demo):
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=_cases())
    def check(case):
        if case.operation.path.endswith("/schema/"):
            return
        assert case.call(headers={"Authorization": "Bearer wrong.token"}).status_code == 401
        assert case.call(headers={}).status_code == 401

    check()


def test_out_of_scope_calls_get_403(demo):
    token = _token([])

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=_cases())
    def check(case):
        if case.operation.path.endswith("/schema/"):
            return
        assert case.call(headers={"Authorization": f"Bearer {token}"}).status_code == 403

    check()
