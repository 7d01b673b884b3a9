"""The one-form new-hire registration (社保就业一体登记) and separation: employment and insurance together, all or
nothing, through the same registered services (and so the same cases, checks and receipts) as the counter."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.exceptions import AccountsError
from accounts.identifiers import names_match, parse_id_number
from accounts.models import Employer, Person, User
from accounts.selectors import person_by_id_number, region_deepest_for_code
from accounts.services import person_create
from insurance.models import Enrolment
from portal.employer.exceptions import EmployerError
from portal.employer.selectors.employees import employee_state
from portal.employer.services.common import accept_all, service_data
from workflow.models import Case
from workflow.registry import Check

REGISTRATION, ENROL = "employment.registration", "insurance.enrol"
SEPARATION, ENROL_END = "employment.separation", "insurance.enrol_end"


@dataclass(frozen=True)
class Outcome:
    person: Person
    cases: list[Case]
    prompts: list[Check]  # what the checks raised for information (e.g. "unemployment benefit stops")
    created: bool = False  # the person was new to the registry


def _person(*, actor: User, employer: Employer, id_number: str, name: str, phone: str) -> tuple[Person, bool]:
    """The registered person, whose name must match; or a new one (their phone is then required)."""
    person = person_by_id_number(id_number=id_number)
    name = name.strip()
    if person is not None:
        if not names_match(name, person.name):
            raise EmployerError(_("The name does not match the identity number."), code="name", field="name")
        return person, False
    if not phone:
        raise EmployerError(_("This person is not registered yet: give their mobile number too."), code="phone",
                            field="phone")
    number = parse_id_number(id_number).number
    hukou = region_deepest_for_code(code=number)
    # The place that issued the number stands for the hukou until the person updates it at a hall; a person from
    # outside the city is placed where they work, so that their own cases have a district to go to.
    residence = None if hukou.in_city else employer.region
    try:
        return person_create(actor=actor, id_number=number, name=name, phone=phone, hukou_region=hukou,
                             residence_region=residence), True
    except (AccountsError, ValidationError) as exc:
        message = exc.message if isinstance(exc, AccountsError) else " ".join(exc.messages)
        raise EmployerError(message, code="person") from exc


@transaction.atomic
def new_hire_register(*, actor: User, employer: Employer, id_number: str, name: str, start: date, wage: Decimal,
                      types: Iterable[str], contract: str, position: str = "", phone: str = "") -> Outcome:
    """Register a new hire's employment and enrol them in each insurance type in one transaction.

    Every condition of both services is checked before anything is written; a refusal lists all the reasons and
    leaves nothing behind (not even a person created for the occasion). What is already in place here is skipped:
    an employment registered at the counter is not registered again, types already insured are not enrolled again.
    """
    person, created = _person(actor=actor, employer=employer, id_number=id_number, name=name, phone=phone)
    if person.is_deceased:
        raise EmployerError(_("This person is recorded as deceased."), code="deceased")
    state = employee_state(employer=employer, person=person)
    wanted = list(dict.fromkeys(types))
    missing = [kind for kind in wanted if kind not in state.types]
    if state.period is not None and not missing:
        raise EmployerError(_("%(name)s is already registered as employed and insured here.") % {"name": person.name},
                            code="already")
    plan = []
    context = {"actor": actor, "employer": employer, "person": person}
    if state.period is None:
        plan.append((REGISTRATION, service_data(REGISTRATION, {
            "started_on": start.isoformat(), "contract": contract, "position": position}, **context)))
    if missing:
        plan.append((ENROL, service_data(ENROL, {
            "types": missing, "started_on": f"{start:%Y-%m}", "wage": str(wage)}, **context)))
    cases, prompts = accept_all(plan, **context)
    return Outcome(person=person, cases=cases, prompts=prompts, created=created)


@transaction.atomic
def separation_register(*, actor: User, employer: Employer, person: Person, ended_on: date, reason: str,
                        note: str = "") -> Outcome:
    """End an employee's employment here and their insurance through this employer, together or not at all."""
    state = employee_state(employer=employer, person=person)
    plan = []
    context = {"actor": actor, "employer": employer, "person": person}
    if state.period is not None:
        plan.append((SEPARATION, service_data(SEPARATION, {
            "ended_on": ended_on.isoformat(), "reason": reason, "note": note}, **context)))
    if state.enrolments:
        plan.append((ENROL_END, service_data(ENROL_END, {
            "ended_on": ended_on.isoformat(), "reason": Enrolment.EndReason.LEFT_EMPLOYER.value}, **context)))
    if not plan:
        raise EmployerError(_("%(name)s is neither registered as employed nor insured here.") % {"name": person.name},
                            code="not_here")
    cases, prompts = accept_all(plan, **context)
    return Outcome(person=person, cases=cases, prompts=prompts)
