"""The basic pension (国发〔2005〕38号) and the personal-account pension.

basic pension = (calculation base + indexed average monthly wage) / 2 x contribution years x 1%
indexed average monthly wage = calculation base x average contribution index
personal-account pension = account balance / months divisor of the retirement age
divisor at whole years plus months = whole-year value - (difference to the next year x months / 12),
to 1 decimal (ROUND_HALF_UP): 60y3m -> 139 - 7 x 3 / 12 = 137.25 -> 137.3.
Amounts round to the cent ROUND_HALF_UP; the index to 4 decimals ROUND_HALF_UP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from insurance.rules.contributions import to_cent

INDEX_PLACES = Decimal("0.0001")
TENTH = Decimal("0.1")


def average_index(*, monthly: Iterable[tuple[Decimal, Decimal]], carried_months: int = 0,
                  carried_index: Decimal = Decimal("0")) -> tuple[int, Decimal]:
    """(months, average contribution index) from (base, average wage of its year) per month, plus months
    carried over from the former system at their average index."""
    total = Decimal(carried_months) * Decimal(carried_index)
    months = carried_months
    for base, average_wage in monthly:
        total += Decimal(base) / Decimal(average_wage)
        months += 1
    if months == 0:
        return 0, Decimal("0.0000")
    return months, (total / months).quantize(INDEX_PLACES, rounding=ROUND_HALF_UP)


def divisor_for(age_years: int, age_months: int, table: dict[int, Decimal]) -> Decimal:
    whole = Decimal(table[age_years])
    if age_months == 0:
        return whole.quantize(TENTH)
    following = Decimal(table.get(age_years + 1, whole))
    return (whole - (whole - following) * age_months / 12).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Estimate:
    indexed_wage: Decimal
    basic: Decimal
    account: Decimal
    divisor: Decimal

    @property
    def monthly(self) -> Decimal:
        return self.basic + self.account


def pension_estimate(*, calculation_base: Decimal, index: Decimal, months: int, account_balance: Decimal,
                     age_years: int, age_months: int, divisors: dict[int, Decimal]) -> Estimate:
    indexed_wage = to_cent(Decimal(calculation_base) * Decimal(index))
    basic = to_cent((Decimal(calculation_base) + indexed_wage) / 2 * Decimal(months) / 12 / 100)
    divisor = divisor_for(age_years, age_months, divisors)
    account = to_cent(Decimal(account_balance) / divisor)
    return Estimate(indexed_wage=indexed_wage, basic=basic, account=account, divisor=divisor)
