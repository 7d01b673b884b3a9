"""Calendar months as their first day: the unit of contributions, benefit and subsidy payments."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """Months from first to last, both included (0 when last is before first)."""
    n = (last.year - first.year) * 12 + last.month - first.month + 1
    return max(n, 0)


def iter_months(first: date, last: date) -> Iterator[date]:
    month = month_start(first)
    while month <= last:
        yield month
        month = add_months(month, 1)


def month_end(month: date) -> date:
    """The last day of the month."""
    return date.fromordinal(add_months(month_start(month), 1).toordinal() - 1)
