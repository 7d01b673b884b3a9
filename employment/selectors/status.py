"""A person's employment status: the open period, the history, the facts the rules read (fixed query counts)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from accounts.models import Person
from employment.models import DifficultyDetermination, StatusKind, StatusPeriod
from employment.rules.difficulty import PersonFacts


def status_history(*, person: Person) -> list[StatusPeriod]:
    """Every period, the open one (if any) first, then the latest first (1 query)."""
    periods = list(StatusPeriod.objects.filter(person=person).select_related("employer").order_by("-started_on", "-pk"))
    return sorted(periods, key=lambda p: p.ended_on is not None)


def current_period(*, person: Person, for_update: bool = False) -> StatusPeriod | None:
    """The open status period (1 query)."""
    periods = StatusPeriod.objects.filter(person=person, ended_on__isnull=True).select_related("employer")
    if for_update:
        periods = periods.select_for_update(of=("self",))
    return periods.first()


def last_employment(*, person: Person) -> StatusPeriod | None:
    """The latest period with an employer, open or ended (1 query)."""
    return (StatusPeriod.objects.filter(person=person, kind=StatusKind.EMPLOYED).select_related("employer")
            .order_by("-started_on", "-pk").first())


def current_determination(*, person: Person, today: date) -> DifficultyDetermination | None:
    """The employment-difficulty determination in force today (1 query)."""
    return DifficultyDetermination.objects.filter(person=person, ended_on__isnull=True, valid_from__lte=today,
                                                  valid_until__gte=today).first()


def person_facts(*, person: Person, today: date, period: StatusPeriod | None) -> PersonFacts:
    return PersonFacts(
        today=today, birth_date=person.birth_date, sex=person.sex, status=period.kind if period else "",
        status_since=period.started_on if period else None, is_disabled=person.is_disabled,
        in_low_income_household=person.in_low_income_household,
        in_zero_employment_household=person.in_zero_employment_household,
    )


def employees_registered(*, employer) -> QuerySet[StatusPeriod]:
    """The employer's open employment registrations (for the employer's pages)."""
    return (StatusPeriod.objects.filter(employer=employer, kind=StatusKind.EMPLOYED, ended_on__isnull=True)
            .select_related("person").order_by("person__name", "pk"))


def employment_status_bulk(*, person_ids) -> dict[int, StatusPeriod]:
    """{person id: open period} for many persons (1 query): the employer's employee list."""
    return {p.person_id: p for p in StatusPeriod.objects.filter(person_id__in=list(person_ids),
                                                                ended_on__isnull=True)}
