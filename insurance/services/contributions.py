"""Contributions recorded outside the monthly declaration: back payments and flexible-employment payments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Employer, Person, User
from accounts.text import enumeration
from insurance.exceptions import InsuranceError
from insurance.models import Contribution, Enrolment, Payer, PaymentOrder, Scheme
from insurance.rules.contributions import ZERO, clamp_base, flexible_base, parts_for, split_subsidy
from insurance.rules.months import iter_months, month_start
from insurance.selectors.reference import ReferenceBook
from insurance.services.payments import order_issue
from insurance.signals import contributions_recorded

MAX_BACK_MONTHS = 120


def back_payment_rows(*, person: Person, employer: Employer | None, first_month: date, last_month: date,
                      types: list[str], wage: Decimal, book: ReferenceBook | None = None) -> list[Contribution]:
    """The owed rows of a back payment (not saved): every month and type, the base clamped to that month's
    floor and ceiling. InsuranceError when a month is in the future, lacks figures or is already recorded."""
    book = book or ReferenceBook()
    first, last = month_start(first_month), month_start(last_month)
    if last < first:
        raise InsuranceError(_("The last month comes before the first."), code="months")
    if last >= month_start(timezone.localdate()):
        raise InsuranceError(_("Only past months can be paid back."), code="months")
    months = list(iter_months(first, last))
    if len(months) > MAX_BACK_MONTHS:
        raise InsuranceError(_("At most %(n)s months at a time.") % {"n": MAX_BACK_MONTHS}, code="months")
    recorded = set(Contribution.objects.filter(person=person, month__in=months, insurance_type__in=types).exclude(
        payer=Payer.SUBSIDY).values_list("month", "insurance_type"))
    if recorded:
        taken = enumeration(sorted({f"{m:%Y-%m}" for m, _k in recorded}))
        raise InsuranceError(_("Contributions are already recorded for %(months)s.") % {"months": taken},
                             code="recorded")
    scheme = Scheme.EMPLOYEE if employer is not None else Scheme.FLEXIBLE
    industry_class = getattr(getattr(employer, "insurance", None), "industry_class", 1) if employer else 1
    rows = []
    for month in months:
        limits = book.require_limits(month)
        base = clamp_base(Decimal(wage), limits)
        for kind, rate in book.rates(types, month, scheme=scheme, industry_class=industry_class).items():
            parts = parts_for(base, rate)
            rows.append(Contribution(person=person, employer=employer, month=month, insurance_type=kind,
                                     payer=Payer.BACK_PAYMENT, base=base, employer_part=parts.employer,
                                     individual_part=parts.individual, account_part=parts.account,
                                     status=Contribution.Status.OWED))
    return rows


@transaction.atomic
def back_payment_record(*, person: Person, employer: Employer | None, first_month: date, last_month: date,
                        types: list[str], wage: Decimal, actor: User, case=None) -> PaymentOrder:
    """An approved back payment (补缴): the months are recorded as owed and an order issued; they turn paid
    when the order is confirmed."""
    Person.objects.select_for_update().get(pk=person.pk)  # one back payment of a person at a time
    rows = back_payment_rows(person=person, employer=employer, first_month=first_month, last_month=last_month,
                             types=types, wage=wage)
    amount = sum((r.employer_part + r.individual_part for r in rows), ZERO)
    order = order_issue(kind=PaymentOrder.Kind.BACK_PAYMENT, amount=amount, employer=employer,
                        person=None if employer else person, case=case)
    for row in rows:
        row.order = order
    Contribution.objects.bulk_create(rows)
    return order


@transaction.atomic
def flexible_contribution_record(*, person: Person, months: list[date], actor: User,
                                 subsidy_share: Decimal | None = None, paid_on: date | None = None,
                                 tax_reference: str = "", book: ReferenceBook | None = None) -> int:
    """A flexible-employment individual's payment (from the tax bureau): paid rows for each month and each
    active flexible enrolment, with the tax bureau's voucher number when it sent one; with a subsidy, the
    subsidy's share is a row of its own. Months already recorded are skipped, so a repeated notice changes
    nothing."""
    book = book or ReferenceBook()
    paid_on = paid_on or timezone.localdate()
    enrolments = list(Enrolment.objects.filter(person=person, scheme=Scheme.FLEXIBLE,
                                               status=Enrolment.Status.ACTIVE))
    if not enrolments:
        raise InsuranceError(_("No active flexible-employment enrolment."), code="not_enrolled")
    months = sorted({month_start(m) for m in months})
    done = set(Contribution.objects.filter(person=person, month__in=months, payer=Payer.FLEXIBLE).values_list(
        "month", "insurance_type"))
    rows = []
    for month in months:
        limits = book.require_limits(month)
        for enrolment in enrolments:
            kind = enrolment.insurance_type
            if (month, kind) in done or month < enrolment.started_on:
                continue
            rate = book.rates([kind], month, scheme=Scheme.FLEXIBLE)[kind]
            parts = parts_for(flexible_base(enrolment.base_ratio or Decimal("0.60"), limits), rate)
            common = {"person": person, "month": month, "insurance_type": kind, "base": parts.base,
                      "status": Contribution.Status.PAID, "paid_on": paid_on, "tax_reference": tax_reference}
            own, subsidy = split_subsidy(parts, subsidy_share) if subsidy_share else (parts, None)
            rows.append(Contribution(payer=Payer.FLEXIBLE, individual_part=own.individual,
                                     account_part=own.account, **common))
            if subsidy is not None and subsidy.individual > 0:
                rows.append(Contribution(payer=Payer.SUBSIDY, individual_part=subsidy.individual, **common))
    Contribution.objects.bulk_create(rows)
    if rows:
        contributions_recorded.send(sender=Contribution, person_ids=[person.pk],
                                    months=sorted({r.month for r in rows}), employer_id=None, source="flexible")
    return len(rows)

