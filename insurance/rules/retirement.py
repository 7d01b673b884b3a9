"""Statutory retirement age and the minimum contribution period.

NPC Standing Committee decision of 2024-09-13, in force 2025-01-01: men 60 -> 63 and women 55 -> 58
one month later for every 4 months of birth date, women 50 -> 55 one month later for every 2 months;
the minimum contribution period rises from 15 years by 6 months a year from 2030 up to 20 years;
flexible retirement up to 3 years earlier (never below the old age, minimum met) or up to 3 years later.
The schedules are data (RetirementAgeRule, MinimumContribution); these functions take them as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from insurance.rules.months import add_months, month_start, months_between

FLEXIBLE_MONTHS = 36


@dataclass(frozen=True)
class AgeSchedule:
    group: str
    original_age_months: int
    target_age_months: int
    schedule_starts: date  # the first birth month whose age is raised
    birth_months_per_step: int


# The published schedules (the seeded rows carry the same figures).
SCHEDULES = {
    "male": AgeSchedule("male", 60 * 12, 63 * 12, date(1965, 1, 1), 4),
    "female_55": AgeSchedule("female_55", 55 * 12, 58 * 12, date(1970, 1, 1), 4),
    "female_50": AgeSchedule("female_50", 50 * 12, 55 * 12, date(1975, 1, 1), 2),
}
# (from retirement year, minimum months): 15 years, then +6 months a year from 2030 to 20 years in 2039.
MINIMUM_MONTHS = [(1998, 180)] + [(year, 180 + 6 * (year - 2029)) for year in range(2030, 2040)]


def statutory_age_months(birth: date, schedule: AgeSchedule) -> int:
    """The statutory retirement age in months for a birth date."""
    steps = months_between(schedule.schedule_starts, month_start(birth))
    if steps < 0:
        return schedule.original_age_months
    raised = schedule.original_age_months + steps // schedule.birth_months_per_step + 1
    return min(raised, schedule.target_age_months)


def statutory_age(birth: date, schedule: AgeSchedule) -> tuple[int, int]:
    """(years, months) of the statutory retirement age."""
    return divmod(statutory_age_months(birth, schedule), 12)


def statutory_retirement_date(birth: date, schedule: AgeSchedule) -> date:
    return add_months(birth, statutory_age_months(birth, schedule))


def minimum_months(retirement_year: int, table: list[tuple[int, int]] = MINIMUM_MONTHS) -> int:
    """Minimum contribution months for someone retiring in a year."""
    rows = sorted(table)
    applicable = [months for year, months in rows if year <= retirement_year]
    return applicable[-1] if applicable else rows[0][1]


@dataclass(frozen=True)
class Window:
    earliest: date  # flexible early retirement, never below the old age
    statutory: date
    latest: date  # flexible late retirement, with the employer's agreement


def retirement_window(birth: date, schedule: AgeSchedule) -> Window:
    statutory = statutory_retirement_date(birth, schedule)
    old_age = add_months(birth, schedule.original_age_months)
    return Window(earliest=max(old_age, add_months(statutory, -FLEXIBLE_MONTHS)), statutory=statutory,
                  latest=add_months(statutory, FLEXIBLE_MONTHS))


@dataclass(frozen=True)
class Assessment:
    ok: bool
    reason: str  # "", "too_early", "too_late", "minimum_for_early", "minimum", "late_needs_agreement"
    window: Window
    minimum: int
    months: int


def assess_retirement(*, birth: date, schedule: AgeSchedule, on: date, contribution_months: int,
                      employer_agrees_late: bool = False,
                      minimum_table: list[tuple[int, int]] = MINIMUM_MONTHS) -> Assessment:
    """May a person retire on a date, given their contribution months?"""
    window = retirement_window(birth, schedule)
    minimum = minimum_months(on.year, minimum_table)

    def result(ok: bool, reason: str = "") -> Assessment:
        return Assessment(ok=ok, reason=reason, window=window, minimum=minimum, months=contribution_months)

    if on < window.earliest:
        return result(False, "too_early")
    if on > window.latest:
        return result(False, "too_late")
    if on < window.statutory and contribution_months < minimum:
        return result(False, "minimum_for_early")
    if contribution_months < minimum:
        return result(False, "minimum")
    if on > window.statutory and not employer_agrees_late:
        return result(False, "late_needs_agreement")
    return result(True)


def births_retiring_between(first: date, last: date, schedule: AgeSchedule) -> tuple[date, date] | None:
    """The birth dates whose statutory retirement date falls in [first, last], as (earliest, latest) birth, or None.

    The statutory date never goes back as the birth date goes forward (the age rises with later births, in whole
    months), so the births form one interval, found by halving: a finder filters persons by it in SQL."""
    low = add_months(first, -schedule.target_age_months - 1)
    high = add_months(last, -schedule.original_age_months)

    def first_birth(at_least: date) -> date | None:
        """The earliest birth in [low, high] whose statutory date is on or after `at_least`."""
        lo, hi = 0, (high - low).days + 1
        while lo < hi:
            mid = (lo + hi) // 2
            if statutory_retirement_date(low + timedelta(days=mid), schedule) >= at_least:
                hi = mid
            else:
                lo = mid + 1
        return low + timedelta(days=lo) if lo <= (high - low).days else None

    earliest = first_birth(first)
    if earliest is None:
        return None
    after = first_birth(last + timedelta(days=1))
    latest = (after - timedelta(days=1)) if after is not None else high
    return (earliest, latest) if latest >= earliest else None
