"""Subsidies granted: a person's or an employer's grants, what a one-time subsidy or the flexible-employment
subsidy has already used."""

from __future__ import annotations

from datetime import date

from accounts.models import Employer, Person
from employment.models import Subsidy, SubsidyGrant


def grants_of(*, person: Person | None = None, employer: Employer | None = None) -> list[SubsidyGrant]:
    """Grants with their payments' reference and status (2 queries)."""
    grants = SubsidyGrant.objects.filter(person=person) if person is not None else SubsidyGrant.objects.filter(
        employer=employer)
    return list(grants.prefetch_related("payments").order_by("-granted_at"))


def granted_before(*, subsidy: str, person: Person | None = None, employer: Employer | None = None,
                   pending_case_id: int | None = None) -> SubsidyGrant | None:
    """An earlier grant of the same subsidy to the same recipient (1 query)."""
    grants = SubsidyGrant.objects.filter(subsidy=subsidy)
    grants = grants.filter(person=person) if person is not None else grants.filter(employer=employer)
    if pending_case_id:
        grants = grants.exclude(case_id=pending_case_id)
    return grants.order_by("granted_at").first()


def flexible_subsidy_use(*, person: Person) -> dict:
    """The flexible-employment subsidy so far: the first month ever covered, the months covered (1 query)."""
    grants = SubsidyGrant.objects.filter(person=person, subsidy=Subsidy.FLEXIBLE_INSURANCE)
    periods = list(grants.values_list("first_month", "last_month"))
    first = min((p[0] for p in periods if p[0]), default=None)
    return {"first": first, "periods": [(a, b) for a, b in periods if a and b]}


def subsidy_active(*, person: Person, month: date) -> bool:
    """A flexible-employment social-insurance subsidy covers the month (1 query)."""
    return SubsidyGrant.objects.filter(person=person, subsidy=Subsidy.FLEXIBLE_INSURANCE, first_month__lte=month,
                                       last_month__gte=month).exists()


def hiring_subsidy_use(*, person: Person, employer: Employer) -> list[tuple[date, date]]:
    """The months the employer's subsidy for hiring the person already covered, as (first, last) (1 query)."""
    return [(a, b) for a, b in SubsidyGrant.objects.filter(
        person=person, employer=employer, subsidy=Subsidy.HIRING_INSURANCE).values_list("first_month", "last_month")
        if a and b]
