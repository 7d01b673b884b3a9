"""Ages on a day (a birthday counts on the day itself) and working age."""

from __future__ import annotations

from datetime import date

from employment.rules.months import add_months, month_end

MIN_WORKING_AGE = 16


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on a day; on the birthday the new year of age counts."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def add_months_to_day(day: date, months: int) -> date:
    """The same day of the month `months` later (the month's last day when it has no such day)."""
    target = add_months(day.replace(day=1), months)
    return target.replace(day=min(day.day, month_end(target).day))


def is_working_age(birth_date: date, day: date, retirement: date) -> bool:
    """From the 16th birthday until the day before the statutory retirement date (insurance's schedule)."""
    return age_on(birth_date, day) >= MIN_WORKING_AGE and day < retirement
