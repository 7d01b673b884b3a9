"""Countdowns in working time: what a case's deadline means right now, for lists, the case page and tracking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflow.models import Case
from workflow.rules.calendar import WorkCalendar
from workflow.rules.states import DECIDED, FINAL, Status

OVERDUE, SOON, RUNNING, PAUSED, DONE, NONE = "overdue", "soon", "running", "paused", "done", "none"


def working_duration(seconds: int, day_seconds: int) -> str:
    """A span of working time in working days, hours and (under an hour) minutes: "2 working days 3 hours"."""
    days, rest = divmod(abs(int(seconds)), day_seconds)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(ngettext("%(n)d working day", "%(n)d working days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if not days and not hours:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return " ".join(parts)


@dataclass(frozen=True)
class Countdown:
    """Where a case stands against its deadline. `seconds` is working time: left (running, soon, paused),
    past the deadline (overdue, or paused with `late`), 0 otherwise."""

    state: str
    seconds: int = 0
    day_seconds: int = 8 * 3600
    late: bool = False
    deadline: datetime | None = None

    @property
    def css(self) -> str:
        if self.state == OVERDUE or self.late:
            return "countdown-overdue"
        return "countdown-soon" if self.state == SOON else ""

    @property
    def duration(self) -> str:
        return working_duration(self.seconds, self.day_seconds)

    @property
    def text(self) -> str:
        if self.state == NONE:
            return _("No time limit")
        if self.state == DONE:
            return _("Decided late") if self.late else _("Decided in time")
        if self.state == PAUSED:
            if self.late:
                return _("Clock paused (overdue by %(duration)s)") % {"duration": self.duration}
            return _("Clock paused (%(duration)s left)") % {"duration": self.duration}
        if self.state == OVERDUE:
            return _("Overdue by %(duration)s") % {"duration": self.duration} if self.seconds else _("Overdue")
        return _("%(duration)s left") % {"duration": self.duration}


def _between(calendar: WorkCalendar, start: datetime, end: datetime) -> tuple[int, bool]:
    """Working seconds from start to the deadline `end`, and whether the deadline had already passed."""
    if end > start:
        return calendar.working_seconds_between(start, end), False
    return calendar.working_seconds_between(end, start), True


def case_countdown(case: Case, *, calendar: WorkCalendar, now: datetime) -> Countdown:
    """The countdown of one case: no database access (the caller loads the calendar once per page)."""
    day = calendar.day_seconds
    deadline = case.deadline
    if deadline is None or case.status == Status.WITHDRAWN:
        return Countdown(NONE, day_seconds=day, deadline=deadline)
    if case.status in DECIDED or case.status in FINAL:
        end = case.decided_at or case.closed_at or now
        return Countdown(DONE, day_seconds=day, late=end > deadline, deadline=deadline)
    if case.paused_at is not None:
        seconds, late = _between(calendar, case.paused_at, deadline)
        return Countdown(PAUSED, seconds, day, late=late, deadline=deadline)
    seconds, late = _between(calendar, now, deadline)
    if late or now >= deadline:
        return Countdown(OVERDUE, seconds, day, late=True, deadline=deadline)
    return Countdown(SOON if seconds <= day else RUNNING, seconds, day, deadline=deadline)
