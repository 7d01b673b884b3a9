"""Claims decided on cases: hospitalisation reimbursement, work-injury reports and recognition decisions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Employer, Person, User
from accounts.money import ZERO, MoneySum
from insurance.exceptions import InsuranceError
from insurance.models import InjuryDecision, InjuryReport, Reimbursement
from insurance.notifications import employer_phone, sms
from insurance.rules.claims import quick_report_is_late, reimbursement_amount
from insurance.selectors.reference import ReferenceBook
from workflow.sms import sms_kind_register

REIMBURSED_TEXT = sms_kind_register("insurance.reimbursed", gettext_lazy(
    "Your hospitalisation reimbursement (case %(number)s) is done: %(amount)s yuan will be paid to your "
    "social-security card account."))
DECISION_TEXT = {
    InjuryDecision.Outcome.RECOGNISED: sms_kind_register("insurance.injury-recognised", gettext_lazy(
        "Work-injury recognition decision (case %(number)s): the injury of %(name)s on %(day)s is recognised as "
        "a work injury.")),
    InjuryDecision.Outcome.NOT_RECOGNISED: sms_kind_register("insurance.injury-not-recognised", gettext_lazy(
        "Work-injury recognition decision (case %(number)s): the injury of %(name)s on %(day)s is not recognised "
        "as a work injury: %(reasons)s")),
}


def reimbursed_this_year(*, person: Person, year: int) -> Decimal:
    total = Reimbursement.objects.filter(person=person, year=year).aggregate(t=MoneySum("amount"))["t"]
    return total or ZERO


@transaction.atomic
def reimbursement_decide(*, case, actor: User, hospital: str, hospital_level: int, admitted_on: date,
                         discharged_on: date, total_cost: Decimal, eligible_cost: Decimal) -> Reimbursement:
    """Compute and record the reimbursement by the policy table (deductible, ratio by level, yearly cap)."""
    person = Person.objects.select_for_update().get(pk=case.person_id)  # the yearly cap is per person
    policy = ReferenceBook().reimbursement_policy(hospital_level, discharged_on)
    if policy is None:
        raise InsuranceError(_("No reimbursement policy covers this hospital level and date."), code="no_policy")
    year = discharged_on.year
    outcome = reimbursement_amount(eligible=eligible_cost, policy=policy,
                                   reimbursed_this_year=reimbursed_this_year(person=person, year=year))
    record = Reimbursement.objects.create(
        case=case, person=person, hospital=hospital, hospital_level=hospital_level, admitted_on=admitted_on,
        discharged_on=discharged_on, total_cost=total_cost, eligible_cost=eligible_cost,
        deductible=policy.deductible, ratio=policy.ratio, amount=outcome.amount, capped=outcome.capped,
        year=year, decided_at=timezone.now())
    sms(key=f"reimbursed:{case.pk}", phone=person.phone, text=REIMBURSED_TEXT, case=case,
        params={"number": case.number, "amount": outcome.amount})
    return record


@transaction.atomic
def injury_report_register(*, case, employer: Employer, person: Person, accident_at: datetime, place: str,
                           description: str) -> InjuryReport:
    """Register a quick report, timestamped when accepted; reports after 24 hours are flagged late."""
    reported_at = case.accepted_at
    if accident_at > reported_at:
        raise InsuranceError(_("The accident cannot lie in the future."), code="future")
    return InjuryReport.objects.create(case=case, employer=employer, person=person, accident_at=accident_at,
                                       reported_at=reported_at, place=place, description=description,
                                       late=quick_report_is_late(accident_at, reported_at))


@transaction.atomic
def injury_decision_record(*, case, actor: User, outcome: str, accident_at: datetime, reasons: str = "",
                           report: InjuryReport | None = None) -> InjuryDecision:
    """Record the recognition decision and send it to both the worker and the employer."""
    decision = InjuryDecision.objects.create(
        case=case, employer=case.employer, person=case.person, report=report, accident_at=accident_at,
        outcome=outcome, reasons=reasons, decided_at=timezone.now(), decided_by=actor)
    params = {"number": case.number, "name": case.person.name, "reasons": reasons,
              "day": f"{timezone.localtime(accident_at):%Y-%m-%d}"}
    sms(key=f"injury-decision:{case.pk}:person", phone=case.person.phone, text=DECISION_TEXT[outcome],
        params=params, case=case)
    sms(key=f"injury-decision:{case.pk}:employer", phone=employer_phone(case.employer), text=DECISION_TEXT[outcome],
        params=params, case=case)
    return decision
