"""Hospitalisation reimbursement and work-injury time limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from insurance.rules.contributions import ZERO, to_cent
from insurance.rules.months import add_months

QUICK_REPORT_WITHIN = timedelta(hours=24)
# 工伤保险条例 Art. 17: the employer within 30 days of the injury, the worker or family within 1 year.
EMPLOYER_APPLIES_WITHIN_DAYS = 30
WORKER_APPLIES_WITHIN_MONTHS = 12


@dataclass(frozen=True)
class Policy:
    deductible: Decimal
    ratio: Decimal
    yearly_cap: Decimal


@dataclass(frozen=True)
class Reimbursed:
    amount: Decimal
    before_cap: Decimal
    capped: bool


def reimbursement_amount(*, eligible: Decimal, policy: Policy, reimbursed_this_year: Decimal) -> Reimbursed:
    """(eligible cost - deductible) x ratio, to the cent ROUND_HALF_UP, within what the yearly cap leaves."""
    above = max(Decimal(eligible) - policy.deductible, ZERO)
    before_cap = to_cent(above * policy.ratio)
    room = max(policy.yearly_cap - Decimal(reimbursed_this_year), ZERO)
    amount = min(before_cap, room)
    return Reimbursed(amount=amount, before_cap=before_cap, capped=amount < before_cap)


def quick_report_is_late(accident_at: datetime, reported_at: datetime) -> bool:
    return reported_at - accident_at > QUICK_REPORT_WITHIN


def recognition_deadline(injury_day: date, *, by_employer: bool) -> date:
    """The last day to apply for recognition."""
    if by_employer:
        return injury_day + timedelta(days=EMPLOYER_APPLIES_WITHIN_DAYS)
    return add_months(injury_day, WORKER_APPLIES_WITHIN_MONTHS)
