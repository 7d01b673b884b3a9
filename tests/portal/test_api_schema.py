"""Schemathesis against the published OpenAPI schema, operation by operation (so a new endpoint is covered the day
it is mounted): no 500, no answer outside the schema, 401 without a valid token, 403 out of scope."""

import secrets

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from accounts.api_clients import api_client_create
from accounts.models import ApiScope

pytestmark = pytest.mark.django_db

# Examples per operation: a few seconds each on the development machine (the whole file stays under a minute).
EXAMPLES = 40
AUTH_EXAMPLES = 4


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


def _raw_schema() -> dict:
    import portal.api.urls  # noqa: F401 - mounts the routers
    from portal.api.core import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


def _schema():
    from portal.wsgi import application

    loaded = schemathesis.openapi.from_dict(_raw_schema())
    loaded.app = application
    return loaded


def _operations() -> list[tuple[str, str]]:
    return [(method.upper(), path) for path, methods in _raw_schema()["paths"].items() for method in methods]


OPERATIONS = _operations()
GUARDED = [op for op in OPERATIONS if not op[1].endswith("/schema/")]


def _operation(method: str, path: str):
    return _schema()[path][method]


def _token(scopes) -> str:
    _client, raw = api_client_create(name=f"schemathesis-{secrets.token_hex(4)}", department="test", scopes=scopes)
    return raw


def test_every_mounted_router_is_in_the_schema():
    paths = {path for _method, path in OPERATIONS}
    for prefix in ("public-security", "civil-affairs", "market-regulation", "tax", "banks"):
        assert any(p.startswith(f"/api/v1/{prefix}/") for p in paths), prefix


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_answer_is_within_the_schema_and_none_is_a_server_error(demo, method, path):
    token = _token(list(ApiScope.values))
    operation = _operation(method, path)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def check(case):
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        case.validate_response(response, checks=(schemathesis.checks.not_a_server_error,
                                                  schemathesis.checks.response_schema_conformance))

    check()


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=[f"{m} {p}" for m, p in GUARDED])
def test_without_a_valid_token_every_endpoint_answers_401(demo, method, path):
    operation = _operation(method, path)

    @settings(max_examples=AUTH_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def check(case):
        assert case.call(headers={"Authorization": "Bearer wrong.token"}).status_code == 401
        assert case.call(headers={}).status_code == 401

    check()


@pytest.mark.parametrize(("method", "path"), GUARDED, ids=[f"{m} {p}" for m, p in GUARDED])
def test_out_of_scope_calls_get_403_on_every_endpoint(demo, method, path):
    """A client holding every scope but the endpoint's own is refused (so is one holding none)."""
    operation = _operation(method, path)
    own = list(operation.definition.raw.get("tags", []))
    scope_of_tag = {"public security": ApiScope.PUBLIC_SECURITY, "civil affairs": ApiScope.CIVIL_AFFAIRS,
                    "market regulation": ApiScope.MARKET_REGULATION, "tax": ApiScope.TAX, "banks": ApiScope.BANK}
    assert own and all(tag in scope_of_tag for tag in own), f"{path}: tag it with its department"
    others = _token([s for s in ApiScope.values if s not in {scope_of_tag[t] for t in own}])
    nothing = _token([])

    @settings(max_examples=AUTH_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def check(case):
        assert case.call(headers={"Authorization": f"Bearer {others}"}).status_code == 403
        assert case.call(headers={"Authorization": f"Bearer {nothing}"}).status_code == 403

    check()
