"""The escalation sweep: remind, warn and escalate due cases in batches, each step exactly once per case."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Office
from workflow.models import Case, CaseEvent, CaseStep, EscalationPolicy, ServiceType
from workflow.rules import escalation
from workflow.rules.calendar import WorkCalendar
from workflow.rules.states import CLOCK_RUNNING
from workflow.services.calendar import work_calendar
from workflow.services.timeline import public_timeline_append

EVENT_FOR_STEP = {escalation.REMIND: CaseEvent.Kind.REMINDED, escalation.WARN: CaseEvent.Kind.WARNED}


@dataclass
class SweepResult:
    cases: int = 0
    steps: int = 0
    batches: int = 0


class _Context:
    """What a sweep needs besides the cases, loaded once: calendar, policies, the leadership chain."""

    def __init__(self, calendar: WorkCalendar):
        self.calendar = calendar
        default = escalation.Policy()
        policies = {p.pk: p.as_rule() for p in EscalationPolicy.objects.all()}
        self.policy_by_service = {
            pk: policies.get(policy_id, default)
            for pk, policy_id in ServiceType.objects.values_list("pk", "escalation_policy_id")
        }
        self.offices = {o.pk: o for o in Office.objects.filter(is_active=True).select_related("region")}
        self.leadership = sorted((o for o in self.offices.values() if o.kind == Office.Kind.LEADERSHIP),
                                 key=lambda o: -len(o.region.path))

    def chain_above(self, office_id: int | None) -> list[Office]:
        """Leadership offices covering an office's region, nearest first: the levels of escalation."""
        office = self.offices.get(office_id)
        if office is None:
            return []
        return [lead for lead in self.leadership if office.region.path.startswith(lead.region.path)]


def _targets(case: Case, step: escalation.Step, ctx: _Context) -> tuple[int | None, int | None]:
    if step.name == escalation.REMIND:
        return case.jurisdiction_office_id, case.reviewer_id
    if step.name == escalation.WARN:
        return case.jurisdiction_office_id, None
    chain = ctx.chain_above(case.jurisdiction_office_id)
    level = step.level - 2  # escalate-1 is the nearest leadership
    return (chain[level].pk if level < len(chain) else (chain[-1].pk if chain else None)), None


def _sweep_batch(*, now, batch_size: int, ctx: _Context) -> tuple[int, int]:
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update(skip_locked=True)
            .filter(status__in=CLOCK_RUNNING, next_step_at__isnull=False, next_step_at__lte=now)
            .order_by("next_step_at")
            .only("id", "service_id", "deadline", "reviewer_id", "jurisdiction_office_id", "escalation_level",
                  "next_step_at", "status")[:batch_size]
        )
        if not cases:
            return 0, 0
        done: dict[int, set[str]] = {c.pk: set() for c in cases}
        for case_id, step in CaseStep.objects.filter(case_id__in=done).values_list("case_id", "step"):
            done[case_id].add(step)
        new_steps, events = [], []
        for case in cases:
            schedule = escalation.schedule(case.deadline, ctx.policy_by_service[case.service_id], ctx.calendar)
            for step in escalation.due_steps(schedule, done[case.pk], now):
                office_id, user_id = _targets(case, step, ctx)
                new_steps.append(CaseStep(case_id=case.pk, step=step.name, level=step.level, due_at=step.due_at,
                                          done_at=now, target_office_id=office_id, target_user_id=user_id))
                office = ctx.offices.get(office_id)
                events.append(CaseEvent(case_id=case.pk, kind=EVENT_FOR_STEP.get(step.name, CaseEvent.Kind.ESCALATED),
                                        at=now, office_id=office_id, note=office.name if office else ""))
                done[case.pk].add(step.name)
                case.escalation_level = max(case.escalation_level, step.level)
            case.next_step_at = escalation.next_step_at(schedule, done[case.pk])
        # The unique (case, step) constraint is the last guard: a duplicate aborts the batch, never doubles it.
        CaseStep.objects.bulk_create(new_steps)
        CaseEvent.objects.bulk_create(events)
        public_timeline_append(events)  # reminders, warnings, escalations are not public: nothing, as things stand
        Case.objects.bulk_update(cases, ["next_step_at", "escalation_level"])
        return len(cases), len(new_steps)


def escalation_sweep(*, now=None, batch_size: int = 1000, time_budget: float = 50.0) -> SweepResult:
    """Process every case whose next reminder or escalation is due, batch by batch.

    Safe with concurrent sweeps (rows locked with SKIP LOCKED, steps unique per case), with a worker
    killed mid-sweep (a batch is one transaction) and with a sweep that runs late (all due steps at once).
    """
    now = now or timezone.now()
    ctx = _Context(work_calendar())
    result, started = SweepResult(), time.monotonic()
    while time.monotonic() - started < time_budget:
        cases, steps = _sweep_batch(now=now, batch_size=batch_size, ctx=ctx)
        if not cases:
            break
        result.cases += cases
        result.steps += steps
        result.batches += 1
    return result
