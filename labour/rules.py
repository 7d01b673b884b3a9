"""Pure policy of labour relations: the legal deadlines on the working-day calendar, and which complaints form
one wage matter. No database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workflow.registry import LimitUnit
from workflow.rules.calendar import WorkCalendar


@dataclass(frozen=True)
class Limit:
    days: int
    unit: str = LimitUnit.WORKING_DAYS


def deadline(start: datetime, limit: Limit, calendar: WorkCalendar) -> datetime:
    """Close of business on the last day of a limit counted from the day after `start`: working days skip weekends
    and holidays on the bureau's calendar; calendar days are counted as workflow counts any case's (the same
    function, so the acceptance stage the catalogue sets and the later stages agree)."""
    if limit.unit == LimitUnit.CALENDAR_DAYS:
        return calendar.calendar_deadline(start, limit.days)
    return calendar.working_deadline(start, limit.days)


def extended(current: datetime, limit: Limit, calendar: WorkCalendar) -> datetime:
    """A deadline extended by a limit, counted from the deadline's own day."""
    return deadline(current, limit, calendar)


def periods_overlap(a_from: date, a_to: date, b_from: date, b_to: date) -> bool:
    return a_from <= b_to and b_from <= a_to


def can_extend(*, already_extended: bool, concluded: bool, deadline_at: datetime | None, now: datetime) -> bool:
    """An extension is granted once, on an open case, before its deadline has passed."""
    return not already_extended and not concluded and deadline_at is not None and now <= deadline_at
