"""The basic pension and the personal-account pension on worked examples."""

from decimal import Decimal as D

import pytest

from insurance.reference import DIVISORS
from insurance.rules.pension import average_index, divisor_for, pension_estimate

TABLE = dict(DIVISORS)


def test_worked_example_thirty_years_at_index_1_2_retiring_at_60_years_3_months():
    # indexed wage 7,831 x 1.2 = 9,397.20; basic (7,831 + 9,397.20) / 2 x 30 x 1% = 2,584.23;
    # divisor 139 - (139 - 132) x 3 / 12 = 137.25 -> 137.3; account 120,000 / 137.3 = 873.9985 -> 874.00.
    estimate = pension_estimate(calculation_base=D("7831"), index=D("1.2000"), months=360,
                                account_balance=D("120000.00"), age_years=60, age_months=3, divisors=TABLE)
    assert estimate.indexed_wage == D("9397.20")
    assert estimate.basic == D("2584.23")
    assert estimate.divisor == D("137.3")
    assert estimate.account == D("874.00")
    assert estimate.monthly == D("3458.23")


def test_worked_example_fifteen_years_five_months_at_index_0_8_retiring_at_55():
    # (7,831 + 6,264.80) / 2 x 185 / 12 x 1% = 1,086.55125 -> 1,086.55; 45,000 / 170 = 264.71.
    estimate = pension_estimate(calculation_base=D("7831"), index=D("0.8"), months=185, account_balance=D("45000"),
                                age_years=55, age_months=0, divisors=TABLE)
    assert (estimate.basic, estimate.account, estimate.divisor) == (D("1086.55"), D("264.71"), D("170.0"))


@pytest.mark.parametrize(("years", "months", "divisor"), [
    (60, 0, "139.0"), (60, 3, "137.3"), (55, 6, "167.0"), (50, 1, "194.6"), (63, 11, "109.7"), (58, 0, "152.0"),
])
def test_the_divisor_between_whole_years(years, months, divisor):
    assert divisor_for(years, months, TABLE) == D(divisor)


def test_the_average_index_weights_carried_over_months_and_each_month_by_its_year():
    # (100 x 1.5 + 12 x 5,000 / 7,506) / 112 = 1.410657... -> 1.4107
    months, index = average_index(monthly=[(D("5000"), D("7506"))] * 12, carried_months=100,
                                  carried_index=D("1.5"))
    assert (months, index) == (112, D("1.4107"))
    assert average_index(monthly=[]) == (0, D("0.0000"))
