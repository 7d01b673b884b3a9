"""Every write of the workflow: one transaction each, the actor passed in."""

from workflow.services.calendar import work_calendar, work_calendar_cached
from workflow.services.cases import (
    case_accept,
    case_approve,
    case_assign,
    case_check,
    case_claim,
    case_reassign,
    case_reject,
    case_release,
    case_request_supplement,
    case_supplement_received,
    case_withdraw,
    cases_accept_routed,
)
from workflow.services.outbox import outbox_enqueue
from workflow.services.sequences import sequence_next, sequence_reserve
from workflow.services.steps import case_step_acknowledge
from workflow.services.sweep import escalation_sweep
from workflow.services.timeline import (
    public_timeline_append,
    public_timeline_fill,
    public_timeline_rebuild,
    public_timeline_start,
)
from workflow.services.transitions import case_event_add, case_transition

__all__ = [
    "case_accept", "case_approve", "case_assign", "case_check", "case_claim", "case_event_add",
    "case_reassign", "case_reject", "case_release", "case_request_supplement", "case_step_acknowledge",
    "case_supplement_received", "case_transition", "case_withdraw", "cases_accept_routed", "escalation_sweep",
    "outbox_enqueue", "public_timeline_append", "public_timeline_fill", "public_timeline_rebuild",
    "public_timeline_start", "sequence_next", "sequence_reserve", "work_calendar", "work_calendar_cached",
]
