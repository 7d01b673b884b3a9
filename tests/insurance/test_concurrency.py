"""On PostgreSQL, with real threads and connections: two payment confirmations at once, one succeeds;
two declarations of the same month at once, one declaration."""

from datetime import date

import pytest

from insurance.exceptions import InsuranceError
from insurance.models import Contribution, Declaration, PaymentOrder
from insurance.services import declaration_submit, payment_confirm
from tests.concurrency import run_concurrently
from tests.factories import EmployerFactory
from tests.insurance.conftest import rows_for, staff


@pytest.mark.django_db(transaction=True)
def test_two_payment_confirmations_at_once_one_succeeds(postgres, system, demo):
    employer = EmployerFactory()
    persons = staff(employer, 20)
    declaration = declaration_submit(employer=employer, month=date(2026, 3, 1), rows=rows_for(persons, [6000] * 20),
                                     actor=system, channel="counter")
    order = PaymentOrder.objects.get(declaration=declaration)
    outcomes = run_concurrently([lambda: payment_confirm(order=order, actor=system, reference="A"),
                                 lambda: payment_confirm(order=order, actor=system, reference="B"),
                                 lambda: payment_confirm(order=order, actor=system, reference="C")])
    assert [o[0] for o in outcomes].count("ok") == 1
    errors = [o[1] for o in outcomes if o[0] == "error"]
    assert all(isinstance(e, InsuranceError) and e.code == "already_paid" for e in errors)
    assert Contribution.objects.filter(order=order).count() == 80


@pytest.mark.django_db(transaction=True)
def test_two_declarations_of_a_month_at_once_make_one(postgres, system, demo):
    employer = EmployerFactory()
    persons = staff(employer, 10)
    month = date(2026, 3, 1)
    outcomes = run_concurrently([
        lambda w=w: declaration_submit(employer=employer, month=month, rows=rows_for(persons, [w] * 10),
                                       actor=system, channel="counter") for w in (5000, 5000, 7000)])
    assert all(o[0] == "ok" for o in outcomes), outcomes
    assert Declaration.objects.filter(employer=employer, month=month).count() == 1
    assert PaymentOrder.objects.filter(employer=employer, status="issued").count() == 1
