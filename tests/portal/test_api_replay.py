"""Replaying any API write with the same request id returns the first answer and changes nothing in the database.

The writes are found in the published schema (every POST whose body carries a request_id), so an endpoint
mounted tomorrow is replayed too: it must bring a meaningful example below, and generated bodies are replayed
as well. "Nothing changed" is checked on a dump of every table (the request log, and the token's last use,
which record the call itself, are left out).
"""

from __future__ import annotations

import hashlib
import json

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings

from accounts.api_clients import api_client_create
from accounts.models import ApiScope
from tests.factories import PersonFactory, credit_code_for

pytestmark = pytest.mark.django_db

# POST operations that only read (they carry no request id and change nothing).
READS = {"/api/v1/public-security/identity-checks"}
# Tables that record the call itself, not what it did.
UNTRACKED = {"portal.apirequestlog", "accounts.apitoken", "sessions.session"}
GENERATED_EXAMPLES = 12


def _raw_schema() -> dict:
    import portal.api.urls  # noqa: F401 - mounts the routers
    from portal.api.core import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


def _body_schema(schema: dict, operation: dict) -> dict:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = content.get("schema", {}).get("$ref", "")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else content.get("schema", {})


def _posts() -> dict[str, bool]:
    """Every POST path of the API, and whether its body carries a request id."""
    schema = _raw_schema()
    return {path: "request_id" in _body_schema(schema, methods["post"]).get("properties", {})
            for path, methods in schema["paths"].items() if "post" in methods}


POSTS = _posts()
WRITES = sorted(path for path, idempotent in POSTS.items() if idempotent)


def dump() -> dict[str, str]:
    """A digest of every row of every table (auto-created many-to-many tables included)."""
    digests = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or label in UNTRACKED:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digests[label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


def changed(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))


# --- A meaningful write for every endpoint: it must change something the first time ---------------------------


def _death_notice(ctx) -> dict:
    person = PersonFactory()
    return {"notices": [{"id_number": person.id_number, "name": person.name, "date_of_death": "2026-05-01"}]}


def _household(ctx) -> dict:
    person = PersonFactory()
    return {"list": "zero_employment", "action": "add",
            "members": [{"id_number": person.id_number, "name": person.name}]}


def _business(ctx) -> dict:
    return {"businesses": [{"credit_code": credit_code_for(9101, division="370523"), "name": "广饶重放测试公司",
                            "region_code": "370523"}]}


def _tax_order(ctx) -> dict:
    from tests.portal.test_api_tax import collection, declared_order

    return {"collections": [collection(declared_order())]}


def _tax_flexible(ctx) -> dict:
    from insurance.rules.months import add_months
    from tests.portal.test_api_tax import cost_of, flexible_person, flexible_row, this_month

    person = flexible_person()
    months = [add_months(this_month(), -1)]
    return {"collections": [flexible_row(person, months, cost_of(person, months))]}


def _bank(ctx) -> dict:
    from employment.models import SubsidyGrant
    from tests.employment.helpers import apply, approve, born_years_ago
    from tests.portal.test_api_banks import result

    person = PersonFactory(birth=born_years_ago(25))
    case = apply("employment.subsidy_startup_training", actor=ctx["clerk"], person=person,
                 certificate="SYB2026-0002", course="SYB 创业培训")
    return {"results": [result(SubsidyGrant.objects.get(case=approve(case, ctx["reviewer"])).payments.get())]}


EXAMPLES = {
    "/api/v1/public-security/death-notices": _death_notice,
    "/api/v1/civil-affairs/household-lists": _household,
    "/api/v1/civil-affairs/death-notices": _death_notice,
    "/api/v1/market-regulation/business-registrations": _business,
    "/api/v1/tax/order-collections": _tax_order,
    "/api/v1/tax/flexible-collections": _tax_flexible,
    "/api/v1/banks/payment-results": _bank,
}


@pytest.fixture
def token():
    return api_client_create(name="重放测试", department="test", scopes=list(ApiScope.values))[1]


def post(client, path, body, token):
    return client.post(path, json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"})


def test_every_write_carries_a_request_id_and_has_a_replay_example():
    assert set(POSTS) - set(WRITES) == READS, "a POST without a request_id must be a read listed in READS"
    assert set(WRITES) == set(EXAMPLES), "give every write a meaningful example in EXAMPLES"


@pytest.mark.parametrize("path", WRITES)
def test_replaying_a_write_returns_the_first_answer_and_changes_nothing(client, users, token, path):
    body = {"request_id": f"replay-{path.rsplit('/', 1)[-1]}", **EXAMPLES[path](users)}
    before = dump()
    first = post(client, path, body, token)
    after_first = dump()
    assert first.status_code == 200 and first.json()["ok"] == 1, first.content
    assert changed(before, after_first), "the example must write something the first time"
    second = post(client, path, body, token)
    assert (second.status_code, second.json()) == (first.status_code, first.json())
    assert not changed(after_first, dump())


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Schemathesis calls the raw WSGI app: keep the test's connection (and its transaction) open."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("path", WRITES)
def test_replaying_generated_writes_changes_nothing(demo, token, path):
    """Whatever the body (schemathesis draws them from the schema), the same request again answers the same
    and writes nothing."""
    import schemathesis

    from portal.wsgi import application

    schema = schemathesis.openapi.from_dict(_raw_schema())
    schema.app = application
    operation = schema[path]["POST"]
    headers = {"Authorization": f"Bearer {token}"}

    @settings(max_examples=GENERATED_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    @given(case=operation.as_strategy())
    def check(case):
        first = case.call(headers=headers)
        if first.status_code != 200:
            return  # refused before anything was recorded (422, 409): nothing to replay
        after_first = dump()
        second = case.call(headers=headers)
        assert (second.status_code, second.json()) == (first.status_code, first.json())
        assert not changed(after_first, dump())

    check()


def test_the_dump_sees_a_change(users):
    """The check above could not pass by accident: one changed field shows in the dump."""
    before = dump()
    person = PersonFactory()
    assert "accounts.person" in changed(before, dump())
    before = dump()
    type(person).objects.filter(pk=person.pk).update(phone="13900000000")
    assert changed(before, dump()) == ["accounts.person"]
