"""The period the back-office figures cover (the last 30 days up to now), cut at local midnights: the closed days
read from the daily roll-ups, and the two open edges counted live (pure: no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from workflow.rules.calendar import SHANGHAI

PERIOD_DAYS = 30


def midnight(day: date) -> datetime:
    """The local (Asia/Shanghai) start of a day."""
    return datetime.combine(day, time(0), tzinfo=SHANGHAI)


def local_day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


@dataclass(frozen=True)
class Period:
    since: datetime  # now - 30 days: the start of the period, any time of day
    first_day: date  # the first whole day in the period
    first_start: datetime  # its midnight: [since, first_start) is the period's partial first day, counted live
    today: date
    today_start: datetime  # [today_start, now] is counted live

    @property
    def last_closed_day(self) -> date:
        return self.today - timedelta(days=1)


def period_of(now: datetime, *, days: int = PERIOD_DAYS) -> Period:
    since = now - timedelta(days=days)
    first = local_day(since)
    if midnight(first) < since:
        first += timedelta(days=1)
    today = local_day(now)
    return Period(since=since, first_day=first, first_start=midnight(first), today=today,
                  today_start=midnight(today))
