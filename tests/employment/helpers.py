"""Helpers of the employment tests: contributions as insurance records them, a working life to stand on, and
(shared with insurance's tests) applying the way every channel does and deciding in the back office."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from employment.rules.months import add_months, iter_months, month_start
from tests.insurance.helpers import apply, approve, form_data, reject  # the same way every channel applies

__all__ = ["add_months", "apply", "approve", "born_years_ago", "form_data", "pay", "reject", "this_month", "today",
           "working_life"]


def today() -> date:
    return timezone.localdate()


def this_month() -> date:
    return month_start(today())


def born_years_ago(years: int, days: int = 0) -> date:
    day = today()
    try:
        born = day.replace(year=day.year - years)
    except ValueError:  # 29 February
        born = day.replace(year=day.year - years, day=28)
    return born - timedelta(days=days)


def pay(person, first: date, months: int, *, employer=None, types=("unemployment",), payer="employer",
        amount=Decimal("20.00")) -> list[date]:
    """Paid contribution rows, as insurance records them, for `months` months from `first`."""
    from insurance.models import Contribution

    month_list = list(iter_months(month_start(first), add_months(month_start(first), months - 1)))
    Contribution.objects.bulk_create([
        Contribution(person=person, employer=employer, month=m, insurance_type=kind, payer=payer,
                     base=Decimal("4573.00"), employer_part=amount if employer else Decimal(0),
                     individual_part=amount, status="paid", paid_on=add_months(m, 1))
        for m in month_list for kind in types])
    return month_list


def working_life(person, employer, *, actor, years: int = 5, reason: str = "contract_expired", insured_months=None,
                 ended_ago_days: int = 40):
    """Employed by `employer` for `years` years, unemployment insurance paid each month, separated
    `ended_ago_days` ago for `reason`; then registered as unemployed. Returns the months paid."""
    from employment.services import employment_end, employment_register, unemployment_register

    ended = today() - timedelta(days=ended_ago_days)
    start = add_months(month_start(ended), -12 * years + 1)
    employment_register(actor=actor, person=person, employer=employer, start=start)
    employment_end(actor=actor, person=person, employer=employer, ended_on=ended, reason=reason)
    months = insured_months if insured_months is not None else 12 * years
    paid = pay(person, add_months(month_start(ended), -months + 1), months, employer=employer) if months else []
    unemployment_register(actor=actor, person=person, registered_on=today())
    return paid
