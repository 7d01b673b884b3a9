"""The deadlines of labour relations at their boundaries, on a calendar of their own (no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from labour.rules import Limit, can_extend, deadline, extended, periods_overlap
from workflow.rules.calendar import SHANGHAI, WorkCalendar

# A week with a Wednesday holiday and the Saturday after it worked in exchange.
CALENDAR = WorkCalendar(holidays=frozenset({date(2030, 6, 5)}), workdays=frozenset({date(2030, 6, 8)}),
                        published_years=None)
MONDAY = datetime(2030, 6, 3, 16, 59, tzinfo=SHANGHAI)


def close(day: date) -> datetime:
    return datetime.combine(day, CALENDAR.closes, tzinfo=SHANGHAI)


def test_five_working_days_skip_the_holiday_and_count_the_exchanged_saturday():
    # Tue 4, (Wed 5 off), Thu 6, Fri 7, Sat 8 worked, Mon 10.
    assert deadline(MONDAY, Limit(5), CALENDAR) == close(date(2030, 6, 10))


def test_the_day_of_filing_does_not_count_even_at_the_first_minute():
    assert deadline(MONDAY.replace(hour=0, minute=0), Limit(1), CALENDAR) == close(date(2030, 6, 4))


def test_filed_on_a_day_off_counts_from_the_next_working_day():
    holiday = datetime(2030, 6, 5, 10, 0, tzinfo=SHANGHAI)
    assert deadline(holiday, Limit(1), CALENDAR) == close(date(2030, 6, 6))


def test_calendar_days_do_not_skip_the_holiday():
    assert deadline(MONDAY, Limit(2, "calendar"), CALENDAR) == close(date(2030, 6, 5))


def test_extension_counts_from_the_deadline_day():
    first = deadline(MONDAY, Limit(5), CALENDAR)
    assert extended(first, Limit(1), CALENDAR) == close(date(2030, 6, 11))
    assert extended(first, Limit(15, "calendar"), CALENDAR) == first + timedelta(days=15)


@pytest.mark.parametrize(("extended_already", "concluded", "offset", "allowed"), [
    (False, False, timedelta(0), True),  # on the deadline itself
    (False, False, timedelta(seconds=1), False),  # one second late
    (False, False, -timedelta(days=10), True),
    (True, False, -timedelta(days=10), False),  # once only
    (False, True, -timedelta(days=10), False),  # a concluded case
])
def test_extension_once_before_the_deadline(extended_already, concluded, offset, allowed):
    due = close(date(2030, 6, 10))
    assert can_extend(already_extended=extended_already, concluded=concluded, deadline_at=due,
                      now=due + offset) is allowed


def test_no_deadline_no_extension():
    assert not can_extend(already_extended=False, concluded=False, deadline_at=None, now=MONDAY)


@pytest.mark.parametrize(("a", "b", "overlap"), [
    ((date(2030, 1, 1), date(2030, 3, 31)), (date(2030, 3, 31), date(2030, 5, 1)), True),  # one shared day
    ((date(2030, 1, 1), date(2030, 3, 30)), (date(2030, 3, 31), date(2030, 5, 1)), False),
    ((date(2030, 1, 1), date(2030, 12, 31)), (date(2030, 3, 1), date(2030, 3, 2)), True),
])
def test_periods_overlap(a, b, overlap):
    assert periods_overlap(*a, *b) is overlap
    assert periods_overlap(*b, *a) is overlap
