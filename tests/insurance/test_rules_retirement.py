"""Statutory retirement age and minimum contribution years across the boundary dates of the 2024 decision."""

from datetime import date

import pytest

from insurance.rules.retirement import (
    MINIMUM_MONTHS,
    SCHEDULES,
    assess_retirement,
    minimum_months,
    retirement_window,
    statutory_age,
    statutory_retirement_date,
)

MEN = [
    ("1960-06-15", (60, 0)), ("1964-12-31", (60, 0)), ("1965-01-01", (60, 1)), ("1965-04-30", (60, 1)),
    ("1965-05-01", (60, 2)), ("1965-08-20", (60, 2)), ("1965-09-01", (60, 3)), ("1970-01-10", (61, 4)),
    ("1976-08-31", (62, 11)), ("1976-09-01", (63, 0)), ("1990-03-03", (63, 0)),
]
WOMEN_55 = [
    ("1969-12-31", (55, 0)), ("1970-01-01", (55, 1)), ("1970-04-30", (55, 1)), ("1970-05-01", (55, 2)),
    ("1981-08-31", (57, 11)), ("1981-09-01", (58, 0)), ("1995-01-01", (58, 0)),
]
WOMEN_50 = [
    ("1974-12-31", (50, 0)), ("1975-01-01", (50, 1)), ("1975-02-28", (50, 1)), ("1975-03-01", (50, 2)),
    ("1980-01-15", (52, 7)), ("1984-10-31", (54, 11)), ("1984-11-01", (55, 0)), ("2000-01-01", (55, 0)),
]


@pytest.mark.parametrize(("group", "birth", "age"), [("male", b, a) for b, a in MEN]
                         + [("female_55", b, a) for b, a in WOMEN_55] + [("female_50", b, a) for b, a in WOMEN_50])
def test_statutory_age_by_birth_month(group, birth, age):
    assert statutory_age(date.fromisoformat(birth), SCHEDULES[group]) == age


@pytest.mark.parametrize(("group", "birth", "retires"), [
    ("male", "1964-12-15", "2024-12-15"), ("male", "1965-01-10", "2025-02-10"), ("male", "1976-09-01", "2039-09-01"),
    ("female_55", "1970-01-31", "2025-02-28"), ("female_50", "1975-01-05", "2025-02-05"),
])
def test_the_retirement_date_is_the_birth_date_plus_the_age(group, birth, retires):
    assert statutory_retirement_date(date.fromisoformat(birth), SCHEDULES[group]) == date.fromisoformat(retires)


@pytest.mark.parametrize(("year", "months"), [
    (2025, 180), (2029, 180), (2030, 186), (2031, 192), (2035, 216), (2038, 234), (2039, 240), (2050, 240),
    (1995, 180),
])
def test_minimum_contribution_rises_six_months_a_year_from_2030(year, months):
    assert minimum_months(year) == months


MAN_1965 = date(1965, 1, 10)  # statutory 2025-02-10; old age 2025-01-10


@pytest.mark.parametrize(("on", "months", "agrees", "ok", "reason"), [
    ("2025-01-09", 300, False, False, "too_early"),  # below the old age: never
    ("2025-01-10", 180, False, True, ""),  # flexible early retirement, minimum met
    ("2025-01-10", 179, False, False, "minimum_for_early"),
    ("2025-02-10", 179, False, False, "minimum"),
    ("2025-02-10", 180, False, True, ""),
    ("2026-01-01", 200, False, False, "late_needs_agreement"),
    ("2026-01-01", 200, True, True, ""),
    ("2028-02-10", 200, True, True, ""),
    ("2028-02-11", 200, True, False, "too_late"),
])
def test_retiring_on_a_date(on, months, agrees, ok, reason):
    result = assess_retirement(birth=MAN_1965, schedule=SCHEDULES["male"], on=date.fromisoformat(on),
                               contribution_months=months, employer_agrees_late=agrees)
    assert (result.ok, result.reason) == (ok, reason)


def test_the_flexible_window_is_three_years_either_side_but_never_below_the_old_age():
    window = retirement_window(date(1976, 9, 1), SCHEDULES["male"])
    assert (window.earliest, window.statutory, window.latest) == (date(2036, 9, 1), date(2039, 9, 1),
                                                                   date(2042, 9, 1))
    early = retirement_window(date(1966, 1, 1), SCHEDULES["male"])  # 60y4m: early only down to 60
    assert (early.earliest, early.statutory) == (date(2026, 1, 1), date(2026, 5, 1))


def test_the_minimum_applies_by_the_year_of_retirement():
    # A man born 1970-01 retires at 61y4m in 2031: 192 months needed.
    result = assess_retirement(birth=date(1970, 1, 10), schedule=SCHEDULES["male"], on=date(2031, 5, 10),
                               contribution_months=191)
    assert (result.ok, result.reason, result.minimum) == (False, "minimum", 192)


@pytest.mark.django_db
def test_the_seeded_rule_table_equals_the_published_schedule():
    from insurance.selectors.reference import ReferenceBook

    book = ReferenceBook()
    assert book.schedules == SCHEDULES
    assert sorted(book.minimum_table) == sorted(MINIMUM_MONTHS)
