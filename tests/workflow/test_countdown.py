"""The one countdown every screen shows (the desk, the back office, the applicant's pages, tracking, the kiosk):
in working time, or in calendar time for limits counted in days (pure: no database)."""

from datetime import datetime, time

import pytest
from django.utils import translation

from workflow.models import Case, ServiceType
from workflow.registry import LimitUnit
from workflow.rules.calendar import SHANGHAI, WorkCalendar
from workflow.rules.states import Status
from workflow.selectors.countdown import case_countdown, working_duration

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


def test_decided_cases_say_whether_they_were_in_time_and_how_late():
    in_time = case(status=Status.COMPLETED, decided_at=sh(2026, 3, 13, 16))
    assert case_countdown(in_time, calendar=CAL, now=sh(2026, 4, 1)).text == "Decided in time"
    # Decided on Wednesday 11:00 after Friday's deadline: Monday and Tuesday, and two hours on Wednesday.
    late = case_countdown(case(status=Status.REJECTED, decided_at=sh(2026, 3, 18, 11)), calendar=CAL,
                          now=sh(2026, 4, 1))
    assert late.state == "done" and late.late and late.seconds == 2 * DAY + 2 * 3600
    assert late.text == "Decided 2 working days 2 hours late" and late.css == "countdown-overdue"
    approved = case(status=Status.APPROVED, decided_at=sh(2026, 3, 17, 17))  # decided, not yet completed
    assert case_countdown(approved, calendar=CAL, now=sh(2026, 4, 1)).text == "Decided 2 working days late"
    # After closing time on the last day: late, by no working time.
    evening = case(status=Status.COMPLETED, decided_at=sh(2026, 3, 13, 18, 30))
    assert case_countdown(evening, calendar=CAL, now=sh(2026, 4, 1)).text == "Decided after the deadline"
    assert case_countdown(case(deadline=None), calendar=CAL, now=sh(2026, 4, 1)).text == "No time limit"
    withdrawn = case_countdown(case(status=Status.WITHDRAWN), calendar=CAL, now=sh(2026, 4, 1))
    assert withdrawn.state == "none" and withdrawn.text == "Withdrawn before a decision"


def test_limits_in_calendar_days_count_calendar_time():
    service = ServiceType(pk=1, limit_unit=LimitUnit.CALENDAR_DAYS)
    running = Case(service=service, status=Status.IN_REVIEW, deadline=DEADLINE)
    countdown = case_countdown(running, calendar=CAL, now=sh(2026, 3, 11, 15))  # weekdays or not, 24 h a day
    assert countdown.seconds == 2 * 86400 + 2 * 3600 and countdown.text == "2 days 2 hours left"
    late = Case(service=service, status=Status.COMPLETED, deadline=DEADLINE, decided_at=sh(2026, 3, 15, 17))
    assert case_countdown(late, calendar=CAL, now=sh(2026, 4, 1)).text == "Decided 2 days late"


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0 minutes"), (59, "0 minutes"), (45 * 60, "45 minutes"), (3600, "1 hour"), (DAY, "1 working day"),
    (2 * DAY + 3 * 3600 + 1800, "2 working days 3 hours"), (-(DAY + 3600), "1 working day 1 hour"),
])
def test_working_durations_read_naturally(seconds, text):
    assert working_duration(seconds, DAY) == text


def test_durations_are_whole_chinese_phrases():
    with translation.override("zh-hans"):
        assert case_countdown(case(), calendar=CAL, now=sh(2026, 3, 6, 10)).text == "剩余5个工作日7小时"
        late = case(status=Status.COMPLETED, decided_at=sh(2026, 3, 17, 17))
        assert case_countdown(late, calendar=CAL, now=sh(2026, 4, 1)).text == "逾期2个工作日办结"
        assert case_countdown(case(), calendar=CAL, now=sh(2026, 3, 17, 11)).text == "已超期1个工作日2小时"
