"""Who is insured in what: status per type for one person or many, an employer's insured employees."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from accounts.models import Employer, Person
from insurance.models import Enrolment, InsuranceType, Pension, Scheme

OPEN = (Enrolment.Status.ACTIVE, Enrolment.Status.SUSPENDED)


def _described(*, insurance_type: str, status: str, scheme: str, employer_id: int | None, employer: str,
               since, through, suspended_on) -> dict:
    return {"insurance_type": insurance_type, "label": InsuranceType(insurance_type).label, "status": status,
            "status_label": Enrolment.Status(status).label, "scheme": scheme, "employer_id": employer_id,
            "employer": employer or "", "since": since, "through": through, "suspended_on": suspended_on}


def _describe(e: Enrolment) -> dict:
    return _described(insurance_type=e.insurance_type, status=e.status, scheme=e.scheme, employer_id=e.employer_id,
                      employer=e.employer.name if e.employer_id else "", since=e.started_on, through=e.ended_on,
                      suspended_on=e.suspended_on)


def _by_type(described: list[dict]) -> dict[str, dict]:
    """Per insurance type, the open enrolment or else the latest ended one (`described` oldest first)."""
    found: dict[str, dict] = {}
    for d in described:
        current = found.get(d["insurance_type"])
        if current is None or current["status"] not in OPEN or d["status"] in OPEN:
            found[d["insurance_type"]] = d
    return {k: found[k] for k in InsuranceType.values if k in found}


def enrolment_status(*, person: Person) -> dict[str, dict]:
    """Per insurance type, the open enrolment or else the latest ended one (1 query)."""
    return _by_type([_describe(e) for e in Enrolment.objects.filter(person=person).select_related("employer")
                     .order_by("started_on", "pk")])


_STANDING = {"insurance_type": "enrolments__insurance_type", "status": "enrolments__status",
             "scheme": "enrolments__scheme", "employer_id": "enrolments__employer_id",
             "employer": "enrolments__employer__name", "since": "enrolments__started_on",
             "through": "enrolments__ended_on", "suspended_on": "enrolments__suspended_on"}


def insurance_standing(*, person: Person) -> dict:
    """A person's insurance as they would say it (1 query): per type the open (or latest) enrolment; whether they
    are retired on a pension (paid or suspended); the months the former system carried over. A pensioner, or
    someone with years on record, is never told "not insured"."""
    rows = list(Person.objects.filter(pk=person.pk).values(
        *_STANDING.values(), "pension__status", "pension__starts_month", "carried_over_record__pension_months",
        "carried_over_record__through_month").order_by("enrolments__started_on", "enrolments__pk"))
    first = rows[0] if rows else {}
    types = _by_type([_described(**{k: row[v] for k, v in _STANDING.items()}) for row in rows
                      if row["enrolments__insurance_type"]])
    pension, carried = None, None
    if first.get("pension__status") in (Pension.Status.ACTIVE, Pension.Status.SUSPENDED):
        pension = {"status": first["pension__status"], "since": first["pension__starts_month"]}
    if first.get("carried_over_record__pension_months"):
        carried = {"months": first["carried_over_record__pension_months"],
                   "through": first["carried_over_record__through_month"]}
    return {"types": list(types.values()), "pension": pension, "carried": carried}


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
