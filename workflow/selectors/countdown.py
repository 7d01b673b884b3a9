"""The countdown of a case as every screen shows it: workflow.rules.countdown read from a Case's columns."""

from __future__ import annotations

from datetime import datetime

from workflow.models import Case
from workflow.registry import LimitUnit
from workflow.rules.calendar import WorkCalendar
from workflow.rules.countdown import Countdown, countdown, working_duration

__all__ = ["Countdown", "case_countdown", "working_duration"]


def case_countdown(case: Case, *, calendar: WorkCalendar, now: datetime) -> Countdown:
    """No database access when the case comes with its service (select_related); the caller loads the calendar
    once per page (workflow.services.calendar.work_calendar_cached)."""
    calendar_days = case.service_id is not None and case.service.limit_unit == LimitUnit.CALENDAR_DAYS
    return countdown(status=case.status, deadline=case.deadline, paused_at=case.paused_at,
                     decided_at=case.decided_at, closed_at=case.closed_at, calendar=calendar, now=now,
                     calendar_days=calendar_days)
