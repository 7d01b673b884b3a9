"""Countdowns in working time, as the workbench and the case page show them (pure: no database)."""

from datetime import datetime, time

import pytest
from django.utils import translation

from workflow.models import Case
from workflow.rules.calendar import SHANGHAI, WorkCalendar
from workflow.rules.states import Status
from workflow.selectors.backoffice import case_countdown, working_duration

CAL = WorkCalendar(opens=time(9), closes=time(17))
DAY = 8 * 3600


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


DEADLINE = sh(2026, 3, 13, 17)  # a Friday, close of business


def case(status=Status.IN_REVIEW, deadline=DEADLINE, **kwargs):
    return Case(status=status, deadline=deadline, **kwargs)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_time_left_counts_only_working_hours():
    # Friday 10:00 to the next Friday 17:00: 7 h on Friday, four full days, 8 h on Friday 13th = 5 days 7 h.
    countdown = case_countdown(case(), calendar=CAL, now=sh(2026, 3, 6, 10))
    assert countdown.state == "running" and countdown.seconds == 5 * DAY + 7 * 3600
    assert countdown.text == "5 working days 7 hours left" and countdown.css == ""


def test_within_one_working_day_is_due_soon_even_across_a_weekend():
    countdown = case_countdown(case(deadline=sh(2026, 3, 16, 12)), calendar=CAL, now=sh(2026, 3, 13, 16))
    assert countdown.state == "soon" and countdown.seconds == 4 * 3600  # 1 h on Friday, 3 h on Monday
    assert countdown.css == "countdown-soon" and countdown.text == "4 hours left"


def test_past_the_deadline_is_overdue_by_working_time():
    countdown = case_countdown(case(), calendar=CAL, now=sh(2026, 3, 17, 11))  # Tuesday after the deadline
    assert countdown.state == "overdue" and countdown.seconds == DAY + 2 * 3600
    assert countdown.css == "countdown-overdue" and countdown.text == "Overdue by 1 working day 2 hours"
    weekend = case_countdown(case(), calendar=CAL, now=sh(2026, 3, 14, 11))  # Saturday: no working time yet
    assert weekend.state == "overdue" and weekend.text == "Overdue"


def test_a_paused_case_shows_the_clock_stopped_with_what_was_left():
    paused = case(status=Status.SUPPLEMENT_REQUESTED, paused_at=sh(2026, 3, 12, 15))
    countdown = case_countdown(paused, calendar=CAL, now=sh(2026, 4, 1, 9))  # however late it is now
    assert countdown.state == "paused" and countdown.seconds == 2 * 3600 + DAY
    assert countdown.text == "Clock paused (1 working day 2 hours left)" and countdown.css == ""
    late = case(status=Status.SUPPLEMENT_REQUESTED, paused_at=sh(2026, 3, 16, 10))
    late_countdown = case_countdown(late, calendar=CAL, now=sh(2026, 4, 1, 9))
    assert late_countdown.text == "Clock paused (overdue by 1 hour)" and late_countdown.css == "countdown-overdue"


def test_decided_cases_say_whether_they_were_in_time():
    in_time = case(status=Status.COMPLETED, decided_at=sh(2026, 3, 13, 16))
    late = case(status=Status.REJECTED, decided_at=sh(2026, 3, 16, 9, 30))
    assert case_countdown(in_time, calendar=CAL, now=sh(2026, 4, 1)).text == "Decided in time"
    assert case_countdown(late, calendar=CAL, now=sh(2026, 4, 1)).css == "countdown-overdue"
    assert case_countdown(case(deadline=None), calendar=CAL, now=sh(2026, 4, 1)).text == "No time limit"
    assert case_countdown(case(status=Status.WITHDRAWN), calendar=CAL, now=sh(2026, 4, 1)).state == "none"


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0 minutes"), (59, "0 minutes"), (45 * 60, "45 minutes"), (3600, "1 hour"), (DAY, "1 working day"),
    (2 * DAY + 3 * 3600 + 1800, "2 working days 3 hours"), (-(DAY + 3600), "1 working day 1 hour"),
])
def test_working_durations_read_naturally(seconds, text):
    assert working_duration(seconds, DAY) == text


def test_durations_are_in_chinese_by_default():
    with translation.override("zh-hans"):
        countdown = case_countdown(case(), calendar=CAL, now=sh(2026, 3, 6, 10))
        assert "工作日" in countdown.text
