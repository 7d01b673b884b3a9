"""What employment reads of social insurance, in one place.

Per-person facts come from insurance.selectors (the only insurance module employment imports). Two reads
insurance.selectors does not offer yet follow the person's reverse relations instead, touching no
insurance module; they are marked and should move to insurance.selectors (see the issue 5 report):
a set-based "an employer declared or paid for this person and month" subquery for the fraud sweep, and
the amounts a flexible-employment individual paid in a range of months.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Exists, F, Q, QuerySet, Sum

from accounts.models import Person
from employment.rules.months import month_end, month_start
from insurance import selectors as insurance

FLEXIBLE_PAYER = "flexible"
# Declarations that say the employer employed the person in the month (drafts do not, corrections replace).
DECLARING = ("declared", "paid")


def insurance_months(*, person: Person, start: date | None = None, end: date | None = None) -> int:
    """Months of unemployment insurance paid (1 query)."""
    return insurance.unemployment_paid_months(person=person, start=start, end=end)


def employers_in_month(*, person: Person, month: date) -> dict[int, list[date]]:
    """Employers that declared or paid contributions for the person in a month (2 queries)."""
    return insurance.employer_months_for_person(person=person, start=month_start(month), end=month_end(month))


def employers_since(*, person: Person, since: date, until: date) -> dict[int, list[date]]:
    return insurance.employer_months_for_person(person=person, start=month_start(since), end=until)


def receives_insurance_subsidy(*, person: Person, today: date) -> bool:
    return insurance.receives_subsidy(person=person, today=today)


def is_pensioner(*, person: Person) -> bool:
    return insurance.is_pensioner(person=person)


def enrolment_status(*, person: Person) -> dict[str, dict]:
    return insurance.enrolment_status(person=person)


def is_flexibly_insured(*, person: Person) -> bool:
    """Insured for pension as a flexible-employment individual now (1 query)."""
    pension = insurance.enrolment_status(person=person).get("pension")
    return bool(pension) and pension["scheme"] == "flexible" and pension["status"] == "active"


# --- Set-based reads not yet offered by insurance.selectors (see the module docstring). ------------------

def employer_contributions(person_ref, month_ref) -> QuerySet:
    """Contributions an employer paid (or owes) for a person and month, as a correlated subquery: its rows
    carry "employer" (the employer's id)."""
    return Person.objects.filter(pk=person_ref, contributions__month=month_ref,
                                 contributions__employer__isnull=False).values(employer=F("contributions__employer"))


def employer_declarations(person_ref, month_ref) -> QuerySet:
    """Declarations of a month that list the person (declared or paid), as a correlated subquery: its rows
    carry "employer"."""
    return Person.objects.filter(pk=person_ref, declaration_lines__declaration__month=month_ref,
                                 declaration_lines__declaration__status__in=DECLARING).values(
        employer=F("declaration_lines__declaration__employer"))


def employer_month_exists(person_ref, month_ref) -> Q:
    """An employer declared or paid contributions for the person in the month (a filter)."""
    return Q(Exists(employer_contributions(person_ref, month_ref))) | Q(
        Exists(employer_declarations(person_ref, month_ref)))


def flexible_contributions(*, person: Person, first: date, last: date) -> dict:
    """Months and the amount a person paid as a flexible-employment individual in [first, last], all types,
    excluding any subsidy's share (2 queries)."""
    rows = Person.objects.filter(pk=person.pk, contributions__payer=FLEXIBLE_PAYER,
                                 contributions__status="paid", contributions__month__gte=month_start(first),
                                 contributions__month__lte=last)
    months = list(rows.values_list("contributions__month", flat=True).distinct())
    total = rows.aggregate(total=Sum("contributions__individual_part"))["total"] if months else None
    return {"months": sorted(set(months)), "paid": total or Decimal("0.00")}
