"""Unemployment benefit rules: a year of contributions, duration at 5 and 10 years, combination capped at 24."""

from datetime import date
from decimal import Decimal

import pytest

from employment.rules.benefits import (
    combined_months,
    contribution_met,
    duration_months,
    is_involuntary,
    last_month,
    monthly_amount,
    unused_months,
)


@pytest.mark.parametrize(("months", "met"), [(0, False), (11, False), (12, True), (13, True)])
def test_a_year_of_contributions(months, met):
    assert contribution_met(months) is met


@pytest.mark.parametrize(("months", "duration"), [
    (11, 0),     # under a year: none
    (12, 12),    # exactly 1 year
    (59, 12),    # 4 years 11 months
    (60, 18),    # exactly 5 years
    (119, 18),   # 9 years 11 months
    (120, 24),   # exactly 10 years
    (360, 24),   # 30 years
])
def test_duration_by_contribution_years(months, duration):
    assert duration_months(months) == duration


@pytest.mark.parametrize(("new", "carried", "total"), [
    (12, 0, 12), (12, 6, 18), (18, 6, 24), (18, 7, 24), (24, 24, 24), (12, 12, 24), (0, 5, 5),
])
def test_unused_months_combine_up_to_24(new, carried, total):
    assert combined_months(new, carried) == total


@pytest.mark.parametrize(("wage", "percent", "amount"), [
    (Decimal("2200"), Decimal("90"), Decimal("1980.00")),
    (Decimal("2400"), Decimal("90"), Decimal("2160.00")),
    (Decimal("2133.33"), Decimal("90"), Decimal("1920.00")),   # 1919.997 rounds half up to the fen
    (Decimal("1999.99"), Decimal("85.5"), Decimal("1709.99")),
])
def test_monthly_amount_is_a_decimal_share_of_the_minimum_wage(wage, percent, amount):
    result = monthly_amount(wage, percent)
    assert result == amount
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(("reason", "involuntary"), [
    ("contract_expired", True), ("dismissed", True), ("employer_closed", True), ("employer_proposed", True),
    ("resigned", False), ("own_request", False),
])
def test_involuntary_separations(reason, involuntary):
    assert is_involuntary(reason) is involuntary


def test_months_of_an_entitlement():
    assert last_month(date(2026, 11, 1), 12) == date(2027, 10, 1)
    assert last_month(date(2026, 1, 1), 24) == date(2027, 12, 1)
    assert unused_months(18, 5) == 13
    assert unused_months(12, 14) == 0
