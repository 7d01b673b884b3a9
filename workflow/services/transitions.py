"""The one gate for status changes: validate against the state table and write the timeline row."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.exceptions import InvalidTransition
from workflow.models import Case, CaseEvent
from workflow.rules.states import Status, can_transition
from workflow.services.timeline import public_timeline_append

# The timeline event that records each status change.
EVENT_FOR_STATUS = {
    Status.ROUTED: CaseEvent.Kind.ROUTED,
    Status.IN_REVIEW: CaseEvent.Kind.CLAIMED,
    Status.SUPPLEMENT_REQUESTED: CaseEvent.Kind.SUPPLEMENT_REQUESTED,
    Status.APPROVED: CaseEvent.Kind.APPROVED,
    Status.REJECTED: CaseEvent.Kind.REJECTED,
    Status.COMPLETED: CaseEvent.Kind.COMPLETED,
    Status.WITHDRAWN: CaseEvent.Kind.WITHDRAWN,
}


def case_event_add(*, case: Case, kind: str, actor=None, office=None, note: str = "", at=None,
                   from_status: str = "", to_status: str = "") -> CaseEvent:
    """Write a timeline row; a public one goes to the case's public timeline too (one more UPDATE)."""
    event = CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, office=office if office is not None else getattr(actor, "office", None),
        note=note, at=at or timezone.now(), from_status=from_status, to_status=to_status,
    )
    public_timeline_append([event])
    return event


def case_transition(*, case: Case, to: str, actor, note: str = "", kind: str | None = None, office=None,
                    at=None) -> Case:
    """Move a case (locked by the caller) to a new status, or raise InvalidTransition and change nothing."""
    current = case.status
    if not can_transition(current, to):
        raise InvalidTransition(
            _("A case that is “%(current)s” cannot become “%(target)s”.")
            % {"current": Status(current).label, "target": Status(to).label}
        )
    now = at or timezone.now()
    case.status = to
    update = ["status", "updated_at"]
    if to in (Status.APPROVED, Status.REJECTED) and case.decided_at is None:
        case.decided_at = now
        update.append("decided_at")
    if to in (Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN):
        case.closed_at, case.next_step_at = now, None
        update += ["closed_at", "next_step_at"]
    case.save(update_fields=update)
    case_event_add(case=case, kind=kind or EVENT_FOR_STATUS[to], actor=actor, office=office, note=note, at=now,
                   from_status=current, to_status=to)
    return case
