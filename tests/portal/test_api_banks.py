"""Banks: the result of each benefit and subsidy payment, recorded once per payment, per row, with reasons."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.api_clients import api_client_create
from accounts.models import ApiScope
from employment.models import BenefitClaim, Payment, SubsidyGrant
from tests.employment.helpers import apply, approve, born_years_ago, working_life
from tests.factories import EmployerFactory, PersonFactory

pytestmark = pytest.mark.django_db
RESULTS = "/api/v1/banks/payment-results"


@pytest.fixture
def bank():
    return api_client_create(name="中国农业银行东营分行", department="银行", scopes=[ApiScope.BANK])


def post(client, body, token):
    return client.post(RESULTS, json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def benefit_payment(users) -> Payment:
    """This month's unemployment benefit of someone who lost their job, sent to the bank."""
    from accounts.services import system_user

    person = PersonFactory(birth=born_years_ago(36))
    working_life(person, EmployerFactory(), actor=system_user(), years=3)
    case = apply("employment.benefit", actor=users["clerk"], person=person, bank_account="6222020200112233445",
                 bank="农业银行")
    claim = BenefitClaim.objects.get(case=approve(case, users["reviewer"]))
    return claim.payments.get()


@pytest.fixture
def subsidy_payment(users) -> Payment:
    """An approved start-up training subsidy's payment to the person."""
    person = PersonFactory(birth=born_years_ago(25))
    case = apply("employment.subsidy_startup_training", actor=users["clerk"], person=person,
                 certificate="SYB2026-0001", course="SYB 创业培训")
    return SubsidyGrant.objects.get(case=approve(case, users["reviewer"])).payments.get()


def result(payment: Payment, **changes) -> dict:
    row = {"reference": payment.reference, "status": "paid", "amount": str(payment.amount),
           "paid_at": timezone.localtime().replace(microsecond=0).isoformat()}
    return {**row, **changes}


def test_paid_benefit_and_subsidy_payments_are_recorded_once(client, bank, benefit_payment, subsidy_payment):
    api, token = bank
    body = {"request_id": "bank-1", "results": [result(benefit_payment), result(subsidy_payment)]}
    answer = post(client, body, token).json()
    assert [r["outcome"] for r in answer["rows"]] == ["recorded", "recorded"]
    for payment in (benefit_payment, subsidy_payment):
        payment.refresh_from_db()
        assert (payment.status, payment.result_by) == ("paid", api.user)
        assert payment.paid_at is not None
    # The same results in another file change nothing.
    again = post(client, {**body, "request_id": "bank-2"}, token).json()
    assert [r["outcome"] for r in again["rows"]] == ["unchanged", "unchanged"]
    paid_at = Payment.objects.get(pk=benefit_payment.pk).paid_at
    assert paid_at == benefit_payment.paid_at


def test_a_failed_payment_keeps_its_reason_and_may_be_paid_on_a_retry(client, bank, subsidy_payment):
    _api, token = bank
    failed = result(subsidy_payment, status="failed", paid_at=None, reason="账户已销户")
    assert post(client, {"request_id": "f-1", "results": [failed]}, token).json()["rows"][0]["outcome"] == "recorded"
    subsidy_payment.refresh_from_db()
    assert (subsidy_payment.status, subsidy_payment.failure_reason) == ("failed", "账户已销户")
    retried = post(client, {"request_id": "f-2", "results": [result(subsidy_payment)]}, token).json()
    assert retried["rows"][0]["outcome"] == "recorded"
    subsidy_payment.refresh_from_db()
    assert subsidy_payment.status == "paid"


def test_bad_rows_are_refused_with_their_reason_and_never_stop_good_ones(client, bank, benefit_payment,
                                                                        subsidy_payment):
    _api, token = bank
    post(client, {"request_id": "pre", "results": [result(subsidy_payment)]}, token)
    future = (timezone.localtime() + timedelta(days=1)).replace(microsecond=0).isoformat()
    answer = post(client, {"request_id": "mixed", "results": [
        result(benefit_payment, amount=str(benefit_payment.amount + Decimal("1"))),
        result(benefit_payment, reference="SB20990101999999"),
        result(subsidy_payment, status="failed", paid_at=None, reason="x"),  # contradicts "paid"
        result(benefit_payment, paid_at=future),
        result(benefit_payment),
    ]}, token).json()
    assert [(r["outcome"], r["code"]) for r in answer["rows"]] == [
        ("error", "amount_mismatch"), ("error", "unknown_reference"), ("error", "conflict"), ("error", "bad_time"),
        ("recorded", "")]
    assert all(r["message"] for r in answer["rows"][:4])
    subsidy_payment.refresh_from_db()
    assert subsidy_payment.status == "paid"


def test_results_need_the_bank_scope(client, benefit_payment):
    _c, tax_token = api_client_create(name="税务局", department="税务", scopes=[ApiScope.TAX])
    response = post(client, {"request_id": "x", "results": [result(benefit_payment)]}, tax_token)
    assert response.status_code == 403
    benefit_payment.refresh_from_db()
    assert benefit_payment.status == "pending"


def test_a_payment_in_a_batch_follows_the_batch(client, bank, users, benefit_payment):
    """The application's 农业银行 account puts the payment in an ABC batch: before its release the bank's result
    is refused; after it, the result is recorded on the payment and on its batch line."""
    from employment.services.batches import batch_prepare, batch_release

    _api, token = bank
    batch = batch_prepare(actor=users["reviewer"], bank="ABC", month=benefit_payment.month)
    answer = post(client, {"request_id": "b-1", "results": [result(benefit_payment)]}, token).json()
    assert (answer["rows"][0]["outcome"], answer["rows"][0]["code"]) == ("error", "not_released")
    batch_release(batch=batch, actor=users["head"])
    answer = post(client, {"request_id": "b-2", "results": [result(benefit_payment)]}, token).json()
    assert answer["rows"][0]["outcome"] == "recorded"
    assert batch.lines.get().result == "paid"
