"""Enrolment: starting, suspending, resuming and ending a person's insurance per type."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Employer, Person, User
from accounts.text import recorded
from insurance.exceptions import InsuranceError
from insurance.models import FLEXIBLE_TYPES, Enrolment, InsuranceType, InsuredEmployer, Scheme
from insurance.rules.months import month_start
from insurance.selectors.reference import ReferenceBook
from workflow.services import sequence_next

OPEN = (Enrolment.Status.ACTIVE, Enrolment.Status.SUSPENDED)
MIN_RATIO, MAX_RATIO = Decimal("0.60"), Decimal("3.00")
# Why an enrolment changed, as its history records it (in the bureau's record language); an end gives its reason.
ENROLLED = gettext_lazy("Enrolled")
SUSPENDED = gettext_lazy("Enrolment suspended")


def insured_employer_register(*, employer: Employer, industry_class: int = 1,
                              on: date | None = None) -> InsuredEmployer:
    """The employer's insurance registration, created the first time it enrols someone."""
    existing = InsuredEmployer.objects.filter(employer=employer).first()
    if existing is not None:
        return existing
    number = f"DY{sequence_next('insurance:employer'):08d}"
    try:
        with transaction.atomic():
            return InsuredEmployer.objects.create(employer=employer, insurance_number=number,
                                                  industry_class=industry_class,
                                                  registered_on=on or timezone.localdate())
    except IntegrityError:  # registered meanwhile by a concurrent first declaration or enrolment
        return InsuredEmployer.objects.get(employer=employer)


def _save(enrolment: Enrolment, actor: User, reason="") -> None:
    enrolment._history_user = actor
    enrolment._change_reason = recorded(reason)[:100]
    enrolment.save()


def _check_types(types: Iterable[str], scheme: str, on: date) -> list[str]:
    kinds = list(dict.fromkeys(types))
    if not kinds:
        raise InsuranceError(_("Choose at least one insurance type."), code="types")
    if scheme == Scheme.FLEXIBLE and set(kinds) - set(FLEXIBLE_TYPES):
        raise InsuranceError(_("Flexible-employment individuals may insure pension and medical insurance only."),
                             code="types")
    book = ReferenceBook()
    for kind in kinds:
        if book.rate(kind, on, scheme=scheme) is None:
            raise InsuranceError(_("%(type)s cannot be enrolled in: no rate is in force (merged or not offered).")
                                 % {"type": InsuranceType(kind).label}, code="types")
    return kinds


@transaction.atomic
def enrolment_start(*, actor: User, person: Person, types: Iterable[str], started_on: date,
                    employer: Employer | None = None, base_ratio: Decimal | None = None) -> list[Enrolment]:
    """Insure a person, through an employer or as a flexible-employment individual (idempotent per type).

    An employer's enrolment ends a flexible one of the same type; another employer's must be ended by it first.
    """
    if person.is_deceased:
        raise InsuranceError(_("This person is recorded as deceased."), code="deceased")
    scheme = Scheme.EMPLOYEE if employer is not None else Scheme.FLEXIBLE
    started_on = month_start(started_on)
    kinds = _check_types(types, scheme, started_on)
    if scheme == Scheme.FLEXIBLE:
        base_ratio = Decimal(base_ratio if base_ratio is not None else MIN_RATIO)
        if not MIN_RATIO <= base_ratio <= MAX_RATIO:
            raise InsuranceError(_("The chosen base must lie between 60% and 300% of the average wage."),
                                 code="base_ratio")
    else:
        insured_employer_register(employer=employer, on=started_on)
    if InsuranceType.PENSION in kinds and hasattr(person, "pension"):
        raise InsuranceError(_("A pensioner is not enrolled in pension insurance again."), code="pensioner")
    current = {e.insurance_type: e for e in Enrolment.objects.select_for_update(of=("self",)).filter(
        person=person, status__in=OPEN).select_related("employer")}
    result = []
    for kind in kinds:
        existing = current.get(kind)
        if existing is not None and existing.scheme == scheme and existing.employer_id == (employer and employer.pk):
            if existing.status == Enrolment.Status.SUSPENDED:
                existing.status, existing.suspended_on = Enrolment.Status.ACTIVE, None
            existing.base_ratio = base_ratio if scheme == Scheme.FLEXIBLE else None
            _save(existing, actor, "resumed")
            result.append(existing)
            continue
        if existing is not None:
            if existing.scheme == Scheme.EMPLOYEE:
                raise InsuranceError(
                    _("%(type)s is insured through %(employer)s; that employer must end it first.")
                    % {"type": InsuranceType(kind).label, "employer": existing.employer.name}, code="insured_elsewhere")
            _close(existing, actor, on=started_on, reason=Enrolment.EndReason.TRANSFERRED)
        enrolment = Enrolment(person=person, insurance_type=kind, scheme=scheme, employer=employer,
                              started_on=started_on, base_ratio=base_ratio if scheme == Scheme.FLEXIBLE else None)
        _save(enrolment, actor, ENROLLED)
        result.append(enrolment)
    return result


def _close(enrolment: Enrolment, actor: User, *, on: date, reason: str) -> None:
    enrolment.status, enrolment.ended_on, enrolment.end_reason = Enrolment.Status.ENDED, on, reason
    _save(enrolment, actor, Enrolment.EndReason(reason).label if reason in Enrolment.EndReason.values else reason)


def _open_enrolments(person: Person, employer: Employer | None, types: Iterable[str] | None):
    found = Enrolment.objects.select_for_update().filter(person=person, status__in=OPEN)
    found = found.filter(employer=employer) if employer is not None else found.filter(scheme=Scheme.FLEXIBLE)
    if types:
        found = found.filter(insurance_type__in=list(types))
    return list(found)


@transaction.atomic
def enrolment_end(*, actor: User, person: Person, ended_on: date, reason: str,
                  employer: Employer | None = None, types: Iterable[str] | None = None) -> list[Enrolment]:
    """End a person's enrolments with an employer (or their flexible ones); their last insured day."""
    enrolments = _open_enrolments(person, employer, types)
    if not enrolments:
        raise InsuranceError(_("No open enrolment to end."), code="none")
    for enrolment in enrolments:
        if ended_on < enrolment.started_on:
            raise InsuranceError(_("An enrolment cannot end before it started."), code="date")
        _close(enrolment, actor, on=ended_on, reason=reason)
    return enrolments


@transaction.atomic
def enrolment_suspend(*, actor: User, person: Person, on: date, types: Iterable[str] | None = None
                      ) -> list[Enrolment]:
    """A flexible-employment individual stops paying for a while (暂停缴费); the record stays open."""
    enrolments = [e for e in _open_enrolments(person, None, types) if e.status == Enrolment.Status.ACTIVE]
    if not enrolments:
        raise InsuranceError(_("No active flexible-employment enrolment to suspend."), code="none")
    for enrolment in enrolments:
        enrolment.status, enrolment.suspended_on = Enrolment.Status.SUSPENDED, on
        _save(enrolment, actor, SUSPENDED)
    return enrolments


@transaction.atomic
def enrolments_close_all(*, actor: User, person: Person, on: date, reason: str) -> int:
    """End every open enrolment of a person (retirement ends pension, death ends all)."""
    enrolments = list(Enrolment.objects.select_for_update().filter(person=person, status__in=OPEN))
    for enrolment in enrolments:
        _close(enrolment, actor, on=max(on, enrolment.started_on), reason=reason)
    return len(enrolments)
