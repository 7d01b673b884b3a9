"""Criteria of employment, unemployment and flexible-employment registration."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Employer, Person
from accounts.text import clauses, labelled
from employment.eligibility.common import (
    describe_period,
    no_employer_paying,
    no_open_employment,
    not_pensioner,
    working_age,
)
from employment.models import StatusKind, StatusPeriod
from employment.rules import difficulty as difficulty_rules
from employment.rules.prompts import FLEXIBLE_SUBSIDY, MAY_QUALIFY, SUGGESTS
from employment.selectors.benefits import live_claim
from employment.selectors.status import current_determination, current_period, person_facts
from employment.selectors.subsidies import subsidy_active
from workflow.registry import Check


def unemployment_registration(person: Person, day: date) -> list[Check]:
    """Working age, no pension, no open employment, no employer paying this month, not already registered."""
    period = current_period(person=person)
    registered = period is not None and period.kind == StatusKind.UNEMPLOYED
    return [
        working_age(person, day),
        not_pensioner(person),
        no_open_employment(period),
        no_employer_paying(person, day),
        Check(code="not_registered", label=_("Not already registered as unemployed"), passed=not registered,
              detail=describe_period(period) if registered else ""),
    ]


def employment_registration(person: Person, employer: Employer, start: date | None) -> list[Check]:
    """Working age on the first day, no open employment elsewhere; what the registration ends, as prompts."""
    period = current_period(person=person)
    checks = [working_age(person, start)] if start else []
    employed = period is not None and period.kind == StatusKind.EMPLOYED
    same = employed and period.employer_id == employer.pk
    checks.append(Check(
        code="not_employed_elsewhere", label=_("Not registered as employed by another employer"),
        passed=not employed or same, detail=describe_period(period) if employed and not same else "",
        data={"employer_id": period.employer_id} if employed else {}))
    checks.append(Check(code="not_registered_here", label=_("Not already registered with this employer"),
                        passed=not same, detail=describe_period(period) if same else ""))
    if period is not None and period.kind != StatusKind.EMPLOYED:
        checks.append(Check(code="ends_status", label=_("The current status ends with this registration"),
                            passed=False, blocking=False, detail=describe_period(period)))
        if start and start < period.started_on:
            checks.append(Check(code="start_after_status", label=_("Starts after the current status began"),
                                passed=False, detail=describe_period(period)))
    claim = live_claim(person=person)
    if claim is not None:
        checks.append(Check(code="benefit_stops", label=_("Unemployment benefit stops from the month work starts"),
                            passed=False, blocking=False,
                            detail=gettext("Benefit granted from %(month)s, %(amount)s a month.") % {
                                "month": f"{claim.first_month:%Y-%m}", "amount": claim.monthly_amount}))
    return checks


def separation(person: Person, employer: Employer, ended_on: date | None) -> list[Check]:
    period = current_period(person=person)
    here = period is not None and period.kind == StatusKind.EMPLOYED and period.employer_id == employer.pk
    checks = [Check(code="employed_here", label=_("Registered as employed by this employer"), passed=here,
                    detail=describe_period(period) if period is not None else "")]
    if here and ended_on:
        checks.append(Check(code="ends_after_start", label=_("Ends on or after the day it started"),
                            passed=ended_on >= period.started_on,
                            data={"started_on": period.started_on.isoformat()}))
    return checks


def flexible_registration(person: Person, day: date) -> list[Check]:
    """No open employment with an employer; then, by itself, whether the person is (or may be) an
    employment-difficulty person: prompts for the clerk towards the determination or the subsidy."""
    period = current_period(person=person)
    employed = period is not None and period.kind == StatusKind.EMPLOYED
    flexible = period is not None and period.kind == StatusKind.FLEXIBLE
    checks = [
        working_age(person, day),
        Check(code="no_employer", label=_("Not registered as employed by an employer"), passed=not employed,
              detail=describe_period(period) if employed else ""),
        Check(code="not_flexible", label=_("Not already registered as flexibly employed"), passed=not flexible,
              detail=describe_period(period) if flexible else ""),
    ]
    checks.append(difficulty_prompt(person, day, period, flexible_next=True))
    return checks


def difficulty_prompt(person: Person, day: date, period: StatusPeriod | None, *, flexible_next: bool) -> Check:
    """Determined difficulty person: prompt towards the flexible-employment social-insurance subsidy; not yet
    determined but a category matches: prompt towards the determination; else a passed, informative check."""
    determination = current_determination(person=person, today=day)
    if determination is not None:
        covered = subsidy_active(person=person, month=day.replace(day=1))
        return Check(code="difficulty_person", label=_("Employment-difficulty status"), passed=covered,
                     blocking=False, suggests="" if covered else SUGGESTS[FLEXIBLE_SUBSIDY],
                     detail=gettext("Determined until %(date)s; may claim the flexible-employment "
                                        "social-insurance subsidy.") % {
                         "date": f"{determination.valid_until:%Y-%m-%d}"},
                     data={"categories": determination.categories, "valid_until": determination.valid_until.isoformat(),
                           "subsidy_active": covered})
    facts = person_facts(person=person, today=day, period=period)
    if flexible_next:  # judged as the flexibly employed person they are becoming
        facts = difficulty_rules.PersonFacts(**{**facts.__dict__, "status": difficulty_rules.FLEXIBLE,
                                                "status_since": day})
    findings = difficulty_rules.judge(facts)
    matched = [f for f in findings if f.matched]
    return Check(code="difficulty_person", label=_("Employment-difficulty status"), passed=not matched,
                 blocking=False, suggests=SUGGESTS[MAY_QUALIFY] if matched else "",
                 detail=clauses(labelled(f.label, f.reason) for f in matched) or gettext(
                     "No employment-difficulty category applies."),
                 data={"categories": [f.code for f in matched]})


def flexibly_employed(person: Person) -> Check:
    """Only a flexible-employment registration can be ended: the open_to rule of its end."""
    period = current_period(person=person)
    flexible = period is not None and period.kind == StatusKind.FLEXIBLE
    return Check(code="flexible", label=_("Registered as flexibly employed"), passed=flexible,
                 detail=describe_period(period) if period is not None else "")


def flexible_end(person: Person) -> list[Check]:
    return [flexibly_employed(person)]
