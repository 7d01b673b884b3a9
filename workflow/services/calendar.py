"""The working-day calendar as loaded from the bureau's exceptions (one query)."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from django.conf import settings

from workflow.models import CalendarDay
from workflow.rules.calendar import WorkCalendar


def work_calendar(*, since: date | None = None) -> WorkCalendar:
    """The calendar from `since` on (default: every exception; the table holds a few dozen rows a year)."""
    days = CalendarDay.objects.all()
    if since is not None:
        days = days.filter(date__gte=since)
    holidays, workdays = set(), set()
    for day, kind in days.values_list("date", "kind"):
        (holidays if kind == CalendarDay.Kind.HOLIDAY else workdays).add(day)
    return WorkCalendar(
        holidays=frozenset(holidays), workdays=frozenset(workdays),
        opens=time.fromisoformat(settings.WORKDAY_OPENS), closes=time.fromisoformat(settings.WORKDAY_CLOSES),
        tz=ZoneInfo(settings.TIME_ZONE),
    )
