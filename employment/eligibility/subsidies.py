"""Criteria of each subsidy, cross-checked against the registry and insurance (not declared by the applicant),
and the amount the rule table gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Employer, Person
from accounts.text import enumeration, labelled
from employment.eligibility.common import describe_period
from employment.models import StatusKind, Subsidy, SubsidyGrant, SubsidyRule
from employment.rules import subsidies as rules
from employment.rules.months import month_end, months_between
from employment.selectors import facts
from employment.selectors.benefits import live_claim
from employment.selectors.reference import RuleBook
from employment.selectors.status import current_determination, current_period, status_history
from employment.selectors.subsidies import (
    flexible_subsidy_use,
    granted_before,
    hiring_subsidy_use,
    subsidy_active,
)
from workflow.registry import Check


@dataclass
class Quote:
    amount: Decimal | None = None
    quantity: int = 1
    variant: str = ""
    first_month: date | None = None
    last_month: date | None = None
    details: dict = field(default_factory=dict)


def rule_check(rule: SubsidyRule | None, subsidy: str) -> Check:
    return Check(code="rule", label=_("The amount is set in the rule table"), passed=rule is not None,
                 detail=(gettext("%(amount)s yuan %(unit)s (%(source)s)") % {
                     "amount": rule.amount, "unit": rule.get_unit_display(), "source": rule.source}) if rule else "",
                 data={"subsidy": subsidy, "amount": str(rule.amount), "unit": rule.unit, "verified": rule.verified,
                       "required_months": rule.required_insurance_months, "valid_from": rule.valid_from.isoformat()}
                 if rule else {"subsidy": subsidy})


def insurance_check(person: Person, required: int, *, since: date | None = None, code: str = "insured") -> Check:
    """Unemployment insurance paid for the months the rule requires, as insurance records them."""
    if required == 0:
        return Check(code=code, label=_("Unemployment-insurance contributions"), passed=True,
                     detail=gettext("Exempt from the unemployment-insurance check."), data={"required": 0})
    paid = facts.insurance_months(person=person, start=since)
    return Check(code=code, label=_("Unemployment insurance paid for the required months"),
                 passed=rules.insurance_months_met(paid, required),
                 detail=gettext("%(paid)s of %(required)s months paid (insurance records).") % {
                     "paid": paid, "required": required},
                 data={"paid_months": paid, "required": required, "since": since.isoformat() if since else None})


def not_granted_before(subsidy: str, *, person: Person | None = None, employer: Employer | None = None) -> Check:
    earlier = granted_before(subsidy=subsidy, person=person, employer=employer)
    return Check(code="first_time", label=_("Not granted before (a one-time subsidy)"), passed=earlier is None,
                 detail=gettext("Granted on %(date)s.") % {"date": f"{earlier.granted_at:%Y-%m-%d}"}
                 if earlier else "", data={"grant_id": earlier.pk if earlier else None})


def startup(person: Person, day: date, values: dict, book: RuleBook) -> tuple[list[Check], Quote]:
    rule = book.subsidy_rule(Subsidy.STARTUP, day)
    claim = live_claim(person=person)
    subsidised = facts.receives_insurance_subsidy(person=person, today=day) or subsidy_active(
        person=person, month=day.replace(day=1))
    business: Employer | None = values.get("business")
    checks = [
        rule_check(rule, Subsidy.STARTUP),
        insurance_check(person, rule.required_insurance_months if rule else 0),
        Check(code="no_benefit", label=_("Not drawing unemployment benefit"), passed=claim is None,
              detail=gettext("Benefit granted from %(month)s, %(amount)s a month.") % {
                  "month": f"{claim.first_month:%Y-%m}", "amount": claim.monthly_amount} if claim else "",
              data={"claim_id": claim.pk if claim else None}),
        Check(code="no_insurance_subsidy", label=_("Not receiving a social-insurance subsidy"), passed=not subsidised),
        not_granted_before(Subsidy.STARTUP, person=person),
    ]
    if business is not None:
        checks.append(Check(
            code="founder", label=_("The applicant is the business's registered legal representative"),
            passed=business.legal_representative.strip() == person.name.strip(),
            detail=labelled(business.name, business.legal_representative or "—"),
            data={"employer_id": business.pk, "credit_code": business.credit_code}))
    details = {"business": business.credit_code} if business else {}
    return checks, Quote(amount=rules.amount(rule.amount) if rule else None, details=details)


def startup_training(person: Person, day: date, values: dict, book: RuleBook) -> tuple[list[Check], Quote]:
    rule = book.subsidy_rule(Subsidy.STARTUP_TRAINING, day)
    checks = [rule_check(rule, Subsidy.STARTUP_TRAINING),
              insurance_check(person, rule.required_insurance_months if rule else 0),
              not_granted_before(Subsidy.STARTUP_TRAINING, person=person)]
    return checks, Quote(amount=rules.amount(rule.amount) if rule else None,
                         details={"certificate": values.get("certificate", "")})


def vocational_training(person: Person, day: date, values: dict, book: RuleBook) -> tuple[list[Check], Quote]:
    variants = book.subsidy_variants(Subsidy.VOCATIONAL_TRAINING, day)
    # Without a level (the criteria look-up before the form is filled in): the lowest level's criteria.
    level = values.get("level") or (variants[0].variant if variants else "")
    rule = book.subsidy_rule(Subsidy.VOCATIONAL_TRAINING, day, level)
    certificate = values.get("certificate", "")
    used = SubsidyGrant.objects.filter(subsidy=Subsidy.VOCATIONAL_TRAINING, person=person,
                                       details__certificate=certificate).exists() if certificate else False
    checks = [rule_check(rule, Subsidy.VOCATIONAL_TRAINING),
              insurance_check(person, rule.required_insurance_months if rule else 0),
              Check(code="certificate_new", label=_("The certificate was not subsidised before"), passed=not used,
                    data={"certificate": certificate})]
    return checks, Quote(amount=rules.amount(rule.amount) if rule else None, variant=level,
                         details={"certificate": certificate, "course": values.get("course", "")})


def job_referral(person: Person, day: date, values: dict, book: RuleBook) -> tuple[list[Check], Quote]:
    """The agency placed a registered unemployed person with an employer, who now insures them."""
    rule = book.subsidy_rule(Subsidy.JOB_REFERRAL, day)
    placed_on: date | None = values.get("placed_on")
    history = status_history(person=person)
    current = next((p for p in history if p.ended_on is None), None)
    employed = (current is not None and current.kind == StatusKind.EMPLOYED and placed_on is not None
                and current.started_on >= placed_on)
    before = [p for p in history if current is not None and p.pk != current.pk and p.ended_on is not None
              and p.ended_on <= current.started_on]
    was_unemployed = bool(before) and before[0].kind == StatusKind.UNEMPLOYED
    checks = [
        rule_check(rule, Subsidy.JOB_REFERRAL),
        Check(code="placed", label=_("Employed since the placement"), passed=employed,
              detail=describe_period(current) if current else gettext("No status is registered."),
              data={"placed_on": placed_on.isoformat() if placed_on else None}),
        Check(code="was_unemployed", label=_("Registered unemployed before the placement"), passed=was_unemployed,
              detail=describe_period(before[0]) if before else ""),
        insurance_check(person, rule.required_insurance_months if rule else 0, since=placed_on),
        not_granted_before(Subsidy.JOB_REFERRAL, person=person),
    ]
    return checks, Quote(amount=rules.amount(rule.amount) if rule else None,
                         details={"placed_on": placed_on.isoformat() if placed_on else None,
                                  "employer_id": current.employer_id if employed else None})


def startup_jobs(employer: Employer, day: date, values: dict, book: RuleBook) -> tuple[list[Check], Quote]:
    """Each hired person registered with the start-up and insured through it; each job subsidised once."""
    rule = book.subsidy_rule(Subsidy.STARTUP_JOBS, day)
    required = rule.required_insurance_months if rule else 0
    done = {pk for details in SubsidyGrant.objects.filter(subsidy=Subsidy.STARTUP_JOBS, employer=employer)
            .values_list("details", flat=True) for pk in (details or {}).get("persons", [])}
    qualifying, checks = [], [rule_check(rule, Subsidy.STARTUP_JOBS)]
    for person in values.get("hired", []):
        period = current_period(person=person)
        here = period is not None and period.kind == StatusKind.EMPLOYED and period.employer_id == employer.pk
        months = len(facts.employers_since(person=person, since=period.started_on, until=month_end(day)).get(
            employer.pk, [])) if here else 0
        ok = here and months >= required and person.pk not in done
        why = (gettext("already subsidised") if person.pk in done else
               gettext("registered here since %(date)s, insured through the employer for %(months)s months") % {
                   "date": f"{period.started_on:%Y-%m-%d}", "months": months} if here else
               gettext("not registered as employed here"))
        checks.append(Check(code=f"hired_{person.pk}", label=_("Hired person %(name)s") % {"name": person.masked_name},
                            passed=ok, blocking=False, detail=labelled(person.masked_id_number, why),
                            data={"person_id": person.pk, "insured_months": months, "required": required}))
        if ok:
            qualifying.append(person.pk)
    checks.append(Check(code="jobs", label=_("At least one job qualifies"), passed=bool(qualifying),
                        data={"qualifying": len(qualifying)}))
    return checks, Quote(amount=rules.amount(rule.amount, len(qualifying)) if rule else None,
                         quantity=max(len(qualifying), 1), details={"persons": qualifying})


def flexible_insurance(person: Person, day: date, values: dict, book: RuleBook) -> tuple[list[Check], Quote]:
    """A difficulty person in flexible employment gets back two thirds of what they paid, for a limited time."""
    rule = book.subsidy_rule(Subsidy.FLEXIBLE_INSURANCE, day)
    first, last = values.get("first_month"), values.get("last_month")
    determination = current_determination(person=person, today=day)
    period = current_period(person=person)
    flexible = (period is not None and period.kind == StatusKind.FLEXIBLE) or facts.is_flexibly_insured(person=person)
    checks = [
        rule_check(rule, Subsidy.FLEXIBLE_INSURANCE),
        Check(code="difficulty", label=_("Determined an employment-difficulty person"),
              passed=determination is not None,
              detail=gettext("Until %(date)s.") % {"date": f"{determination.valid_until:%Y-%m-%d}"}
              if determination else "", data={"categories": determination.categories if determination else []}),
        Check(code="flexible", label=_("In flexible employment"), passed=flexible,
              detail=describe_period(period) if period else ""),
    ]
    quote = Quote(first_month=first, last_month=last)
    if not (first and last):
        return checks, quote
    paid = facts.flexible_contributions(person=person, first=first, last=month_end(last))
    use = flexible_subsidy_use(person=person)
    allowed = rules.flexible_months_allowed(first_subsidised=use["first"], applying_from=first,
                                            retirement=facts.retirement_date(person=person))
    asked = months_between(first, last)
    overlap = [f"{a:%Y-%m}–{b:%Y-%m}" for a, b in use["periods"] if rules.months_overlap(first, last, a, b)]
    amount = rules.flexible_amount(paid["paid"])
    checks += [
        Check(code="paid", label=_("Flexible-employment contributions paid for these months"),
              passed=bool(paid["months"]) and paid["paid"] > 0,
              detail=gettext("%(months)s months, %(paid)s yuan paid (insurance records).") % {
                  "months": len(paid["months"]), "paid": paid["paid"]},
              data={"months": [f"{m:%Y-%m}" for m in paid["months"]], "paid": str(paid["paid"])}),
        Check(code="within_limit", label=_("Within the subsidy's time limit"), passed=asked <= allowed,
              detail=gettext("%(asked)s months asked, %(allowed)s still open.") % {"asked": asked,
                                                                                       "allowed": allowed},
              data={"asked": asked, "allowed": allowed,
                    "first_ever": use["first"].isoformat() if use["first"] else None}),
        Check(code="not_covered", label=_("The months were not subsidised before"), passed=not overlap,
              detail=enumeration(overlap)),
    ]
    quote.amount, quote.quantity = amount, max(len(paid["months"]), 1)
    quote.details = {"paid": str(paid["paid"]), "months": [f"{m:%Y-%m}" for m in paid["months"]]}
    return checks, quote


def _employs(person: Person, employer: Employer) -> tuple[bool, str]:
    """The employer employs the person: an open employment registered with it, or an open enrolment through it."""
    period = current_period(person=person)
    if period is not None and period.kind == StatusKind.EMPLOYED and period.employer_id == employer.pk:
        return True, describe_period(period)
    for enrolment in facts.enrolment_status(person=person).values():
        if enrolment["employer_id"] == employer.pk and enrolment["status"] != "ended":
            return True, gettext("Insured through the employer since %(date)s.") % {
                "date": f"{enrolment['since']:%Y-%m-%d}"}
    return False, gettext("Not registered as employed by the employer, nor insured through it.")


def hiring_insurance(person: Person, employer: Employer, day: date, values: dict,
                     book: RuleBook) -> tuple[list[Check], Quote]:
    """An employer that hires a difficulty person gets back its own part of their basic pension, medical and
    unemployment contributions actually paid, for at most 36 months per person (财社〔2017〕164号)."""
    rule = book.subsidy_rule(Subsidy.HIRING_INSURANCE, day)
    first, last = values.get("first_month"), values.get("last_month")
    determination = current_determination(person=person, today=day)
    employs, employed_detail = _employs(person, employer)
    checks = [
        rule_check(rule, Subsidy.HIRING_INSURANCE),
        Check(code="difficulty", label=_("Determined an employment-difficulty person"),
              passed=determination is not None,
              detail=gettext("Until %(date)s.") % {"date": f"{determination.valid_until:%Y-%m-%d}"}
              if determination else "", data={"categories": determination.categories if determination else []}),
        Check(code="employed", label=_("Employed by the applying employer"), passed=employs, detail=employed_detail,
              data={"employer_id": employer.pk, "credit_code": employer.credit_code}),
    ]
    quote = Quote(first_month=first, last_month=last)
    if not (first and last):
        return checks, quote
    months = facts.employer_parts_paid(pairs=[(person.pk, employer.pk)], first=first, last=month_end(last)).get(
        (person.pk, employer.pk), {})
    paid = sum(months.values(), Decimal("0.00")).quantize(Decimal("0.01"))
    earlier = hiring_subsidy_use(person=person, employer=employer)
    used = sum(months_between(a, b) for a, b in earlier)
    asked = months_between(first, last)
    overlap = [f"{a:%Y-%m}–{b:%Y-%m}" for a, b in earlier if rules.months_overlap(first, last, a, b)]
    checks += [
        Check(code="paid", label=_("Employer contributions paid for these months"), passed=paid > 0,
              detail=gettext("%(months)s months, %(paid)s yuan paid by the employer (insurance records).") % {
                  "months": len(months), "paid": paid},
              data={"months": [f"{m:%Y-%m}" for m in months], "paid": str(paid)}),
        Check(code="within_limit", label=_("Within the subsidy's time limit"),
              passed=used + asked <= rules.HIRING_MONTHS_MAX,
              detail=gettext("%(asked)s months asked, %(allowed)s still open.") % {
                  "asked": asked, "allowed": max(rules.HIRING_MONTHS_MAX - used, 0)},
              data={"asked": asked, "used": used, "max": rules.HIRING_MONTHS_MAX}),
        Check(code="not_covered", label=_("The months were not subsidised before"), passed=not overlap,
              detail=enumeration(overlap)),
    ]
    quote.amount, quote.quantity = paid, max(len(months), 1)
    quote.details = {"paid": str(paid), "months": [f"{m:%Y-%m}" for m in months],
                     "employer": employer.credit_code}
    return checks, quote


FOR_PERSON = {
    Subsidy.STARTUP: startup, Subsidy.STARTUP_TRAINING: startup_training,
    Subsidy.VOCATIONAL_TRAINING: vocational_training, Subsidy.JOB_REFERRAL: job_referral,
    Subsidy.FLEXIBLE_INSURANCE: flexible_insurance,
}


def subsidy(code: str, *, person: Person | None, employer: Employer | None, day: date, values: dict,
            book: RuleBook | None = None) -> tuple[list[Check], Quote]:
    book = book or RuleBook()
    if code == Subsidy.STARTUP_JOBS:
        return startup_jobs(employer, day, values, book)
    if code == Subsidy.HIRING_INSURANCE:
        return hiring_insurance(person, employer, day, values, book)
    return FOR_PERSON[code](person, day, values, book)
