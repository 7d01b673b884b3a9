"""Subsidy rules: 11 vs 12 months of contributions, amounts, the flexible-employment subsidy's share and limit;
fund classification; the prompts a situation calls for."""

from datetime import date
from decimal import Decimal

import pytest

from employment.rules import prompts as prompt_rules
from employment.rules.difficulty import Finding
from employment.rules.funds import FundRuleRow, classify
from employment.rules.subsidies import (
    amount,
    flexible_amount,
    flexible_months_allowed,
    insurance_months_met,
    months_overlap,
)


@pytest.mark.parametrize(("paid", "required", "met"), [
    (11, 12, False), (12, 12, True), (13, 12, True), (0, 0, True), (0, 1, False), (1, 1, True),
])
def test_insurance_months(paid, required, met):
    assert insurance_months_met(paid, required) is met


def test_amounts_are_decimals_per_unit():
    assert amount(Decimal("2000"), 3) == Decimal("6000.00")
    assert amount(Decimal("12000")) == Decimal("12000.00")


@pytest.mark.parametrize(("paid", "subsidy"), [
    (Decimal("900.00"), Decimal("600.00")),
    (Decimal("1000.00"), Decimal("666.66")),  # never more than two thirds: rounded down
    (Decimal("0.01"), Decimal("0.00")),
])
def test_flexible_subsidy_is_at_most_two_thirds(paid, subsidy):
    assert flexible_amount(paid) == subsidy


def test_flexible_subsidy_lasts_three_years_from_the_first_month():
    far = date(2050, 1, 1)
    assert flexible_months_allowed(first_subsidised=None, applying_from=date(2026, 1, 1), retirement=far) == 36
    assert flexible_months_allowed(first_subsidised=date(2024, 1, 1), applying_from=date(2026, 1, 1),
                                   retirement=far) == 12
    assert flexible_months_allowed(first_subsidised=date(2023, 1, 1), applying_from=date(2026, 1, 1),
                                   retirement=far) == 0


def test_within_five_years_of_retirement_the_subsidy_runs_until_retirement():
    # Retiring 2030-06-20: within 5 years of the first month 2026-01; until the month before retirement.
    assert flexible_months_allowed(first_subsidised=None, applying_from=date(2026, 1, 1),
                                   retirement=date(2030, 6, 20)) == 53
    # Retiring more than 5 years after the first month: 3 years only.
    assert flexible_months_allowed(first_subsidised=None, applying_from=date(2026, 1, 1),
                                   retirement=date(2031, 2, 1)) == 36


def test_months_overlap():
    assert months_overlap(date(2026, 1, 1), date(2026, 3, 1), date(2026, 3, 1), date(2026, 5, 1))
    assert not months_overlap(date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 5, 1))


RULES = [
    FundRuleRow("benefit", "any", "ui_fund"),
    FundRuleRow("vocational_training", "insured", "ui_fund", 10),
    FundRuleRow("vocational_training", "any", "employment_fund"),
    FundRuleRow("startup", "any", "startup_fund"),
    FundRuleRow("flexible_insurance", "difficulty", "employment_fund", 5),
    FundRuleRow("flexible_insurance", "flexible", "ui_fund", 1),
]


@pytest.mark.parametrize(("item", "situations", "fund"), [
    ("benefit", [], "ui_fund"),
    ("vocational_training", ["insured"], "ui_fund"),        # the named situation beats "any"
    ("vocational_training", ["not_insured"], "employment_fund"),
    ("startup", ["insured", "unemployed"], "startup_fund"),
    ("flexible_insurance", ["difficulty", "flexible"], "employment_fund"),  # two named: the higher priority
    ("flexible_insurance", ["flexible"], "ui_fund"),
    ("flexible_insurance", [], None),                       # no rule applies: not classified
    ("job_referral", ["insured"], None),
])
def test_fund_classification(item, situations, fund):
    assert classify(item, situations, RULES) == fund


def snapshot(**kwargs) -> prompt_rules.Snapshot:
    values = {"today": date(2026, 6, 15), "status": "", "working_age": True}
    values.update(kwargs)
    return prompt_rules.Snapshot(**values)


MATCH = [Finding("disabled", "Registered disabled", True)]


@pytest.mark.parametrize(("kwargs", "rules"), [
    ({}, []),
    ({"findings": MATCH, "status": "unemployed"}, [prompt_rules.MAY_QUALIFY]),
    ({"findings": MATCH, "status": "unemployed", "determined": True}, []),
    ({"findings": MATCH, "status": "employed"}, []),
    ({"findings": MATCH, "status": "flexible", "determined": True}, [prompt_rules.FLEXIBLE_SUBSIDY]),
    ({"status": "flexible", "determined": True, "flexible_subsidy_active": True}, []),
    ({"last_separation": date(2026, 5, 31)}, [prompt_rules.REGISTER_UNEMPLOYED]),
    ({"last_separation": date(2025, 6, 15)}, []),  # a year ago: no longer a reminder
    ({"last_separation": date(2026, 5, 31), "working_age": False}, []),
    ({"status": "unemployed", "last_separation": date(2026, 5, 31), "last_separation_involuntary": True,
      "insurance_months": 12}, [prompt_rules.MAY_CLAIM_BENEFIT]),
    ({"status": "unemployed", "last_separation_involuntary": True, "insurance_months": 11}, []),
    ({"status": "unemployed", "last_separation_involuntary": False, "insurance_months": 40}, []),
    ({"status": "unemployed", "last_separation_involuntary": True, "insurance_months": 40, "benefit_live": True}, []),
    ({"status": "unemployed", "paying_employer_ids": (7,)}, [prompt_rules.UNREGISTERED_EMPLOYER]),
    ({"findings": MATCH, "status": "unemployed", "deceased": True}, []),
])
def test_prompts_a_situation_calls_for(kwargs, rules):
    assert [w.rule for w in prompt_rules.wanted(snapshot(**kwargs))] == rules
