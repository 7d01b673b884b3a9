"""On PostgreSQL, with real threads and connections: two members of staff releasing the same batch at once (one
release), importing the same return file at once (recorded once), preparing batches for the same bank at once
(each payment in one batch)."""

from __future__ import annotations

import pytest

from employment.exceptions import EmploymentError
from employment.models import AccountCorrection, BatchLine, Payment, PaymentBatch, ReturnImport
from employment.services.batch_results import batch_return_import
from employment.services.batches import batch_prepare, batch_release
from tests.concurrency import run_concurrently
from tests.employment.batch_helpers import account, bank_return, benefit_payment
from tests.employment.helpers import this_month
from tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres", "test_services")]


def _due(users, n: int) -> list[Payment]:
    payments = []
    for _ in range(n):
        person = PersonFactory()
        account(person, users["reviewer"])
        payments.append(benefit_payment(person, users["clerk"]))
    return payments


def test_two_staff_releasing_at_once_release_once(users):
    _due(users, 5)
    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    outcomes = run_concurrently([lambda: batch_release(batch=batch, actor=users["head"]),
                                 lambda: batch_release(batch=batch, actor=users["leader"])])
    assert sorted(o[0] for o in outcomes) == ["error", "ok"], outcomes
    error = next(o[1] for o in outcomes if o[0] == "error")
    assert isinstance(error, EmploymentError) and error.code == "released"
    winner = next(o[1] for o in outcomes if o[0] == "ok")
    assert PaymentBatch.objects.get(pk=batch.pk).released_by_id == winner.released_by_id


def test_two_staff_importing_the_same_return_file_at_once_record_it_once(users):
    payments = _due(users, 6)
    batch = batch_prepare(actor=users["reviewer"], bank="ICBC", month=this_month())
    batch = batch_release(batch=batch, actor=users["head"])
    data = bank_return(batch, failed={payments[2].reference: ("NAME_MISMATCH", "户名不符")})
    outcomes = run_concurrently([lambda u=u: batch_return_import(batch=batch, actor=users[u], data=data)
                                 for u in ("reviewer", "head")])
    assert all(o[0] == "ok" for o in outcomes), outcomes
    assert sorted(o[1].created for o in outcomes) == [False, True]
    assert ReturnImport.objects.count() == 1
    assert AccountCorrection.objects.count() == 1
    assert sorted(BatchLine.objects.values_list("result", flat=True)) == ["failed"] + ["paid"] * 5
    assert Payment.objects.filter(status="paid").count() == 5


def test_two_staff_preparing_at_once_put_each_payment_in_one_batch(users):
    payments = _due(users, 8)
    outcomes = run_concurrently([lambda u=u: batch_prepare(actor=users[u], bank="ICBC", month=this_month())
                                 for u in ("reviewer", "head")])
    oks = [o[1] for o in outcomes if o[0] == "ok"]
    assert len(oks) == 1, outcomes  # the other waited for the rows, then found nothing left (or lost the race)
    assert all(isinstance(o[1], EmploymentError) for o in outcomes if o[0] == "error")
    assert BatchLine.objects.count() == len(payments)
    assert BatchLine.objects.values("payment").distinct().count() == len(payments)
