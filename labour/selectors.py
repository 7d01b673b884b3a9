"""Reads of labour relations for its own pages and for the apps above it (employment, counter, portal read labour
only through this module). Each runs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Min, Prefetch, QuerySet, Subquery, Sum

from accounts.models import Employer, Office, Person, Region, User
from labour.models import Arbitration, Complaint, Filing, Hearing, TimeLimitRule, WageMatter
from labour.rules import Limit
from workflow.rules.states import OPEN

OPEN_STATES = sorted(OPEN)


def time_limit(code: str) -> Limit:
    """A limit from the rule table (1 query)."""
    rule = TimeLimitRule.objects.get(code=code)
    return Limit(days=rule.days, unit=rule.unit)


def time_limits() -> list[TimeLimitRule]:
    return list(TimeLimitRule.objects.all())


def open_complaints(*, employer: Employer | None = None, person: Person | None = None) -> QuerySet[Complaint]:
    """Complaints whose case is still open."""
    complaints = Complaint.objects.filter(case__status__in=OPEN_STATES)
    if employer is not None:
        complaints = complaints.filter(employer=employer)
    if person is not None:
        complaints = complaints.filter(person=person)
    return complaints


def open_wage_complaint_count(*, employer: Employer) -> int:
    """How many open unpaid-wage complaints name the employer (1 query): the flag on the desk and its home page."""
    return open_complaints(employer=employer).filter(kind=Complaint.Kind.WAGES).count()


def has_open_complaint(*, person: Person) -> bool:
    """Whether the person is a worker in an open complaint (1 query)."""
    return open_complaints(person=person).exists()


def employers_with_open_wage_complaints(*, office: Office, limit: int = 20) -> list[dict]:
    """Employers of the office's area with open wage complaints, most workers first (1 query): the head's board."""
    # The office's region path read in the same query (a board's office comes without its region).
    area = Region.objects.filter(pk=office.region_id).values("path")[:1]
    rows = (open_complaints().filter(kind=Complaint.Kind.WAGES, employer__region__path__startswith=Subquery(area))
            .values("employer__name", "employer__credit_code")
            .annotate(workers=Count("person", distinct=True), amount=Sum("amount"), since=Min("case__accepted_at"))
            .order_by("-workers", "since")[:limit])
    return list(rows)


def complaints_for_office(*, office: Office) -> QuerySet[Complaint]:
    """The team's complaints, open first, grouped by wage matter (2 queries with the matter's figures)."""
    return (Complaint.objects.filter(case__jurisdiction_office=office)
            .select_related("case", "case__service", "person", "employer", "matter")
            .order_by("matter_id", "case__deadline"))


def open_matters_for_office(*, office: Office) -> list[WageMatter]:
    """The team's open wage matters with their complaints (2 queries)."""
    complaints = Complaint.objects.select_related("case", "person").order_by("case__accepted_at")
    return list(WageMatter.objects.filter(office=office, status=WageMatter.Status.OPEN)
                .select_related("employer").prefetch_related(Prefetch("complaints", queryset=complaints))
                .annotate(workers=Count("complaints__person", distinct=True), owed=Sum("complaints__amount"))
                .order_by("opened_at"))


def complaint_for_staff(*, user: User, number: str) -> Complaint | None:
    """A complaint of the user's own office, by case number (1 query); another office's is not found."""
    return (Complaint.objects.select_related("case", "case__service", "case__reviewer", "person", "employer",
                                             "employer__region", "matter")
            .filter(case__number=number, case__jurisdiction_office_id=user.office_id).first())


def complaints_against(*, employer: Employer) -> QuerySet[Complaint]:
    """What the employer sees of the complaints naming it: open and recent ones, newest first."""
    return (Complaint.objects.filter(employer=employer).select_related("case", "case__jurisdiction_office", "person")
            .order_by("-case__accepted_at"))


def arbitration_for_staff(*, user: User, number: str) -> Arbitration | None:
    return (Arbitration.objects.select_related("case", "case__service", "case__reviewer", "person", "employer")
            .prefetch_related(Prefetch("hearings", queryset=Hearing.objects.order_by("-scheduled_at", "-pk")))
            .filter(case__number=number, case__jurisdiction_office_id=user.office_id).first())


def arbitrations_for_office(*, office: Office) -> QuerySet[Arbitration]:
    return (Arbitration.objects.filter(case__jurisdiction_office=office)
            .select_related("case", "person", "employer").order_by("-case__accepted_at"))


def filings_of(*, employer: Employer) -> QuerySet[Filing]:
    return Filing.objects.filter(employer=employer).select_related("case").order_by("-recorded_at")
