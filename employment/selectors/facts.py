"""What employment reads of social insurance, in one place.

Everything comes from insurance.selectors, the only insurance module employment imports (import-linter).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from accounts.models import Person
from employment.rules.months import month_end, month_start
from insurance import selectors as insurance


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


def retirement_date(*, person: Person) -> date:
    """The statutory retirement date, by insurance's schedule table (1 query)."""
    return insurance.statutory_retirement_date(person=person)


def is_pensioner(*, person: Person) -> bool:
    return insurance.is_pensioner(person=person)


def enrolment_status(*, person: Person) -> dict[str, dict]:
    return insurance.enrolment_status(person=person)


def is_flexibly_insured(*, person: Person) -> bool:
    """Insured for pension as a flexible-employment individual now (1 query)."""
    pension = insurance.enrolment_status(person=person).get("pension")
    return bool(pension) and pension["scheme"] == "flexible" and pension["status"] == "active"


# --- Set-based reads for the fraud sweep and the flexible-employment subsidy --------------------------------

def employer_contributions(person_ref, month_ref) -> QuerySet:
    """Contributions an employer recorded for a person and month (a correlated subquery with "employer")."""
    return insurance.employer_contributions(person_ref, month_ref)


def employer_declarations(person_ref, month_ref) -> QuerySet:
    """Declared or paid declaration lines of the person and month (a correlated subquery with "employer")."""
    return insurance.employer_declarations(person_ref, month_ref)


def employer_month_exists(person_ref, month_ref) -> Q:
    """An employer declared or paid contributions for the person in the month (a filter)."""
    return insurance.employer_month_exists(person_ref, month_ref)


def flexible_paid_exists(person_ref, first: date, last: date):
    """The person paid as a flexible-employment individual for a month in [first, last] (a correlated filter)."""
    return insurance.flexible_paid_exists(person_ref, first, last)


def flexible_contributions(*, person: Person, first: date, last: date) -> dict:
    """Months and the amount a person paid as a flexible-employment individual in [first, last], all types,
    excluding any subsidy's share (1 query)."""
    return insurance.flexible_contributions(person=person, first=first, last=last)


# --- The employer's social-insurance subsidy for hiring a difficulty person -----------------------------------

def employer_parts_paid(*, pairs: list[tuple[int, int]], first: date, last: date) -> dict:
    """The employer part of basic pension, medical and unemployment insurance paid per month for each
    (person id, employer id) pair in [first, last]: {(person_id, employer_id): {month: Decimal}} (1 query)."""
    return insurance.employer_parts_paid(pairs=pairs, first=first, last=last)


def enrolments_started(*, since: date, until: date) -> QuerySet:
    """Open enrolments with an employer started in [since, until] ("person", "employer", "started_on" rows)."""
    return insurance.enrolments_started(since=since, until=until)
