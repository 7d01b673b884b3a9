"""Unemployment benefit (失业保险金): who may draw it, for how long, how much.

Duration (verified; 失业保险条例 Art. 17, 社会保险法 Art. 46): contributions of 1 to under 5 years give up
to 12 months, 5 to under 10 years 18 months, 10 years or more 24 months. After re-employment the
contribution time counts afresh, and months not drawn combine with a new entitlement, at most 24.
The monthly amount is a share of the local minimum wage (a rule table: 90%, unverified for Shandong).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from employment.rules.months import add_months

MIN_CONTRIBUTION_MONTHS = 12
MAX_MONTHS = 24
# (contribution months from, benefit months), highest first.
DURATION_STEPS = ((120, 24), (60, 18), (12, 12))

# Why an employment ended: the separations that are not the person's own choice open the right to benefit.
INVOLUNTARY_REASONS = frozenset({"contract_expired", "dismissed", "employer_closed", "employer_proposed"})


def contribution_met(months: int) -> bool:
    """Unemployment insurance paid for at least a year."""
    return months >= MIN_CONTRIBUTION_MONTHS


def duration_months(contribution_months: int) -> int:
    """Benefit months a contribution record gives (0 under a year)."""
    for threshold, months in DURATION_STEPS:
        if contribution_months >= threshold:
            return months
    return 0


def combined_months(new_months: int, carried_months: int) -> int:
    """A new entitlement plus the months not drawn last time, never more than 24."""
    return min(MAX_MONTHS, max(new_months, 0) + max(carried_months, 0))


def is_involuntary(reason: str) -> bool:
    return reason in INVOLUNTARY_REASONS


def monthly_amount(minimum_wage: Decimal, level_percent: Decimal) -> Decimal:
    """The benefit of a month: the share of the minimum wage, to the fen."""
    return (Decimal(minimum_wage) * Decimal(level_percent) / Decimal(100)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def last_month(first_month: date, months: int) -> date:
    return add_months(first_month, months - 1)


def unused_months(entitled: int, drawn: int) -> int:
    return max(entitled - drawn, 0)
