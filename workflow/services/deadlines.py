"""Deadlines, the pauses that extend them, and the next reminder or escalation of a case."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workflow.models import Case, CaseEvent, CasePause, CaseStep, EscalationPolicy
from workflow.registry import LimitUnit
from workflow.rules import escalation
from workflow.rules.calendar import WorkCalendar
from workflow.rules.states import Status
from workflow.services.timeline import public_timeline_append

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


_RECOMPUTED = (Status.ROUTED, Status.IN_REVIEW, Status.SUPPLEMENT_REQUESTED)


def _replayed_deadline(case: Case, calendar: WorkCalendar) -> datetime:
    """The deadline computed again from acceptance, each finished pause extending it as pause_end did."""
    deadline = compute_deadline(case=case, calendar=calendar)
    for pause in case.pauses.all():
        if pause.ended_at is not None:
            pause.extended_by_seconds = calendar.working_seconds_between(pause.started_at, pause.ended_at)
            deadline = calendar.add_working_seconds(deadline, pause.extended_by_seconds)
    return deadline


def deadlines_recompute(*, calendar: WorkCalendar, years: list[int], actor=None) -> int:
    """Recompute, on `calendar`, the deadlines (counted in working days) of the open cases that reach `years`:
    accepted before their end, due on or after their start. Each deadline that moves gets a timeline event and its
    next reminder or escalation rescheduled. The caller holds the transaction. The number of deadlines changed."""
    start = datetime(min(years), 1, 1, tzinfo=calendar.tz)
    end = datetime(max(years) + 1, 1, 1, tzinfo=calendar.tz)
    cases = (Case.objects.select_for_update(of=("self",))
             .filter(status__in=_RECOMPUTED, deadline__gte=start, accepted_at__lt=end)
             .exclude(service__limit_unit=LimitUnit.CALENDAR_DAYS)
             .select_related("service", "service__escalation_policy", "jurisdiction_office")
             .prefetch_related(Prefetch("pauses", queryset=CasePause.objects.order_by("started_at")), "steps"))
    changed, pauses, events = [], [], []
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):  # the note is stored once, read by the bureau
        for case in cases:
            deadline = _replayed_deadline(case, calendar)
            if deadline == case.deadline:
                continue
            note = _("Holiday calendar of %(years)s changed: deadline %(old)s → %(new)s") % {
                "years": "、".join(str(year) for year in years),
                "old": f"{timezone.localtime(case.deadline):%Y-%m-%d %H:%M}",
                "new": f"{timezone.localtime(deadline):%Y-%m-%d %H:%M}"}
            case.deadline = deadline
            schedule_next_step(case=case, calendar=calendar, done={step.step for step in case.steps.all()})
            changed.append(case)
            pauses += [pause for pause in case.pauses.all() if pause.ended_at is not None]
            events.append(CaseEvent(case=case, kind=CaseEvent.Kind.DEADLINE_CHANGED, actor=actor,
                                    office=case.jurisdiction_office, at=now, note=note))
    Case.objects.bulk_update(changed, ["deadline", "next_step_at"], batch_size=500)
    CasePause.objects.bulk_update(pauses, ["extended_by_seconds"], batch_size=500)
    CaseEvent.objects.bulk_create(events, batch_size=500)
    public_timeline_append(events)
    return len(changed)
