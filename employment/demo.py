"""Demo data of employment services (after insurance's demo; running it twice changes nothing).

It reads the insurance demo through insurance.selectors, so that the two agree: everyone an employer pays for
now is registered as employed by that employer since its first month; those an employer stopped paying for
are separated (most involuntarily) and registered unemployed; flexible-employment payers are flexibly
employed. Then, through the real services and cases: benefit recipients with months paid (one of them caught
by the fraud check), never-insured job seekers, employment-difficulty persons from civil affairs' lists,
a flexible-employment subsidy, and subsidies paid from each fund.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Employer, Person, User
from accounts.selectors import staff_of_office
from accounts.services import person_set_household_facts, system_user
from employment.models import BenefitClaim, Payment, StatusKind, StatusPeriod
from employment.rules import ages
from employment.rules.months import add_months, iter_months, month_end, month_start
from employment.selectors import facts
from employment.services import (
    benefit_payments_generate,
    employment_end,
    employment_register,
    flexible_register,
    fraud_sweep,
    payment_result_record,
    unemployment_register,
)
from employment.services.batch_results import payee_account_set
from workflow.exceptions import WorkflowError
from workflow.services import case_accept, case_approve, case_claim

logger = logging.getLogger(__name__)

SINCE = date(1990, 1, 1)
INVOLUNTARY = ("contract_expired", "dismissed", "employer_closed", "employer_proposed")
DEMO_ACCOUNT = "62220202001{:08d}"
# The districts whose back offices have demo reviewers (河口区, 东营区): their cases are decided in the demo.
REVIEWED_DISTRICTS = ("370503", "370502")


def _apply(code: str, clerk: User, *, person=None, employer=None, **data):
    """A case accepted at the clerk's window; None (logged) when the rules refuse it."""
    try:
        return case_accept(service_code=code, actor=clerk, channel="counter", person=person, employer=employer,
                           data=data)
    except WorkflowError as exc:
        logger.warning("demo: %s for %s %s refused: %s", code, "person" if person else "employer",
                       (person or employer).pk, exc.message)
        return None


def _decide(case) -> bool:
    """Approve a routed case by a reviewer of its back office, when the demo has one there."""
    if case is None:
        return False
    reviewer = next((u for u in staff_of_office(office=case.jurisdiction_office)
                     if u.has_perm("workflow.review_case")), None)
    if reviewer is None:
        return False
    case_claim(case=case, actor=reviewer)
    case_approve(case=case, actor=reviewer, note="演示数据")
    return True


def _reviewed(person: Person) -> bool:
    return person.hukou_region.path[:6] in REVIEWED_DISTRICTS


def _paid(payments) -> None:
    actor = system_user()
    for reference in payments.filter(status=Payment.Status.PENDING).values_list("reference", flat=True):
        payment_result_record(actor=actor, reference=reference, status=Payment.Status.PAID)


def _registrations(persons: list[Person], today: date, actor: User) -> dict[str, list]:
    """Employment records as insurance's contributions tell them."""
    groups: dict[str, list] = {"employed": [], "separated": [], "flexible": [], "never": []}
    last_paid = add_months(month_start(today), -2)
    employers = Employer.objects.in_bulk()
    for i, person in enumerate(persons):
        if (not ages.is_working_age(person.birth_date, today, facts.retirement_date(person=person))
                or facts.is_pensioner(person=person)):
            continue
        jobs = facts.employers_since(person=person, since=SINCE, until=month_end(today))
        spells = sorted((months[0], months[-1], employer_id) for employer_id, months in jobs.items())
        for n, (first, last, employer_id) in enumerate(spells):
            employer = employers[employer_id]
            employment_register(actor=actor, person=person, employer=employer, start=first)
            if n < len(spells) - 1 or last < last_paid:
                reason = "resigned" if i % 7 == 0 else INVOLUNTARY[i % len(INVOLUNTARY)]
                employment_end(actor=actor, person=person, employer=employer, ended_on=month_end(last),
                               reason=reason)
        if spells and spells[-1][1] >= last_paid:
            groups["employed"].append(person)
        elif spells:
            groups["separated"].append(person)
        elif facts.is_flexibly_insured(person=person):
            since = facts.enrolment_status(person=person)["pension"]["since"]
            flexible_register(actor=actor, person=person, start=since)
            groups["flexible"].append(person)
        elif ages.age_on(person.birth_date, today) >= 18:
            groups["never"].append(person)
    return groups


def _separate_recently(employed: list[Person], today: date, actor: User, count: int = 6) -> list[Person]:
    """A few employees of the districts with demo reviewers leave at the end of last month, the last month their
    employer paid (insurance's end of enrolment typically follows later)."""
    last = add_months(month_start(today), -1)
    chosen = []
    for i, person in enumerate(employed):
        if len(chosen) == count:
            break
        if not _reviewed(person) or facts.insurance_months(person=person) < 12:
            continue
        period = StatusPeriod.objects.get(person=person, ended_on__isnull=True)
        if last not in facts.employers_in_month(person=person, month=last).get(period.employer_id, []):
            continue
        employment_end(actor=actor, person=person, employer=period.employer, ended_on=month_end(last),
                       reason=INVOLUNTARY[i % len(INVOLUNTARY)])
        chosen.append(person)
    return chosen


def _benefits(separated: list[Person], today: date, clerk: User) -> list[BenefitClaim]:
    """The separated register as unemployed; the involuntarily separated with a year insured claim benefit,
    paid from the month after their separation."""
    claims = []
    for i, person in enumerate(separated):
        period = StatusPeriod.objects.filter(person=person).order_by("-started_on").first()
        unemployment_register(actor=system_user(), person=person,
                              registered_on=min(period.ended_on + timedelta(days=1 + i % 9), today))
        if not period.involuntary or facts.insurance_months(person=person) < 12:
            continue
        case = _apply("employment.benefit", clerk, person=person, bank_account=DEMO_ACCOUNT.format(person.pk),
                      bank="中国工商银行东营分行")
        if not _decide(case):
            continue  # no reviewer in that district's demo office: the application waits in its queue
        claim = BenefitClaim.objects.get(case=case)
        first = add_months(month_start(period.ended_on), 1)
        BenefitClaim.objects.filter(pk=claim.pk).update(
            first_month=first, last_month=add_months(first, claim.entitled_months - 1))
        for month in iter_months(first, month_start(today)):
            benefit_payments_generate(month=month, claims=[claim.pk])
        _paid(claim.payments.filter(month__lt=month_start(today)))
        claim.refresh_from_db()
        claims.append(claim)
    return claims


def _fraud(claims: list[BenefitClaim], today: date) -> None:
    """One recipient took a job in a month already paid and registered it late: the sweep flags the month."""
    paid = [c for c in claims if c.payments.filter(status=Payment.Status.PAID).exists()]
    if not paid:
        return
    claim = next((c for c in paid if c.status != BenefitClaim.Status.ACTIVE), paid[0])
    month = claim.payments.filter(status=Payment.Status.PAID).order_by("-month").values_list("month", flat=True)[0]
    employer = Employer.objects.exclude(employment_periods__person=claim.person).order_by("pk").first()
    employment_register(actor=system_user(), person=claim.person, employer=employer, start=month + timedelta(days=9))
    fraud_sweep()


def _job_seekers(never: list[Person], today: date, actor: User) -> list[Person]:
    """Never insured, registered unemployed: some for over a year."""
    seekers = never[:8]
    for i, person in enumerate(seekers):
        unemployment_register(actor=actor, person=person, registered_on=today - timedelta(days=30 + 70 * i))
    return seekers


def _difficulty(seekers: list[Person], flexible: list[Person], today: date, clerk: User, actor: User) -> None:
    """Civil affairs' lists raise prompts; two determinations decided, one flexible worker subsidised."""
    listed = sorted(seekers, key=lambda p: not _reviewed(p))[:3]
    for person, facts_ in zip(listed, ({"low_income": True}, {"disabled": True}, {"zero_employment": True}),
                              strict=False):
        person_set_household_facts(actor=actor, person=person, source="民政数据交换（演示）", **facts_)
    for person in listed[:2]:
        _decide(_apply("employment.difficulty", clerk, person=Person.objects.get(pk=person.pk)))
    if not flexible:
        return
    worker = Person.objects.get(pk=sorted(flexible, key=lambda p: not _reviewed(p))[0].pk)
    worker, _changed = person_set_household_facts(actor=actor, person=worker, low_income=True,
                                                  source="民政数据交换（演示）")
    if _decide(_apply("employment.difficulty", clerk, person=worker)):
        last = add_months(month_start(today), -1)
        case = _apply("employment.subsidy_flexible_insurance", clerk, person=worker,
                      first_month=f"{add_months(last, -2):%Y-%m}", last_month=f"{last:%Y-%m}")
        _decide(case)


def _subsidies(groups: dict[str, list], clerk: User) -> None:
    """Subsidies from each fund, most of them paid by the bank."""
    for n, person in enumerate([p for p in groups["never"] if _reviewed(p)][-2:]):
        case = _apply("employment.subsidy_startup_training", clerk, person=person, certificate=f"SYB2026{n:04d}",
                      course="SYB 创业培训")
        _decide(case)
    insured = [p for p in groups["employed"] if _reviewed(p) and facts.insurance_months(person=p) >= 12][:3]
    for n, person in enumerate(insured):
        case = _apply("employment.subsidy_vocational_training", clerk, person=person, certificate=f"ZY2026{n:04d}",
                      course="电工", level=("primary", "intermediate", "advanced")[n])
        _decide(case)
    startup = Employer.objects.filter(region__code="370503").order_by("pk").first()
    hired = StatusPeriod.objects.filter(employer=startup, kind=StatusKind.EMPLOYED, ended_on__isnull=True)
    numbers = list(hired.order_by("person_id").values_list("person__id_number", flat=True)[:2])
    if startup is not None and numbers:
        _decide(_apply("employment.subsidy_startup_jobs", clerk, employer=startup, hired="\n".join(numbers)))
    _paid(Payment.objects.filter(grant__isnull=False, grant__subsidy__in=["startup_training", "vocational_training"]))


@transaction.atomic
def _pension_accounts(actor: User) -> None:
    """Pensioners of the reviewed districts are paid into ICBC accounts (with the benefit recipients, whose account
    came with their application): the demo's reviewer can prepare a batch of both at once."""
    pensioners = (Person.objects.filter(pension__isnull=False, payee_account__isnull=True)
                  .select_related("hukou_region").order_by("pk"))
    for person in pensioners:
        if _reviewed(person):
            payee_account_set(actor=actor, person=person, bank="ICBC", number=f"62220202002{person.pk:08d}",
                              holder_name=person.name)


def seed() -> dict:
    persons = list(Person.objects.filter(date_of_death__isnull=True).select_related("hukou_region").order_by("pk")[:200])
    clerk = User.objects.filter(username="clerk").first()
    if not persons or clerk is None or StatusPeriod.objects.exists():
        return {}
    today, actor = timezone.localdate(), system_user()
    groups = _registrations(persons, today, actor)
    recent = _separate_recently(groups["employed"], today, actor)
    groups["employed"] = [p for p in groups["employed"] if p not in recent]
    groups["separated"] += recent
    claims = _benefits(groups["separated"], today, clerk)
    _fraud(claims, today)
    seekers = _job_seekers(groups["never"], today, actor)
    _difficulty(seekers, groups["flexible"], today, clerk, actor)
    _subsidies(groups, clerk)
    _pension_accounts(actor)
    return {key: len(value) for key, value in groups.items()} | {"benefits": len(claims)}
