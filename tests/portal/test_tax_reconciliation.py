"""Payments the tax bureau reports are matched to what was sent; those matching nothing show as mismatched on the
reconciliation page, per month, for the leadership (and for an office head, their area's)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.api_clients import api_client_create
from accounts.models import ApiScope
from insurance.models import TaxPayment, TaxSubmission
from insurance.rules.months import month_start
from insurance.services.tax_outbox import tax_outbox_dispatch
from tests.factories import EmployerFactory, region
from tests.portal.test_api_tax import collection, declared_order, flexible_person, flexible_row, now_text

pytestmark = pytest.mark.django_db
ORDERS = "/api/v1/tax/order-collections"
FLEXIBLE = "/api/v1/tax/flexible-collections"
PAGE = "insurance:tax-reconciliation"


@pytest.fixture
def token():
    _client, raw = api_client_create(name="国家税务总局东营市税务局", department="税务", scopes=[ApiScope.TAX])
    return raw


def post(client, url, body, token):
    return client.post(url, json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"}).json()


def test_a_payment_for_an_unknown_declaration_shows_as_mismatched(client, token, users, fakes,
                                                                  django_assert_max_num_queries):
    order = declared_order(employer=EmployerFactory(region=region("370503")))
    tax_outbox_dispatch()
    body = post(client, ORDERS, {"request_id": "r-1", "collections": [
        collection(order), {**collection(order), "order_number": "JF20990101000001", "tax_reference": "3329"}]},
                token)
    assert [row["outcome"] for row in body["rows"]] == ["recorded", "error"]
    assert body["rows"][1]["code"] == "unknown_order"  # the API answers as before
    matched, unknown = TaxPayment.objects.order_by("pk")
    assert (matched.outcome, matched.submission.order) == ("matched", order)
    assert (unknown.outcome, unknown.submission, unknown.named) == ("mismatched", None, "JF20990101000001")
    assert TaxSubmission.objects.get().paid_at is not None
    # The same report again records nothing more.
    post(client, ORDERS, {"request_id": "r-2", "collections": [
        {**collection(order), "order_number": "JF20990101000001", "tax_reference": "3329"}]}, token)
    assert TaxPayment.objects.count() == 2

    client.force_login(users["leader"])
    this_month = f"{month_start(timezone.localdate()):%Y-%m}"
    with django_assert_max_num_queries(14):
        page = client.get(reverse(PAGE), {"month": this_month}).content.decode()
    assert "与税务局对账" in page and "JF20990101000001" in page and "没有此编号的缴费单" in page
    declared = client.get(reverse(PAGE), {"month": f"{order.declaration.month:%Y-%m}"}).content.decode()
    assert "本月已发送的均已缴费" in declared  # the one sent is paid
    # An office head sees their area's submissions, but not a payment naming nothing known.
    client.force_login(users["head"])
    assert "JF20990101000001" not in client.get(reverse(PAGE), {"month": this_month}).content.decode()


def test_unpaid_and_a_flexible_payment_of_nobody_known(client, token, users, fakes):
    order = declared_order(employer=EmployerFactory(region=region("370503")))
    tax_outbox_dispatch()
    person = flexible_person()
    body = post(client, FLEXIBLE, {"request_id": "f-1", "collections": [
        {**flexible_row(person, [month_start(timezone.localdate())], "1.00"), "id_number": "370502196003150022"}]},
                token)
    assert body["rows"][0]["code"] == "not_registered"
    payment = TaxPayment.objects.get()
    assert payment.outcome == "mismatched" and payment.named_shown == "370502********0022"
    client.force_login(users["head"])
    page = client.get(reverse(PAGE), {"month": f"{order.declaration.month:%Y-%m}"}).content.decode()
    assert order.number in page and order.employer.name in page  # sent, unpaid, in the head's area
    assert now_text()  # (the helper is the tax API tests' own)
