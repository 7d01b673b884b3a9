"""Ages on a day, the statutory retirement date and working age: boundary cases on the birthday."""

from datetime import date

import pytest

from employment.rules.ages import add_months_to_day, age_on, is_working_age


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


def test_working_age_boundaries_on_the_birthday_and_the_retirement_day():
    born, retires = date(1965, 1, 15), date(2025, 2, 15)  # a man retiring at 60y1m (insurance's schedule)
    assert is_working_age(born, date(2025, 2, 14), retires)
    assert not is_working_age(born, date(2025, 2, 15), retires)
    young = date(2010, 6, 1)
    assert not is_working_age(young, date(2026, 5, 31), date(2068, 6, 1))  # 15 the day before the 16th birthday
    assert is_working_age(young, date(2026, 6, 1), date(2068, 6, 1))       # 16 on the birthday


@pytest.mark.django_db
def test_the_retirement_date_comes_from_insurances_schedule():
    from employment.selectors import facts
    from tests.factories import PersonFactory

    man = PersonFactory(birth=date(1965, 1, 15), sex_code="M")
    woman = PersonFactory(birth=date(1970, 1, 1), sex_code="F")
    assert facts.retirement_date(person=man) == date(2025, 2, 15)  # 60y1m
    assert facts.retirement_date(person=woman) == date(2025, 2, 1)  # 55y1m


def test_month_arithmetic_keeps_the_day_or_the_last_day():
    assert add_months_to_day(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months_to_day(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months_to_day(date(2026, 3, 15), -12) == date(2025, 3, 15)

