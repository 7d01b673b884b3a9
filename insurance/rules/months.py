"""Calendar months as the first day of the month: the unit contributions are counted in."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clipped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from start's month to end's month (end's month excluded)."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def iter_months(first: date, last: date) -> Iterator[date]:
    """Every month from first to last, both included."""
    current = month_start(first)
    while current <= last:
        yield current
        current = add_months(current, 1)


def age_on(birth: date, day: date) -> tuple[int, int]:
    """Completed (years, months) of age on a day."""
    months = months_between(birth, day) - (1 if day.day < birth.day else 0)
    return divmod(max(months, 0), 12)
