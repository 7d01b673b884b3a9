"""Deadlines, the pauses that extend them, and the next reminder or escalation of a case."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from workflow.models import Case, CasePause, CaseStep, EscalationPolicy
from workflow.registry import LimitUnit
from workflow.rules import escalation
from workflow.rules.calendar import WorkCalendar

DEFAULT_POLICY = escalation.Policy()


def policy_for(case: Case) -> escalation.Policy:
    policy: EscalationPolicy | None = case.service.escalation_policy
    return policy.as_rule() if policy else DEFAULT_POLICY


def compute_deadline(*, case: Case, calendar: WorkCalendar) -> datetime:
    service = case.service
    if service.limit_unit == LimitUnit.CALENDAR_DAYS:
        return calendar.calendar_deadline(case.accepted_at, service.limit)
    return calendar.working_deadline(case.accepted_at, service.limit)


def schedule_next_step(*, case: Case, calendar: WorkCalendar, done: set[str] | None = None) -> None:
    """Set case.next_step_at from the deadline and the steps already done (the caller saves)."""
    if case.deadline is None or not case.clock_running:
        case.next_step_at = None
        return
    if done is None:
        done = set(CaseStep.objects.filter(case=case).values_list("step", flat=True))
    steps = escalation.schedule(case.deadline, policy_for(case), calendar)
    case.next_step_at = escalation.next_step_at(steps, done)


def pause_start(*, case: Case, at: datetime | None = None) -> None:
    at = at or timezone.now()
    CasePause.objects.create(case=case, started_at=at)
    case.paused_at, case.next_step_at = at, None


def pause_end(*, case: Case, calendar: WorkCalendar, at: datetime | None = None) -> int:
    """Close the open pause and push the deadline back by the working time it lasted (calendar time for
    limits counted in calendar days). Returns the extension in seconds."""
    at = at or timezone.now()
    pause = CasePause.objects.select_for_update().get(case=case, ended_at__isnull=True)
    if case.service.limit_unit == LimitUnit.CALENDAR_DAYS:
        extension = int((at - pause.started_at).total_seconds())
        case.deadline = case.deadline + (at - pause.started_at)
    else:
        extension = calendar.working_seconds_between(pause.started_at, at)
        if extension:
            case.deadline = calendar.add_working_seconds(case.deadline, extension)
    pause.ended_at, pause.extended_by_seconds = at, extension
    pause.save(update_fields=["ended_at", "extended_by_seconds"])
    case.paused_at = None
    return extension
