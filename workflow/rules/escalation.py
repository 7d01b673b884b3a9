"""When a case's reviewer is reminded, its office head warned, and the levels above alerted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workflow.rules.calendar import WorkCalendar

REMIND, WARN = "remind", "warn"


def escalate_step(level: int) -> str:
    return f"escalate-{level}"


@dataclass(frozen=True)
class Policy:
    remind_before_days: int = 1  # working days before the deadline
    grace_days: int = 1  # working days after the deadline before the first level up
    level_interval_days: int = 2  # working days between further levels
    max_levels: int = 2


@dataclass(frozen=True)
class Step:
    name: str
    due_at: datetime
    level: int  # 0 remind, 1 warn (office head), 2.. escalation levels above


def schedule(deadline: datetime, policy: Policy, calendar: WorkCalendar) -> list[Step]:
    day = calendar.day_seconds
    steps = [
        Step(REMIND, calendar.add_working_seconds(deadline, -policy.remind_before_days * day), 0),
        Step(WARN, deadline, 1),
    ]
    for level in range(1, policy.max_levels + 1):
        offset = (policy.grace_days + (level - 1) * policy.level_interval_days) * day
        steps.append(Step(escalate_step(level), calendar.add_working_seconds(deadline, offset), level + 1))
    return steps


def due_steps(steps: list[Step], done: set[str], now: datetime) -> list[Step]:
    """Steps not yet done whose time has come (all of them, if the sweep runs late)."""
    return [s for s in steps if s.name not in done and s.due_at <= now]


def next_step_at(steps: list[Step], done: set[str]) -> datetime | None:
    pending = [s.due_at for s in steps if s.name not in done]
    return min(pending) if pending else None
