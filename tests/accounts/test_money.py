"""Money read from the database is a Decimal with two places on SQLite as on PostgreSQL, sums included."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from accounts.money import Money, MoneySum, to_cent
from employment.models import Payment
from tests.employment.helpers import apply, approve
from tests.factories import PersonFactory


def two_places(value) -> bool:
    return isinstance(value, Decimal) and value.as_tuple().exponent == -2


def test_to_cent_rounds_half_up_to_two_places():
    assert str(to_cent(Decimal("150.5"))) == "150.50"
    assert str(to_cent(Decimal("0.125"))) == "0.13"
    assert str(to_cent(6420.18000000000)) == "6420.18"


@pytest.fixture
def payments(users):
    """Two subsidy payments whose amounts SQLite's floating-point SUM cannot add exactly (0.1 + 0.2)."""
    rows = []
    for amount in (Decimal("0.10"), Decimal("0.20")):
        case = apply("employment.subsidy_startup_training", actor=users["clerk"], person=PersonFactory(),
                     certificate="S-1", course="SYB")
        approve(case, users["reviewer"])
        payment = Payment.objects.get(grant__case=case)
        Payment.objects.filter(pk=payment.pk).update(amount=amount)
        rows.append(payment.pk)
    return Payment.objects.filter(pk__in=rows)


def test_sums_of_money_have_two_places_on_every_database(payments):
    sums = payments.aggregate(plain=Sum("amount"), money=MoneySum("amount"),
                              combined=Money(Sum("amount") + Sum("amount")), none=MoneySum("amount", filter=None))
    assert str(sums["money"]) == "0.30" and two_places(sums["money"])
    assert str(sums["combined"]) == "0.60" and two_places(sums["combined"])
    grouped = list(payments.values("fund").annotate(total=MoneySum("amount")))
    assert [str(row["total"]) for row in grouped] == ["0.30"]
    assert payments.filter(pk=-1).aggregate(total=MoneySum("amount"))["total"] is None


def test_the_fund_report_prints_sums_and_empty_funds_with_two_places(client, users, payments):
    client.force_login(users["head"])
    response = client.get(reverse("employment:fund-report"))
    report = response.context["report"]
    assert str(report["totals"]["employment_fund"]) == "0.30" and str(report["totals"]["ui_fund"]) == "0.00"
    assert all(two_places(c["approved"]) and two_places(c["paid"]) for line in report["table"] for c in line["cells"])
    page = response.content.decode()
    assert ">0.30<" in page and "0.300" not in page and "0.30000" not in page
