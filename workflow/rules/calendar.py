"""Working-day arithmetic on a calendar of weekends, public holidays and exchanged working weekend days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from workflow.rules.holidays import statutory_holiday_dates

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class WorkCalendar:
    """Monday to Friday are working days, except `holidays`; `workdays` are weekend days worked in exchange.

    `published_years`: the years whose holiday notice is loaded. In any other year the statutory holidays
    (workflow.rules.holidays) are days off too, provisionally. None: the days given are all there is.
    Working time runs from `opens` to `closes` on working days, in the bureau's time zone.
    """

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)
    opens: time = time(9, 0)
    closes: time = time(17, 0)
    tz: ZoneInfo = SHANGHAI
    published_years: frozenset[int] | None = None

    @property
    def day_seconds(self) -> int:
        return (datetime.combine(date.min, self.closes) - datetime.combine(date.min, self.opens)).seconds

    def is_provisional(self, day: date) -> bool:
        """Whether `day` lies in a year without a published notice (its days off are the statutory ones only)."""
        return self.published_years is not None and day.year not in self.published_years

    def is_working(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if self.is_provisional(day) and day in statutory_holiday_dates(day.year):
            return False
        return day.weekday() < 5

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n >= 1); `day` itself does not count."""
        if n < 1:
            raise ValueError("n must be at least 1")
        current, counted = day, 0
        while counted < n:
            current += timedelta(days=1)
            if self.is_working(current):
                counted += 1
        return current

    def close_of(self, day: date) -> datetime:
        return datetime.combine(day, self.closes, tzinfo=self.tz)

    def working_deadline(self, accepted_at: datetime, n: int) -> datetime:
        """Close of business on the n-th working day after the day of acceptance."""
        return self.close_of(self.add_working_days(accepted_at.astimezone(self.tz).date(), n))

    def calendar_deadline(self, accepted_at: datetime, n: int) -> datetime:
        """Close of business n calendar days after the day of acceptance (limits the law counts in days)."""
        return self.close_of(accepted_at.astimezone(self.tz).date() + timedelta(days=n))

    def _window(self, day: date) -> tuple[datetime, datetime]:
        return (datetime.combine(day, self.opens, tzinfo=self.tz), datetime.combine(day, self.closes, tzinfo=self.tz))

    def working_seconds_between(self, start: datetime, end: datetime) -> int:
        """Seconds of working time between two instants (0 if end is not after start)."""
        if end <= start:
            return 0
        start, end = start.astimezone(self.tz), end.astimezone(self.tz)
        total, day = 0, start.date()
        while day <= end.date():
            if self.is_working(day):
                opens, closes = self._window(day)
                lo, hi = max(opens, start), min(closes, end)
                if hi > lo:
                    total += int((hi - lo).total_seconds())
            day += timedelta(days=1)
        return total

    def add_working_seconds(self, moment: datetime, seconds: int) -> datetime:
        """The instant `seconds` of working time after `moment` (backwards when negative)."""
        if seconds < 0:
            return self._subtract_working_seconds(moment, -seconds)
        moment = moment.astimezone(self.tz)
        day, remaining = moment.date(), seconds
        while True:
            if self.is_working(day):
                opens, closes = self._window(day)
                start = max(opens, moment) if day == moment.date() else opens
                if start < closes:
                    available = int((closes - start).total_seconds())
                    if remaining <= available:
                        return start + timedelta(seconds=remaining)
                    remaining -= available
            day += timedelta(days=1)

    def _subtract_working_seconds(self, moment: datetime, seconds: int) -> datetime:
        moment = moment.astimezone(self.tz)
        day, remaining = moment.date(), seconds
        while True:
            if self.is_working(day):
                opens, closes = self._window(day)
                end = min(closes, moment) if day == moment.date() else closes
                if end > opens:
                    available = int((end - opens).total_seconds())
                    if remaining <= available:
                        return end - timedelta(seconds=remaining)
                    remaining -= available
            day -= timedelta(days=1)
