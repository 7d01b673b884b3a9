"""Contribution arithmetic against hand-computed cases: at the floor, inside the range, above the ceiling,
for every insurance type, in Decimal with ROUND_HALF_UP to the cent per part."""

from datetime import date
from decimal import Decimal as D

import pytest

from insurance.rules.contributions import (
    Limits,
    Rate,
    clamp_base,
    flexible_base,
    line_parts,
    parts_for,
    split_subsidy,
    to_cent,
)

LIMITS_2026 = Limits(floor=D("4573"), ceiling=D("22863"), average_wage=D("7621"))
RATES = {
    "pension": Rate(D("0.16"), D("0.08"), D("0.08")),
    "medical": Rate(D("0.07"), D("0.02")),
    "unemployment": Rate(D("0.007"), D("0.003")),
    "work_injury_1": Rate(D("0.002"), D("0")),
    "work_injury_8": Rate(D("0.019"), D("0")),
}

# (wage, base, {type: (employer, individual)}) computed by hand: base x rate, half-up to the cent.
CASES = [
    ("3000.00", "4573.00", {  # below the floor: the base is the floor
        "pension": ("731.68", "365.84"), "medical": ("320.11", "91.46"), "unemployment": ("32.01", "13.72"),
        "work_injury_1": ("9.15", "0.00"), "work_injury_8": ("86.89", "0.00")}),
    ("8765.43", "8765.43", {  # inside the range: the wage is the base
        "pension": ("1402.47", "701.23"), "medical": ("613.58", "175.31"), "unemployment": ("61.36", "26.30"),
        "work_injury_1": ("17.53", "0.00"), "work_injury_8": ("166.54", "0.00")}),
    ("30000.00", "22863.00", {  # above the ceiling: the base is the ceiling
        "pension": ("3658.08", "1829.04"), "medical": ("1600.41", "457.26"), "unemployment": ("160.04", "68.59"),
        "work_injury_1": ("45.73", "0.00"), "work_injury_8": ("434.40", "0.00")}),
]


@pytest.mark.parametrize(("wage", "base", "expected"), CASES, ids=["floor", "inside", "ceiling"])
def test_every_type_at_the_floor_inside_and_above_the_ceiling(wage, base, expected):
    got_base, parts = line_parts(D(wage), LIMITS_2026, RATES)
    assert got_base == D(base)
    got = {kind: (str(p.employer), str(p.individual)) for kind, p in parts.items()}
    assert got == expected
    assert all(isinstance(p.employer, D) and p.employer.as_tuple().exponent == -2 for p in parts.values())


def test_the_pension_share_credited_to_the_personal_account_is_the_individual_eight_percent():
    _base, parts = line_parts(D("8765.43"), LIMITS_2026, RATES)
    assert parts["pension"].account == D("701.23")
    assert parts["medical"].account == D("0.00")


@pytest.mark.parametrize(("wage", "base"), [
    ("4572.99", "4573"), ("4573", "4573"), ("4573.01", "4573.01"), ("22862.99", "22862.99"), ("22863", "22863"),
    ("22863.01", "22863"), ("0.004", "4573"), ("12345.675", "12345.68"),
])
def test_the_base_boundaries_are_inclusive_and_wages_round_half_up_to_the_cent(wage, base):
    assert clamp_base(D(wage), LIMITS_2026) == D(base)


def test_parts_round_half_up_not_to_even():
    # 4575 x 0.3% = 13.725: half-up gives 13.73 (banker's rounding would give 13.72).
    assert parts_for(D("4575"), RATES["unemployment"]).individual == D("13.73")
    assert to_cent(D("0.005")) == D("0.01") and to_cent(D("0.015")) == D("0.02")


def test_totals_are_sums_of_rounded_parts():
    _base, parts = line_parts(D("8765.43"), LIMITS_2026, RATES)
    assert sum(p.total for p in parts.values()) == D("1402.47") + D("701.23") + D("613.58") + D("175.31") + D(
        "61.36") + D("26.30") + D("17.53") + D("166.54")


@pytest.mark.parametrize(("ratio", "base"), [("0.60", "4573.00"), ("0.80", "6097.00"), ("1.00", "7621.00"),
                                             ("3.00", "22863.00"), ("3.50", "22863.00"), ("0.50", "4573.00")])
def test_a_flexible_base_is_the_chosen_share_of_the_average_wage_to_the_yuan_within_the_limits(ratio, base):
    # 60% of 7,621 = 4,572.6 -> 4,573: the published floor; 300% = 22,863: the published ceiling.
    assert flexible_base(D(ratio), LIMITS_2026) == D(base)


def test_flexible_pension_at_the_floor_and_a_two_thirds_subsidy():
    parts = parts_for(flexible_base(D("0.60"), LIMITS_2026), Rate(D("0"), D("0.20"), D("0.08")))
    assert (parts.individual, parts.account) == (D("914.60"), D("365.84"))
    own, subsidy = split_subsidy(parts, D("0.6667"))
    assert subsidy.individual == D("609.76")  # 914.60 x 0.6667 = 609.763...
    assert own.individual == D("304.84") and own.individual + subsidy.individual == parts.individual
    assert own.account == D("365.84") and subsidy.account == D("0.00")


@pytest.mark.django_db
@pytest.mark.parametrize(("month", "wage", "expected_base", "pension_employer"), [
    (date(2024, 6, 1), "3000", "4416.00", "706.56"),
    (date(2025, 6, 1), "3000", "4504.00", "720.64"),
    (date(2026, 6, 1), "3000", "4573.00", "731.68"),
    (date(2025, 12, 1), "99999", "22518.00", "3602.88"),
])
def test_the_seeded_figures_of_each_year_give_the_hand_computed_parts(month, wage, expected_base, pension_employer):
    from insurance.selectors.reference import ReferenceBook

    book = ReferenceBook()
    base, parts = line_parts(D(wage), book.require_limits(month),
                             book.rates(["pension", "medical", "unemployment", "work_injury"], month))
    assert base == D(expected_base)
    assert parts["pension"].employer == D(pension_employer)
    assert parts["work_injury"].employer == to_cent(D(expected_base) * D("0.002"))
