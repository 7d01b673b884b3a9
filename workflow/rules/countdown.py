"""A case's countdown against its deadline: the one rule the desk, the back office, the applicant's pages,
tracking and the kiosk all read, so that a clerk, a reviewer and a resident see the same time for a case.

Time is counted as the deadline was: in working time on the bureau's calendar, or in calendar time for the
limits the law counts in days. Pure: the caller passes the calendar (loaded once per page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflow.rules.calendar import WorkCalendar
from workflow.rules.states import DECIDED, FINAL, Status

OVERDUE, SOON, RUNNING, PAUSED, DONE, NONE = "overdue", "soon", "running", "paused", "done", "none"
CALENDAR_DAY_SECONDS = 24 * 3600


def working_duration(seconds: int, day_seconds: int, *, calendar_days: bool = False) -> str:
    """A span in (working) days, hours and, under an hour, minutes: "2 working days 3 hours", "45 minutes"."""
    days, rest = divmod(abs(int(seconds)), day_seconds)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    day_text = (ngettext("%(n)d day", "%(n)d days", days) if calendar_days else
                ngettext("%(n)d working day", "%(n)d working days", days)) % {"n": days}
    hour_text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    if days and hours:
        return _("%(days)s %(hours)s") % {"days": day_text, "hours": hour_text}  # one phrase: no space in Chinese
    if days or hours:
        return day_text if days else hour_text
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


@dataclass(frozen=True)
class Countdown:
    """Where a case stands against its deadline. `seconds` is the time left (running, soon, paused), past the
    deadline (overdue, paused with `late`) or by which the decision came late (done with `late`), else 0."""

    state: str
    seconds: int = 0
    day_seconds: int = 8 * 3600  # one working day, or 24 hours for limits counted in calendar days
    late: bool = False
    deadline: datetime | None = None
    calendar_days: bool = False

    @property
    def running(self) -> bool:
        """The clock runs and the deadline is ahead."""
        return self.state in (RUNNING, SOON)

    @property
    def soon(self) -> bool:
        return self.state == SOON

    @property
    def days(self) -> int:
        return self.seconds // self.day_seconds

    @property
    def hours(self) -> int:
        return self.seconds % self.day_seconds // 3600

    @property
    def css(self) -> str:
        if self.state == OVERDUE or self.late:
            return "countdown-overdue"
        return "countdown-soon" if self.state == SOON else ""

    @property
    def duration(self) -> str:
        return working_duration(self.seconds, self.day_seconds, calendar_days=self.calendar_days)

    @property
    def text(self) -> str:
        """The whole phrase, e.g. "2 working days 3 hours left", "Decided 2 working days late"."""
        if self.state == NONE:
            return _("No time limit") if self.deadline is None else _("Withdrawn before a decision")
        if self.state == DONE:
            if not self.late:
                return _("Decided in time")
            if self.seconds < 60:  # after closing time on the last day: late, by no working time
                return _("Decided after the deadline")
            return _("Decided %(duration)s late") % {"duration": self.duration}
        if self.state == PAUSED:
            if self.late:
                return _("Clock paused (overdue by %(duration)s)") % {"duration": self.duration}
            return _("Clock paused (%(duration)s left)") % {"duration": self.duration}
        if self.state == OVERDUE:
            return _("Overdue by %(duration)s") % {"duration": self.duration} if self.seconds else _("Overdue")
        return _("%(duration)s left") % {"duration": self.duration}


def countdown(*, status: str, deadline: datetime | None, paused_at: datetime | None, decided_at: datetime | None,
              closed_at: datetime | None, calendar: WorkCalendar, now: datetime,
              calendar_days: bool = False) -> Countdown:
    """The countdown of a case from its columns (no database access)."""
    day = CALENDAR_DAY_SECONDS if calendar_days else calendar.day_seconds

    def between(start: datetime, end: datetime) -> int:
        if end <= start:
            return 0
        return int((end - start).total_seconds()) if calendar_days else calendar.working_seconds_between(start, end)

    def made(state: str, seconds: int = 0, late: bool = False) -> Countdown:
        return Countdown(state, seconds, day, late=late, deadline=deadline, calendar_days=calendar_days)

    if deadline is None or status == Status.WITHDRAWN:
        return made(NONE)
    if status in DECIDED or status in FINAL:
        end = decided_at or closed_at or now
        return made(DONE, between(deadline, end), late=end > deadline)
    if paused_at is not None:
        if paused_at >= deadline:
            return made(PAUSED, between(deadline, paused_at), late=True)
        return made(PAUSED, between(paused_at, deadline))
    if now >= deadline:
        return made(OVERDUE, between(deadline, now), late=True)
    left = between(now, deadline)
    return made(SOON if left <= day else RUNNING, left)
