"""Criteria of unemployment benefit: registered unemployed, involuntary separation, a year of unemployment
insurance (read from insurance, not declared), no live entitlement; and what the entitlement would be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Person
from employment.eligibility.common import describe_period, no_employer_paying, not_pensioner
from employment.exceptions import EmploymentError
from employment.models import BenefitClaim, EndReason, StatusKind, StatusPeriod
from employment.rules import benefits as rules
from employment.rules.months import add_months, month_start
from employment.selectors import facts
from employment.selectors.benefits import live_claim, previous_claim
from employment.selectors.reference import RuleBook
from employment.selectors.status import current_period, last_employment
from workflow.registry import Check

CARRY_OVER = (BenefitClaim.StopReason.RE_EMPLOYED, BenefitClaim.StopReason.EMPLOYER_CONTRIBUTIONS,
              BenefitClaim.StopReason.OWN_REQUEST)


@dataclass(frozen=True)
class Entitlement:
    """What a claim made now would give."""

    contribution_months: int
    counted_since: date | None
    new_months: int
    carried_months: int
    months: int
    separated_on: date | None
    first_month: date
    monthly_amount: object  # Decimal, or None when the rule table lacks a figure
    amount_basis: dict


def entitlement(person: Person, day: date, separation: StatusPeriod | None, book: RuleBook) -> Entitlement:
    """Contribution months counted afresh after a previous entitlement; its unused months carried over."""
    previous = previous_claim(person=person)
    since = None
    carried = 0
    if previous is not None:
        since = previous.stopped_on or add_months(previous.last_month, 1)
        carried = previous.unused_months if previous.stop_reason in CARRY_OVER else 0
    months = facts.insurance_months(person=person, start=since)
    new = rules.duration_months(months)
    # The benefit starts with the month of the application, never before the month after the separation.
    first = month_start(day)
    if separation is not None and separation.ended_on is not None:
        first = max(first, add_months(month_start(separation.ended_on), 1))
    try:
        amount, basis = book.benefit_amount(first)
    except EmploymentError:
        amount, basis = None, {}
    return Entitlement(months, since, new, carried, rules.combined_months(new, carried) if new else 0,
                       separation.ended_on if separation else None, first, amount, basis)


def benefit(person: Person, day: date, book: RuleBook | None = None) -> tuple[list[Check], Entitlement]:
    book = book or RuleBook()
    period = current_period(person=person)
    separation = last_employment(person=person)
    ended = separation is not None and separation.ended_on is not None
    involuntary = ended and bool(separation.involuntary)
    right = entitlement(person, day, separation if ended else None, book)
    claim = live_claim(person=person)
    reason = EndReason(separation.end_reason).label if ended and separation.end_reason else ""
    checks = [
        Check(code="registered_unemployed", label=_("Registered as unemployed"),
              passed=period is not None and period.kind == StatusKind.UNEMPLOYED,
              detail=describe_period(period) if period is not None else gettext("No status is registered."),
              data={"status": period.kind if period else ""}),
        Check(code="involuntary_separation", label=_("The last employment ended involuntarily"), passed=involuntary,
              detail=(gettext("%(employer)s, ended %(date)s: %(reason)s.") % {
                  "employer": separation.employer.name, "date": f"{separation.ended_on:%Y-%m-%d}", "reason": reason})
              if ended else gettext("No ended employment is registered."),
              data={"employer_id": separation.employer_id if separation else None,
                    "ended_on": separation.ended_on.isoformat() if ended else None,
                    "reason": separation.end_reason if ended else ""}),
        Check(code="insured_a_year", label=_("Unemployment insurance paid for at least 12 months"),
              passed=rules.contribution_met(right.contribution_months),
              detail=(gettext("%(months)s months paid since %(date)s (insurance records).") % {
                  "months": right.contribution_months, "date": f"{right.counted_since:%Y-%m-%d}"})
              if right.counted_since else
              gettext("%(months)s months paid (insurance records).") % {"months": right.contribution_months},
              data={"months": right.contribution_months,
                    "since": right.counted_since.isoformat() if right.counted_since else None}),
        Check(code="no_live_benefit", label=_("Not already drawing unemployment benefit"), passed=claim is None,
              detail=gettext("Granted from %(month)s.") % {"month": f"{claim.first_month:%Y-%m}"} if claim else ""),
        no_employer_paying(person, day),
        not_pensioner(person),
        Check(code="amount_set", label=_("The benefit level and the minimum wage are set"),
              passed=right.monthly_amount is not None, data=right.amount_basis),
    ]
    if right.months and right.monthly_amount is not None:
        checks.append(Check(
            code="entitlement", label=_("Entitlement"), passed=True, blocking=False,
            detail=gettext("%(months)s months (%(new)s from contributions, %(carried)s carried over) at "
                               "%(amount)s a month from %(first)s.") % {
                "months": right.months, "new": right.new_months, "carried": right.carried_months,
                "amount": right.monthly_amount, "first": f"{right.first_month:%Y-%m}"},
            data={"months": right.months, "new_months": right.new_months, "carried_months": right.carried_months,
                  "monthly_amount": str(right.monthly_amount), "first_month": right.first_month.isoformat(),
                  **right.amount_basis}))
    return checks, right
