"""Retirement and pensions: assessing a retirement, granting the pension, proof of life, stopping it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Person, User
from accounts.text import enumeration, recorded
from insurance.exceptions import InsuranceError
from insurance.models import Enrolment, Pension, ProofMethod, ProofOfLife
from insurance.notifications import sms
from insurance.rules import proof as proof_rules
from insurance.rules.months import add_months, age_on, month_start
from insurance.rules.pension import Estimate, average_index, pension_estimate
from insurance.rules.proof import Evidence
from insurance.rules.retirement import Assessment, assess_retirement
from insurance.selectors.contributions import pension_record
from insurance.selectors.reference import ReferenceBook, age_schedule
from insurance.services.enrolment import enrolments_close_all
from workflow.sms import sms_kind_register

APPROVED_TEXT = sms_kind_register("insurance.retired", gettext_lazy(
    "Retirement approval passed. Your pension of %(amount)s yuan a month is paid from %(month)s."))
RESUMED_TEXT = sms_kind_register("insurance.proof-resumed", gettext_lazy(
    "Proof of life received; your pension is paid again."))

# Why a pension changed, as its history records it (in the bureau's record language).
GRANTED = gettext_lazy("Pension granted")
PROVED = gettext_lazy("Proof of life recorded")
PROVED_RESUMED = gettext_lazy("Proof of life recorded: payment resumed")
STOPPED = gettext_lazy("Payment stopped: %(reason)s")


def retirement_group(person: Person, female_group: str = "") -> str:
    """The retirement-age group: men, or women by their original age (50 for worker posts, else 55)."""
    if person.sex == Person.Sex.MALE:
        return "male"
    return female_group if female_group in ("female_50", "female_55") else "female_55"


@dataclass(frozen=True)
class RetirementFacts:
    assessment: Assessment
    months: int
    index: object
    assumed_years: list[int]
    balance: object


def retirement_assess(*, person: Person, on: date, group: str, employer_agrees_late: bool = False,
                      book: ReferenceBook | None = None) -> RetirementFacts:
    """Whether a person may retire on a date, and the facts the pension will rest on (a few queries)."""
    book = book or ReferenceBook()
    carried, monthly, balance = pension_record(person=person)
    assumed = sorted({m.year for m, _base in monthly if book.average_wage(m) is None})
    pairs = [(base, book.average_wage(m) or base) for m, base in monthly]
    months, index = average_index(monthly=pairs, carried_months=carried.pension_months if carried else 0,
                                  carried_index=carried.average_index if carried else 0)
    assessment = assess_retirement(birth=person.birth_date, schedule=age_schedule(group, book.schedules), on=on,
                                   contribution_months=months, employer_agrees_late=employer_agrees_late,
                                   minimum_table=book.minimum_table)
    return RetirementFacts(assessment=assessment, months=months, index=index, assumed_years=assumed, balance=balance)


def pension_estimate_for(person: Person, on: date, facts: RetirementFacts,
                         book: ReferenceBook) -> tuple[Estimate, list, object]:
    found = book.calculation_base(on.year)
    if found is None:
        raise InsuranceError(_("No pension calculation base is set."), code="no_base")
    base_year, calculation_base = found
    notes = []
    if base_year != on.year:
        notes.append(_("The %(year)s calculation base is used: that of %(now)s is not on record.")
                     % {"year": base_year, "now": on.year})
    if facts.assumed_years:
        notes.append(_("No average wage on record for %(years)s: those months count at index 1.")
                     % {"years": enumeration(map(str, facts.assumed_years))})
    years, months = age_on(person.birth_date, on)
    if years not in book.divisors:
        raise InsuranceError(_("No months divisor for age %(age)s.") % {"age": years}, code="no_divisor")
    estimate = pension_estimate(calculation_base=calculation_base, index=facts.index, months=facts.months,
                                account_balance=facts.balance, age_years=years, age_months=months,
                                divisors=book.divisors)
    return estimate, notes, calculation_base


@transaction.atomic
def pension_grant(*, person: Person, actor: User, retirement_date: date, group: str,
                  employer_agrees_late: bool = False, case=None) -> Pension:
    """Approve a retirement: the person becomes a pensioner with the estimate by the published formula, the
    enrolments end, and the SMS "退休审批已通过" goes out."""
    Person.objects.select_for_update().get(pk=person.pk)
    if Pension.objects.filter(person=person).exists():
        raise InsuranceError(_("This person already receives a pension."), code="pensioner")
    book = ReferenceBook()
    facts = retirement_assess(person=person, on=retirement_date, group=group,
                              employer_agrees_late=employer_agrees_late, book=book)
    if not facts.assessment.ok:
        raise InsuranceError(_("The retirement conditions are not met (%(reason)s).")
                             % {"reason": facts.assessment.reason}, code=facts.assessment.reason)
    estimate, notes, calculation_base = pension_estimate_for(person, retirement_date, facts, book)
    today = timezone.localdate()
    years, months = age_on(person.birth_date, retirement_date)
    pension = Pension(
        person=person, case=case, retirement_date=retirement_date,
        starts_month=add_months(month_start(retirement_date), 1), age_years=years, age_months=months,
        contribution_months=facts.months, average_index=facts.index, calculation_base=calculation_base,
        account_balance=facts.balance, divisor=estimate.divisor, basic_amount=estimate.basic,
        account_amount=estimate.account, monthly_amount=estimate.monthly, notes=[str(n) for n in notes],
        last_proof_on=today, next_proof_due=proof_rules.next_due(today))
    pension._history_user, pension._change_reason = actor, recorded(GRANTED)
    pension.save()
    enrolments_close_all(actor=actor, person=person, on=retirement_date, reason=Enrolment.EndReason.RETIRED)
    sms(key=f"retired:{pension.pk}", phone=person.phone, text=APPROVED_TEXT, case=case,
        params={"amount": estimate.monthly, "month": f"{pension.starts_month:%Y-%m}"})
    return pension


def _save(pension: Pension, actor: User, reason) -> None:
    pension._history_user, pension._change_reason = actor, recorded(reason)
    pension.save()


@transaction.atomic
def proof_of_life_record(*, person: Person, method: str, actor: User, case=None, office=None,
                         evidence: Evidence | None = None) -> ProofOfLife:
    """A pensioner proved they are alive by `method` (a ProofMethod code: what really happened), which the bureau
    must count as proof of life: the next proof is due in 12 months; a suspended pension resumes. `office` is the
    hall or point where staff witnessed it; `evidence` the record a silent certification rests on (the proof then
    dates from that record, not from today)."""
    pension = Pension.objects.select_for_update().filter(person=person).first()
    if pension is None or pension.status == Pension.Status.STOPPED:
        raise InsuranceError(_("This person receives no pension."), code="not_pensioner")
    found = ProofMethod.objects.filter(code=method).first()
    if found is None or not found.counts:
        raise InsuranceError(_("This method does not count as proof of life."), code="method_not_counted")
    now = timezone.now()
    today = timezone.localdate(now)
    proved_on, proved_at = (evidence.on, evidence.at) if evidence else (today, now)
    proof = ProofOfLife.objects.create(
        pension=pension, method=found, proved_at=proved_at, recorded_by=actor, case=case, office=office,
        evidence_kind=evidence.kind if evidence else "", evidence_ref=evidence.ref if evidence else "",
        evidence_on=evidence.on if evidence else None)
    resumed = pension.status == Pension.Status.SUSPENDED
    if proved_on >= pension.last_proof_on:
        pension.last_proof_on, pension.next_proof_due = proved_on, proof_rules.next_due(proved_on)
    if resumed and pension.next_proof_due >= today:
        pension.status, pension.suspended_on = Pension.Status.ACTIVE, None
    else:
        resumed = False
    _save(pension, actor, PROVED_RESUMED if resumed else PROVED)
    if resumed:
        sms(key=f"proof-resumed:{pension.pk}:{today:%Y%m%d}", phone=person.phone, text=RESUMED_TEXT, case=case)
    return proof


@transaction.atomic
def pension_stop(*, person: Person, actor: User, on: date, reason) -> Pension | None:
    """Stop paying a pension; `reason` (a lazy text) is recorded in the bureau's record language."""
    pension = Pension.objects.select_for_update().filter(person=person).first()
    if pension is None or pension.status == Pension.Status.STOPPED:
        return pension
    reason = recorded(reason)
    pension.status, pension.stopped_on, pension.stop_reason = Pension.Status.STOPPED, on, reason[:100]
    _save(pension, actor, (recorded(STOPPED) % {"reason": reason})[:100])
    return pension
