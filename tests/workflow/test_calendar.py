"""Deadlines across weekends, public holidays and exchanged working days; paused time extends exactly."""

from datetime import date, datetime, time

import pytest

from workflow.rules.calendar import SHANGHAI, WorkCalendar
from workflow.services.calendar import work_calendar

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.fixture
def cal():
    return work_calendar()


@pytest.mark.parametrize(
    "accepted, days, deadline",
    [
        (at(2026, 3, 6), 5, at(2026, 3, 13, 17)),  # Friday: the next week's Friday
        (at(2026, 3, 9, 8), 1, at(2026, 3, 10, 17)),  # the day of acceptance never counts
        (at(2026, 2, 12), 5, at(2026, 2, 26, 17)),  # Spring Festival: Sat 14 Feb worked, 15-23 off
        (at(2026, 9, 18), 5, at(2026, 9, 24, 17)),  # Sun 20 Sep worked in exchange
        (at(2026, 9, 18), 10, at(2026, 10, 9, 17)),  # Mid-Autumn and National Day off, Sat 10 Oct worked
        (at(2025, 12, 30), 3, at(2026, 1, 5, 17)),  # New Year 2026: Dec 31, then Jan 1-3 off, Sun Jan 4 worked
        (at(2025, 9, 26), 2, at(2025, 9, 29, 17)),  # 2025: Sun 28 Sep worked
        (at(2026, 3, 7), 1, at(2026, 3, 9, 17)),  # accepted online on a Saturday
    ],
)
def test_working_day_deadlines(cal, accepted, days, deadline):
    assert cal.working_deadline(accepted, days) == deadline


def test_calendar_day_limits_count_every_day(cal):
    assert cal.calendar_deadline(at(2026, 1, 10), 60) == at(2026, 3, 11, 17)


def test_years_2025_and_2026_are_loaded():
    from workflow.models import CalendarYear

    assert set(CalendarYear.objects.values_list("year", flat=True)) >= {2025, 2026}


@pytest.mark.parametrize(
    "start, end, seconds",
    [
        (at(2026, 3, 9, 10), at(2026, 3, 11, 10), 16 * 3600),  # Mon 10:00 to Wed 10:00
        (at(2026, 3, 13, 16), at(2026, 3, 16, 10), 2 * 3600),  # Fri 16:00 to Mon 10:00: weekend not counted
        (at(2026, 3, 9, 18), at(2026, 3, 10, 8), 0),  # overnight, out of hours
        (at(2026, 9, 30, 9), at(2026, 10, 8, 9), 8 * 3600),  # across the National Day holiday
    ],
)
def test_working_time_between(cal, start, end, seconds):
    assert cal.working_seconds_between(start, end) == seconds


def test_a_pause_moves_the_deadline_by_exactly_the_working_time_it_lasted(cal):
    deadline = at(2026, 3, 13, 17)
    paused = cal.working_seconds_between(at(2026, 3, 9, 10), at(2026, 3, 11, 10))
    assert cal.add_working_seconds(deadline, paused) == at(2026, 3, 17, 17)
    # Two working hours from Friday's close land at 11:00 on Monday.
    assert cal.add_working_seconds(deadline, 2 * 3600) == at(2026, 3, 16, 11)


def test_adding_and_subtracting_working_time_are_inverse(cal):
    start = at(2026, 2, 12, 15, 30)
    for seconds in (1, 3600, 8 * 3600, 50 * 3600):
        later = cal.add_working_seconds(start, seconds)
        assert cal.working_seconds_between(start, later) == seconds
        assert cal.add_working_seconds(later, -seconds) == start


def test_plain_weekday_rule_without_exceptions():
    plain = WorkCalendar()
    assert plain.is_working(date(2026, 1, 1))  # no holidays loaded: only weekends are off
    assert not plain.is_working(date(2026, 1, 3))
    assert plain.close_of(date(2026, 1, 5)).time() == time(17, 0)
