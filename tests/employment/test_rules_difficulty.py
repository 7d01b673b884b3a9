"""Employment-difficulty categories: each rule on its boundaries, with the criterion and the reason it gives."""

from datetime import date

import pytest

from employment.rules.difficulty import (
    PersonFacts,
    disabled,
    judge,
    long_term_unemployed,
    low_income_household,
    matched_codes,
    older_unemployed,
    valid_until,
    zero_employment_household,
)

TODAY = date(2026, 6, 15)


def facts(**kwargs) -> PersonFacts:
    values = {"today": TODAY, "birth_date": date(1990, 1, 1), "sex": "F", "status": "unemployed",
              "status_since": date(2025, 1, 1)}
    values.update(kwargs)
    return PersonFacts(**values)


@pytest.mark.parametrize(("sex", "birth", "matched"), [
    ("F", date(1986, 6, 16), False),  # a woman one day before her 40th birthday
    ("F", date(1986, 6, 15), True),   # ... on her 40th birthday
    ("M", date(1976, 6, 16), False),  # a man one day before his 50th birthday
    ("M", date(1976, 6, 15), True),   # ... on it
    ("M", date(1986, 6, 15), False),  # a man of 40 is not "older"
])
def test_older_unemployed_ages_on_the_birthday(sex, birth, matched):
    finding = older_unemployed(facts(sex=sex, birth_date=birth))
    assert finding.matched is matched
    assert finding.data["threshold"] == (40 if sex == "F" else 50)


@pytest.mark.parametrize(("since", "matched"), [
    (date(2025, 12, 16), False),  # registered 5 months and 30 days ago
    (date(2025, 12, 15), True),   # exactly 6 months
])
def test_older_unemployed_needs_six_months_of_registration(since, matched):
    assert older_unemployed(facts(birth_date=date(1980, 1, 1), status_since=since)).matched is matched


def test_older_unemployed_counts_flexible_employment_but_not_an_employer():
    older = date(1980, 1, 1)
    assert older_unemployed(facts(birth_date=older, status="flexible", status_since=TODAY)).matched
    finding = older_unemployed(facts(birth_date=older, status="employed"))
    assert not finding.matched
    assert "neither registered unemployed" in str(finding.reason)


@pytest.mark.parametrize(("since", "matched"), [
    (date(2025, 6, 16), False),  # 364 days
    (date(2025, 6, 15), True),   # a year to the day
    (date(2024, 1, 1), True),
])
def test_long_term_unemployed_from_a_year_to_the_day(since, matched):
    finding = long_term_unemployed(facts(status_since=since))
    assert finding.matched is matched
    assert finding.data["since"] == since.isoformat()


def test_long_term_unemployed_needs_the_registration():
    finding = long_term_unemployed(facts(status="flexible", status_since=date(2020, 1, 1)))
    assert not finding.matched
    assert str(finding.reason) == "Not registered unemployed."


@pytest.mark.parametrize("rule,attribute", [
    (disabled, "is_disabled"),
    (low_income_household, "in_low_income_household"),
    (zero_employment_household, "in_zero_employment_household"),
])
@pytest.mark.parametrize(("fact", "status", "matched"), [
    (True, "unemployed", True), (True, "flexible", True), (True, "", True),
    (True, "employed", False),  # employed by an employer: not a difficulty person
    (False, "unemployed", False),
])
def test_civil_affairs_facts(rule, attribute, fact, status, matched):
    finding = rule(facts(**{attribute: fact, "status": status}))
    assert finding.matched is matched
    assert finding.data[attribute] is fact


def test_judge_lists_every_category_with_its_reason():
    findings = judge(facts(birth_date=date(1980, 1, 1), status_since=date(2025, 1, 1), is_disabled=True))
    assert [f.code for f in findings] == ["older_unemployed", "long_term_unemployed", "disabled",
                                          "low_income_household", "zero_employment_household"]
    assert matched_codes(findings) == ["older_unemployed", "long_term_unemployed", "disabled"]
    assert all(str(f.reason) for f in findings)


def test_a_determination_holds_three_years():
    assert valid_until(date(2026, 6, 15)) == date(2029, 6, 14)
    assert valid_until(date(2024, 2, 29)) == date(2027, 2, 27)
