"""The public timeline of a case computed afresh from its rows: what workflow.services.timeline keeps in
PublicTimeline, and what the tracking page reads when a case has none (two queries)."""

from __future__ import annotations

from datetime import UTC, datetime

from accounts.models import Person
from workflow.models import Case, CaseEvent
from workflow.models.timeline import AT_FORMAT, PUBLIC_EVENTS


def mask_organisation_name(name: str) -> str:
    """An employer's name with its middle hidden: 东营胜利石油装备有限公司 -> 东营******有限公司."""
    name = (name or "").strip()
    if len(name) <= 4:
        return name[:1] + "*" * max(len(name) - 1, 1)
    if len(name) <= 8:
        return name[:2] + "*" * (len(name) - 2)
    return name[:2] + "*" * (len(name) - 6) + name[-4:]


def masked_applicant(person_name: str | None, employer_name: str | None) -> str:
    """The masked surname, and the masked name of an employer, as the public may read them."""
    parts = []
    if person_name is not None:
        parts.append(Person(name=person_name).masked_name)
    if employer_name is not None:
        parts.append(mask_organisation_name(employer_name))
    return " · ".join(parts)


def timeline_entry(*, at: datetime, kind: str, office_id: int | None, actor_kind: str | None,
                   staff_number: str | None, event_id: int) -> list:
    """One public event as PublicTimeline.events keeps it."""
    return [at.astimezone(UTC).strftime(AT_FORMAT), kind, office_id, actor_kind, staff_number or "", event_id]


def event_entry(event: CaseEvent) -> list:
    """The entry of an event just written (its actor, if any, is the object the writer passed: no query)."""
    actor = event.actor if event.actor_id is not None else None
    return timeline_entry(at=event.at, kind=event.kind, office_id=event.office_id,
                          actor_kind=actor.kind if actor else None, staff_number=actor.staff_number if actor else "",
                          event_id=event.pk)


def public_timeline_compute(case_id: int) -> dict:
    """The fields of the case's PublicTimeline from its rows: two queries (the applicant and the accepting user;
    the public events, however many)."""
    person, employer, clerk_kind, clerk_number = Case.objects.filter(pk=case_id).values_list(
        "person__name", "employer__name", "accepted_by__kind", "accepted_by__staff_number").get()
    rows = CaseEvent.objects.filter(case_id=case_id, kind__in=PUBLIC_EVENTS).order_by("at", "id").values_list(
        "at", "kind", "office_id", "actor__kind", "actor__staff_number", "id")
    return {
        "applicant": masked_applicant(person, employer), "clerk_kind": clerk_kind or "",
        "clerk_number": clerk_number or "",
        "events": [timeline_entry(at=at, kind=kind, office_id=office, actor_kind=actor_kind, staff_number=number,
                                  event_id=pk) for at, kind, office, actor_kind, number, pk in rows],
    }
