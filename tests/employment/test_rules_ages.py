"""Ages on a day, the statutory retirement date and working age: boundary cases on the birthday."""

from datetime import date

import pytest

from employment.rules.ages import (
    add_months_to_day,
    age_on,
    is_working_age,
    retirement_age_months,
    retirement_date,
)


@pytest.mark.parametrize(("birth", "day", "age"), [
    (date(1986, 5, 20), date(2026, 5, 19), 39),   # the day before the 40th birthday
    (date(1986, 5, 20), date(2026, 5, 20), 40),   # on the birthday: 40
    (date(1986, 5, 20), date(2026, 5, 21), 40),
    (date(2000, 2, 29), date(2026, 2, 28), 25),   # born on 29 February: not yet in a common year ...
    (date(2000, 2, 29), date(2026, 3, 1), 26),    # ... but on 1 March
    (date(2000, 2, 29), date(2028, 2, 29), 28),
    (date(2010, 1, 1), date(2010, 1, 1), 0),
])
def test_age_counts_on_the_birthday(birth, day, age):
    assert age_on(birth, day) == age


@pytest.mark.parametrize(("birth", "sex", "months"), [
    (date(1964, 12, 31), "M", 720),  # before the reform: 60
    (date(1965, 1, 1), "M", 721),    # first month raised: 60y1m (verified example)
    (date(1965, 4, 30), "M", 721),
    (date(1965, 5, 1), "M", 722),    # one more month every 4 months of birth
    (date(1976, 8, 31), "M", 755),
    (date(1976, 9, 1), "M", 756),    # born 1976-09 or later: 63 (verified)
    (date(1990, 1, 1), "M", 756),
    (date(1969, 12, 31), "F", 660),  # women 55 before the reform
    (date(1970, 1, 1), "F", 661),    # 55y1m (verified)
    (date(1981, 9, 1), "F", 696),    # 58 (verified)
])
def test_retirement_age_follows_the_2024_decision(birth, sex, months):
    assert retirement_age_months(birth, sex) == months


def test_retirement_date_and_working_age_boundaries():
    born = date(1965, 1, 15)  # a man retiring at 60y1m
    assert retirement_date(born, "M") == date(2025, 2, 15)
    assert is_working_age(born, "M", date(2025, 2, 14))
    assert not is_working_age(born, "M", date(2025, 2, 15))
    young = date(2010, 6, 1)
    assert not is_working_age(young, "F", date(2026, 5, 31))  # 15 the day before the 16th birthday
    assert is_working_age(young, "F", date(2026, 6, 1))       # 16 on the birthday


def test_month_arithmetic_keeps_the_day_or_the_last_day():
    assert add_months_to_day(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months_to_day(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months_to_day(date(2026, 3, 15), -12) == date(2025, 3, 15)

