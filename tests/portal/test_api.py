"""The data-exchange API: tokens and scopes, idempotent writes, per-row batch results, a log without personal data."""

import json
import logging
from datetime import date

import pytest

from accounts.api_clients import api_client_create, api_token_revoke, api_token_rotate
from accounts.models import ApiScope, Employer, Person
from portal.models import ApiRequestLog, IdempotentRequest
from tests.factories import PersonFactory, credit_code_for, region

pytestmark = pytest.mark.django_db
DEATHS = "/api/v1/public-security/death-notices"
CHECKS = "/api/v1/public-security/identity-checks"
HOUSEHOLDS = "/api/v1/civil-affairs/household-lists"
BUSINESSES = "/api/v1/market-regulation/business-registrations"


@pytest.fixture
def token():
    _client, raw = api_client_create(name="东营市公安局", department="公安", scopes=list(ApiScope.values))
    return raw


def post(client, url, body, token):
    return client.post(url, json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"} if token else {})


def test_the_schema_is_published(client):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.") and DEATHS in schema["paths"]


def test_without_a_valid_token_nothing_is_answered(client, token):
    person = PersonFactory()
    body = {"id_number": person.id_number, "name": person.name}
    assert post(client, CHECKS, body, None).status_code == 401
    assert post(client, CHECKS, body, "nonsense").status_code == 401
    assert post(client, CHECKS, body, token[:-2] + "xx").status_code == 401
    assert post(client, CHECKS, body, token).status_code == 200


def test_out_of_scope_calls_are_forbidden(client):
    _c, raw = api_client_create(name="税务局", department="税务", scopes=[ApiScope.TAX])
    person = PersonFactory()
    response = post(client, CHECKS, {"id_number": person.id_number, "name": person.name}, raw)
    assert response.status_code == 403


def test_rotated_and_revoked_tokens(client):
    from datetime import timedelta

    api, first = api_client_create(name="民政局", department="民政", scopes=[ApiScope.CIVIL_AFFAIRS])
    second = api_token_rotate(client=api, overlap=timedelta(0))
    body = {"request_id": "r1", "list": "zero_employment", "action": "add", "members": []}
    assert post(client, HOUSEHOLDS, body, first).status_code == 401
    assert post(client, HOUSEHOLDS, body, second).status_code == 200
    api_token_revoke(token=api.tokens.get(prefix=second.split(".")[0]))
    assert post(client, HOUSEHOLDS, {**body, "request_id": "r2"}, second).status_code == 401


def test_identity_check(client, token):
    person = PersonFactory(name="王小明")
    answer = post(client, CHECKS, {"id_number": person.id_number, "name": "王小明"}, token).json()
    assert answer == {"valid_number": True, "registered": True, "name_matches": True, "deceased": False}
    assert post(client, CHECKS, {"id_number": "110105194912310021", "name": "x"}, token).json()["valid_number"] is False


def test_death_notices_per_row_and_replayed_identically(client, token):
    alive, other = PersonFactory(name="李一"), PersonFactory(name="李二")
    body = {"request_id": "death-001", "notices": [
        {"id_number": alive.id_number, "name": "李一", "date_of_death": "2026-05-01"},
        {"id_number": "110105194912310021", "name": "x", "date_of_death": "2026-05-01"},  # bad checksum
        {"id_number": other.id_number, "name": "张冠李戴", "date_of_death": "2026-05-01"},
    ]}
    first = post(client, DEATHS, body, token)
    assert first.status_code == 200
    rows = first.json()["rows"]
    assert [r["outcome"] for r in rows] == ["recorded", "error", "error"]
    assert [r["code"] for r in rows[1:]] == ["invalid_id_number", "name_mismatch"]
    assert Person.objects.get(pk=alive.pk).death_reported_on == date(2026, 5, 1)
    assert Person.objects.get(pk=other.pk).death_reported_on is None
    history = Person.history.filter(id=alive.pk).count()
    again = post(client, DEATHS, body, token)
    assert again.status_code == 200 and again.json() == first.json()
    assert Person.history.filter(id=alive.pk).count() == history
    changed = {**body, "notices": body["notices"][:1]}
    assert post(client, DEATHS, changed, token).status_code == 409


def test_household_lists_set_the_facts_the_rules_read(client, token):
    person = PersonFactory(name="赵三")
    body = {"request_id": "hh-1", "list": "min_living_allowance", "action": "add",
            "members": [{"id_number": person.id_number, "name": "赵三"}]}
    assert post(client, HOUSEHOLDS, body, token).json()["rows"][0]["outcome"] == "changed"
    assert Person.objects.get(pk=person.pk).in_low_income_household
    again = post(client, HOUSEHOLDS, {**body, "request_id": "hh-2"}, token)
    assert again.json()["rows"][0]["outcome"] == "unchanged"


def test_business_registrations_pre_register_employers(client, token):
    good = credit_code_for(777, division="370523")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    body = {"request_id": "biz-1", "businesses": [
        {"credit_code": good, "name": "广饶新开公司", "region_code": "370523"},
        {"credit_code": bad, "name": "校验错误公司", "region_code": "370523"},
        {"credit_code": credit_code_for(778), "name": "外地公司", "region_code": "110105"},
    ]}
    answer = post(client, BUSINESSES, body, token).json()
    assert [r["outcome"] for r in answer["rows"]] == ["created", "error", "error"]
    assert (answer["ok"], answer["failed"]) == (1, 2)
    employer = Employer.objects.get(credit_code=good)
    assert employer.region == region("370523") and employer.history.first().history_user.kind == "system"


def test_a_malformed_body_is_422_and_changes_nothing(client, token):
    response = post(client, DEATHS, {"request_id": "x", "notices": [{"id_number": 1}]}, token)
    assert response.status_code == 422 and "detail" in response.json()
    assert not IdempotentRequest.objects.exists()


def test_requests_are_logged_without_personal_data(client, token, caplog):
    person = PersonFactory(name="孙悟空")
    with caplog.at_level(logging.INFO, logger="portal.api"):
        post(client, CHECKS, {"id_number": person.id_number, "name": "孙悟空"}, token)
        post(client, DEATHS, {"request_id": "log-1", "notices": [
            {"id_number": person.id_number, "name": "孙悟空", "date_of_death": "2026-01-02"}]}, token)
    text = caplog.text
    assert "endpoint=death-notices" in text and "outcome=rows ok=1 failed=0" in text
    assert person.id_number not in text and "孙悟空" not in text
    log = ApiRequestLog.objects.filter(endpoint="death-notices").get()
    assert log.client.name == "东营市公安局" and log.status_code == 200
