"""Ages on a day (a birthday counts on the day itself), the statutory retirement date and working age."""

from __future__ import annotations

from datetime import date

from employment.rules.months import add_months, month_end

MIN_WORKING_AGE = 16
# NPC Standing Committee decision of 2024-09-13 (verified), in force 2025-01-01: men 60 -> 63, women 55 -> 58,
# one month later for every 4 months of birth date. (original age in months, target, first birth month raised,
# birth months per step.) Women whose age was 50 are not told apart here: employment uses the 55 schedule,
# the more permissive one for registering and for difficulty categories.
RETIREMENT = {
    "M": (720, 756, date(1965, 1, 1), 4),
    "F": (660, 696, date(1970, 1, 1), 4),
}


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


def retirement_age_months(birth_date: date, sex: str) -> int:
    original, target, starts, step = RETIREMENT["M" if sex == "M" else "F"]
    since = (birth_date.year - starts.year) * 12 + birth_date.month - starts.month
    if since < 0:
        return original
    return min(target, original + since // step + 1)


def retirement_date(birth_date: date, sex: str) -> date:
    """The day the statutory retirement age is reached."""
    return add_months_to_day(birth_date, retirement_age_months(birth_date, sex))


def is_working_age(birth_date: date, sex: str, day: date) -> bool:
    """From the 16th birthday until the day before the statutory retirement date."""
    return age_on(birth_date, day) >= MIN_WORKING_AGE and day < retirement_date(birth_date, sex)
