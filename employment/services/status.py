"""Registration: employment (就业登记) and its end on separation, unemployment registration (失业登记),
flexible employment (灵活就业). One status at a time: registering a new one ends the open one."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Employer, Person, User
from accounts.text import clauses, labelled
from employment.eligibility import registration as eligibility
from employment.eligibility.common import describe_period
from employment.exceptions import EmploymentError
from employment.models import SEPARATION_REASONS, BenefitClaim, EndReason, StatusKind, StatusPeriod
from employment.rules import benefits as benefit_rules
from employment.selectors.benefits import live_claim
from employment.selectors.status import current_period
from employment.services.benefits import benefit_stop
from employment.services.prompts import prompts_prejudge

# How far ahead a start may be registered.
AHEAD_DAYS = 31


def _lock(person: Person) -> Person:
    """Status changes of one person happen one at a time."""
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.is_deceased:
        raise EmploymentError(_("This person is recorded as deceased."), code="deceased")
    return locked


def _start_ok(start: date) -> None:
    if start > timezone.localdate() + timedelta(days=AHEAD_DAYS):
        raise EmploymentError(_("A start more than a month ahead cannot be registered yet."), code="date")


def _close(period: StatusPeriod, *, on: date, reason: str, case=None) -> None:
    """End the open period the day before the new status starts (the same day if it started that day)."""
    period.ended_on = max(on - timedelta(days=1), period.started_on)
    period.end_reason, period.closed_by_case = reason, case
    period.save(update_fields=["ended_on", "end_reason", "closed_by_case", "updated_at"])


def _open(*, person: Person, kind: str, start: date, actor: User, employer: Employer | None = None, case=None,
          details: dict | None = None) -> StatusPeriod:
    current = current_period(person=person, for_update=True)
    if current is not None:
        if start < current.started_on:
            raise EmploymentError(_("The new status cannot start before the current one began: %(current)s")
                                  % {"current": describe_period(current)}, code="date")
        _close(current, on=start, reason=EndReason.NEW_STATUS, case=case)
    return StatusPeriod.objects.create(person=person, kind=kind, employer=employer, started_on=start,
                                       details=details or {}, opened_by_case=case, recorded_by=actor)


def _stop_benefit(person: Person, *, on: date, actor: User) -> None:
    claim = live_claim(person=person, for_update=True)
    if claim is not None:
        benefit_stop(claim=claim, reason=BenefitClaim.StopReason.RE_EMPLOYED, on=on, actor=actor)


@transaction.atomic
def employment_register(*, actor: User, person: Person, employer: Employer, start: date, case=None,
                        details: dict | None = None) -> StatusPeriod:
    """Register an employment with an employer (就业登记). It ends the person's unemployment registration or
    flexible employment and stops a live benefit from the month work starts. It may run inside a larger
    transaction (the employer's one-form new-hire registration with insurance enrolment): its EmploymentError
    then undoes the whole of it when the caller lets it propagate."""
    person = _lock(person)
    _start_ok(start)
    current = current_period(person=person)
    if current is not None and current.kind == StatusKind.EMPLOYED:
        if current.employer_id == employer.pk:
            raise EmploymentError(_("Already registered as employed by this employer: %(current)s")
                                  % {"current": describe_period(current)}, code="registered")
        raise EmploymentError(_("Still registered as employed elsewhere: %(current)s End that employment first.")
                              % {"current": describe_period(current)}, code="employed_elsewhere")
    period = _open(person=person, kind=StatusKind.EMPLOYED, start=start, actor=actor, employer=employer, case=case,
                   details=details)
    _stop_benefit(person, on=start, actor=actor)
    prompts_prejudge(person=person, actor=actor)
    return period


@transaction.atomic
def employment_end(*, actor: User, person: Person, employer: Employer, ended_on: date, reason: str, case=None,
                   note: str = "") -> StatusPeriod:
    """End an employment on separation; whether it was involuntary follows from the reason."""
    person = _lock(person)
    if reason not in SEPARATION_REASONS:
        raise EmploymentError(_("Choose why the employment ended."), code="reason")
    current = current_period(person=person, for_update=True)
    if current is None or current.kind != StatusKind.EMPLOYED or current.employer_id != employer.pk:
        raise EmploymentError(_("The person is not registered as employed by %(employer)s.")
                              % {"employer": employer.name}, code="not_employed_here")
    if ended_on < current.started_on:
        raise EmploymentError(_("The employment cannot end before it started (%(date)s).")
                              % {"date": f"{current.started_on:%Y-%m-%d}"}, code="date")
    current.ended_on, current.end_reason, current.closed_by_case = ended_on, reason, case
    current.involuntary = benefit_rules.is_involuntary(reason)
    if note:
        current.details = {**current.details, "separation_note": note}
    current.save(update_fields=["ended_on", "end_reason", "involuntary", "closed_by_case", "details", "updated_at"])
    prompts_prejudge(person=person, actor=actor)
    return current


@transaction.atomic
def unemployment_register(*, actor: User, person: Person, registered_on: date, case=None,
                          details: dict | None = None) -> StatusPeriod:
    """Register a person of working age who is not employed and wants work (失业登记). Refused with the
    reason when an employment is open or an employer pays contributions for them this month."""
    person = _lock(person)
    refused = [c for c in eligibility.unemployment_registration(person, registered_on) if c.is_error]
    if refused:
        raise EmploymentError(clauses(labelled(c.label, c.detail) if c.detail else c.label for c in refused),
                              code="refused")
    period = _open(person=person, kind=StatusKind.UNEMPLOYED, start=registered_on, actor=actor, case=case,
                   details=details)
    prompts_prejudge(person=person, actor=actor)
    return period


@transaction.atomic
def flexible_register(*, actor: User, person: Person, start: date, case=None,
                      details: dict | None = None) -> StatusPeriod:
    """Register flexible employment (灵活就业): ends an unemployment registration, stops a live benefit; the
    difficulty rules are judged again (a difficulty person is prompted towards the social-insurance subsidy)."""
    person = _lock(person)
    _start_ok(start)
    current = current_period(person=person)
    if current is not None and current.kind in (StatusKind.EMPLOYED, StatusKind.FLEXIBLE):
        raise EmploymentError(_("An employment is registered as open: %(current)s")
                              % {"current": describe_period(current)}, code="employed")
    period = _open(person=person, kind=StatusKind.FLEXIBLE, start=start, actor=actor, case=case, details=details)
    _stop_benefit(person, on=start, actor=actor)
    prompts_prejudge(person=person, actor=actor)
    return period


@transaction.atomic
def flexible_end(*, actor: User, person: Person, ended_on: date, case=None) -> StatusPeriod:
    person = _lock(person)
    current = current_period(person=person, for_update=True)
    if current is None or current.kind != StatusKind.FLEXIBLE:
        raise EmploymentError(_("The person is not registered as flexibly employed."), code="not_flexible")
    if ended_on < current.started_on:
        raise EmploymentError(_("The employment cannot end before it started (%(date)s).")
                              % {"date": f"{current.started_on:%Y-%m-%d}"}, code="date")
    current.ended_on, current.end_reason, current.closed_by_case = ended_on, EndReason.OWN_REQUEST, case
    current.save(update_fields=["ended_on", "end_reason", "closed_by_case", "updated_at"])
    prompts_prejudge(person=person, actor=actor)
    return current
