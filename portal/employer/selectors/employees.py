"""The employer's employees: whom it registers as employed or insures now, searched and shown in bulk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import normalize_id_number, upgrade_id15
from accounts.models import Employer, Person
from employment.selectors import employees_registered, employment_status_bulk
from insurance.models import EMPLOYEE_TYPES, InsuranceType
from insurance.selectors import cards_of_employer_staff, employer_insured_employees, enrolment_status_bulk
from insurance.selectors.enrolment import open_enrolments

_TAIL = re.compile(r"\d{4,17}X?")
# Column headings of the employee list (the full names are long for a phone).
SHORT_LABELS = {InsuranceType.PENSION: _("Pension ins."), InsuranceType.MEDICAL: _("Medical ins."),
                InsuranceType.UNEMPLOYMENT: _("Unemployment ins."), InsuranceType.WORK_INJURY: _("Injury ins.")}


def employees_of(*, employer: Employer) -> QuerySet[Person]:
    """Persons the employer registers as employed (open employment) or insures now: the scope of every page
    about an employee, so that another employer's staff are a 404."""
    insured = employer_insured_employees(employer=employer).order_by().values("pk")
    registered = employees_registered(employer=employer).order_by().values("person_id")
    # One IN over the UNION of both id lists: the persons are then read by their primary key. (Two INs joined by
    # OR made PostgreSQL test every person of the city against both: 0.9 s for a 40-employee employer.)
    return Person.objects.filter(pk__in=insured.union(registered)).order_by("name", "pk")


def employee_search(*, employer: Employer, query: str = "") -> QuerySet[Person]:
    """A name (or part of it), a whole identity number, or its last digits (at least four)."""
    employees = employees_of(employer=employer)
    text = (query or "").strip()[:30]
    if not text:
        return employees
    number = normalize_id_number(text)
    if len(number) == 15 and number.isdigit():
        try:
            number = upgrade_id15(number)
        except ValidationError:
            return employees.none()
    if len(number) == 18 and number[:17].isdigit():
        return employees.filter(id_number=number)
    if _TAIL.fullmatch(number):
        return employees.filter(id_number__endswith=number)
    return employees.filter(name__contains=text)


@dataclass
class EmployeeRow:
    person: Person
    insurance: dict[str, str] = field(default_factory=dict)  # insurance type -> active / suspended / ended
    period: object | None = None  # the open employment status period, if any
    card: object | None = None  # the live social-security card, if any
    employer_id: int = 0
    labels: tuple[tuple[str, str], ...] = ()  # (type, short label) of the types shown, translated once per page

    @property
    def employed_here(self) -> bool:
        return self.period is not None and self.period.employer_id == self.employer_id

    @property
    def types(self) -> list[tuple[str, str, str]]:
        """(type, short label, status) for each type an employer insures, in a fixed order."""
        return [(kind, label, self.insurance.get(kind, "")) for kind, label in self.labels or type_labels()]


def type_labels() -> tuple[tuple[str, str], ...]:
    """(type, short label) of each type an employer insures, in a fixed order, in the current language."""
    return tuple((str(kind), str(SHORT_LABELS.get(kind, InsuranceType(kind).label))) for kind in EMPLOYEE_TYPES)


def employee_rows(*, employer: Employer, persons: list[Person]) -> list[EmployeeRow]:
    """Insurance status per type, employment status and card of a page of employees: three queries whatever
    the page's length."""
    ids = [p.pk for p in persons]
    insurance = enrolment_status_bulk(person_ids=ids) if ids else {}
    periods = employment_status_bulk(person_ids=ids) if ids else {}
    # The card's status is all a row shows: its holder and hall are not read again.
    cards = {c.person_id: c for c in cards_of_employer_staff(employer=employer).select_related(None)
             .filter(person_id__in=ids)} if ids else {}
    labels = type_labels()
    return [EmployeeRow(person=p, insurance=insurance.get(p.pk, {}), period=periods.get(p.pk),
                        card=cards.get(p.pk), employer_id=employer.pk, labels=labels) for p in persons]


@dataclass(frozen=True)
class EmployeeState:
    """What separation must end: the open employment here, the types insured through this employer."""

    period: object | None
    enrolments: list

    @property
    def types(self) -> list[str]:
        return [e.insurance_type for e in self.enrolments]


def employee_state(*, employer: Employer, person: Person) -> EmployeeState:
    """Two queries: the open status period and the open enrolments."""
    periods = employment_status_bulk(person_ids=[person.pk])
    period = periods.get(person.pk)
    here = period if period is not None and period.employer_id == employer.pk else None
    return EmployeeState(period=here, enrolments=[e for e in open_enrolments(person=person)
                                                  if e.employer_id == employer.pk])
