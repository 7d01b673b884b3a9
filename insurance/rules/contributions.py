"""Contribution arithmetic in Decimal.

Rounding rules (stated once, applied everywhere):
- a declared wage is rounded to the cent, ROUND_HALF_UP;
- the base is the wage clamped to [floor, ceiling] of the month (both inclusive);
- a flexible-employment base is the average wage times the chosen share, rounded to the yuan
  (ROUND_HALF_UP), then clamped: 60% and 300% of the average land on the published floor and ceiling;
- each part (employer, individual, personal account) is base x rate, rounded to the cent ROUND_HALF_UP,
  per person, month and insurance type; totals are sums of rounded parts, never rounded again;
- a subsidy's share of a payment is rounded to the cent ROUND_HALF_UP and the payer keeps the remainder.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from accounts.money import CENT, ZERO, to_cent

YUAN = Decimal("1")


@dataclass(frozen=True)
class Limits:
    floor: Decimal
    ceiling: Decimal
    average_wage: Decimal


@dataclass(frozen=True)
class Rate:
    employer: Decimal
    individual: Decimal
    account: Decimal = Decimal("0")


@dataclass(frozen=True)
class Parts:
    base: Decimal
    employer: Decimal
    individual: Decimal
    account: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.employer + self.individual

    def as_json(self) -> dict:
        return {"employer": str(self.employer), "individual": str(self.individual), "account": str(self.account)}


def clamp_base(wage: Decimal, limits: Limits) -> Decimal:
    """The contribution base of a declared wage: never below the floor nor above the ceiling."""
    wage = to_cent(wage)
    return min(max(wage, limits.floor), limits.ceiling)


def flexible_base(ratio: Decimal, limits: Limits) -> Decimal:
    """The base a flexible-employment individual pays on: the chosen share of the average wage."""
    chosen = (limits.average_wage * Decimal(ratio)).quantize(YUAN, rounding=ROUND_HALF_UP)
    return min(max(chosen, limits.floor), limits.ceiling).quantize(CENT)


def parts_for(base: Decimal, rate: Rate) -> Parts:
    return Parts(base=base, employer=to_cent(base * rate.employer), individual=to_cent(base * rate.individual),
                 account=to_cent(base * rate.account))


def line_parts(wage: Decimal, limits: Limits, rates: dict[str, Rate]) -> tuple[Decimal, dict[str, Parts]]:
    """An employee's month: the base and the parts of every insurance type they are enrolled in."""
    base = clamp_base(wage, limits)
    return base, {kind: parts_for(base, rate) for kind, rate in rates.items()}


def split_subsidy(parts: Parts, share: Decimal) -> tuple[Parts, Parts]:
    """Split what an individual pays into (what they pay, what the subsidy pays): the subsidy pays
    `share` of the individual amount; the personal-account credit stays with the individual's row."""
    subsidy = to_cent(parts.individual * Decimal(share))
    own = Parts(base=parts.base, employer=ZERO, individual=parts.individual - subsidy, account=parts.account)
    paid_by_subsidy = Parts(base=parts.base, employer=ZERO, individual=subsidy, account=ZERO)
    return own, paid_by_subsidy
