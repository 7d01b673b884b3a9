"""Who is insured in what: status per type for one person or many, an employer's insured employees."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from accounts.models import Employer, Person
from insurance.models import Enrolment, InsuranceType, Scheme

OPEN = (Enrolment.Status.ACTIVE, Enrolment.Status.SUSPENDED)


def _describe(e: Enrolment) -> dict:
    return {"insurance_type": e.insurance_type, "label": InsuranceType(e.insurance_type).label,
            "status": e.status, "status_label": e.get_status_display(), "scheme": e.scheme,
            "employer_id": e.employer_id, "employer": e.employer.name if e.employer_id else "",
            "since": e.started_on, "through": e.ended_on, "suspended_on": e.suspended_on}


def enrolment_status(*, person: Person) -> dict[str, dict]:
    """Per insurance type, the open enrolment or else the latest ended one (1 query)."""
    found: dict[str, dict] = {}
    for e in Enrolment.objects.filter(person=person).select_related("employer").order_by("started_on", "pk"):
        current = found.get(e.insurance_type)
        if current is None or current["status"] not in OPEN or e.status in OPEN:
            found[e.insurance_type] = _describe(e)
    return {k: found[k] for k in InsuranceType.values if k in found}


def enrolment_status_bulk(*, person_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """{person id: {insurance type: status}} for many persons (1 query): "active", "suspended" or "ended"."""
    result: dict[int, dict[str, str]] = {}
    rows = Enrolment.objects.filter(person_id__in=list(person_ids)).order_by("started_on", "pk").values_list(
        "person_id", "insurance_type", "status")
    for person_id, kind, status in rows:
        types = result.setdefault(person_id, {})
        if types.get(kind) not in OPEN or status in OPEN:
            types[kind] = status
    return result


def is_insured(*, person: Person, insurance_type: str, on: date | None = None) -> bool:
    """Whether the person is (or was, on a day) insured for a type (1 query)."""
    enrolments = Enrolment.objects.filter(person=person, insurance_type=insurance_type)
    if on is None:
        return enrolments.filter(status=Enrolment.Status.ACTIVE).exists()
    return enrolments.filter(started_on__lte=on).exclude(ended_on__lt=on).exists()


def employer_insured_employees(*, employer: Employer) -> QuerySet[Person]:
    """Persons the employer insures now (1 query when evaluated)."""
    return Person.objects.filter(enrolments__employer=employer, enrolments__scheme=Scheme.EMPLOYEE,
                                 enrolments__status=Enrolment.Status.ACTIVE).distinct().order_by("name", "pk")


def open_enrolments(*, person: Person) -> list[Enrolment]:
    return list(Enrolment.objects.filter(person=person, status__in=OPEN).select_related("employer"))
