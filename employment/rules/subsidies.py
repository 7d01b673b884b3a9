"""Employment subsidies: the conditions each rests on and the amounts, as pure functions.

The figures (amounts, required contribution months, effective dates) are rows of the rule table
(employment.models.SubsidyRule); these functions apply them.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from employment.rules.months import add_months, months_between

# Flexible-employment social-insurance subsidy (unverified; 财社〔2017〕164号): at most 2/3 of the
# contributions actually paid, for at most 3 years; people within 5 years of retirement until they retire.
FLEXIBLE_SHARE = Decimal(2) / Decimal(3)
FLEXIBLE_MAX_MONTHS = 36
# The employer's subsidy for hiring a difficulty person: at most 3 years per person (财社〔2017〕164号; the 5-year
# variant for those near retirement is not implemented).
HIRING_MONTHS_MAX = 36
NEAR_RETIREMENT_YEARS = 5


def insurance_months_met(paid_months: int, required_months: int) -> bool:
    """The unemployment-insurance months the subsidy requires are paid (0 required: exempt)."""
    return paid_months >= required_months


def amount(unit_amount: Decimal, quantity: int = 1) -> Decimal:
    return (Decimal(unit_amount) * quantity).quantize(Decimal("0.01"))


def flexible_amount(contributions_paid: Decimal) -> Decimal:
    """Two thirds of what the person paid, rounded down to the fen (never more than the share)."""
    return (Decimal(contributions_paid) * FLEXIBLE_SHARE).quantize(Decimal("0.01"), ROUND_DOWN)


def flexible_months_allowed(*, first_subsidised: date | None, applying_from: date, retirement: date) -> int:
    """How many months of subsidy are still open, counted from the first month ever subsidised.

    3 years from the first month; for someone within 5 years of retirement at that first month, until
    the month before retirement instead (when that is longer)."""
    first = first_subsidised or applying_from
    end = add_months(first, FLEXIBLE_MAX_MONTHS - 1)
    near = retirement <= date(first.year + NEAR_RETIREMENT_YEARS, first.month, 1)
    if near:
        end = max(end, add_months(retirement.replace(day=1), -1))
    return months_between(applying_from, end)


def months_overlap(a_first: date, a_last: date, b_first: date, b_last: date) -> bool:
    return a_first <= b_last and b_first <= a_last
