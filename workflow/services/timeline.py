"""Keeping each case's public timeline (PublicTimeline) equal to what its rows give, in the transaction that
writes them: started when the case is accepted, an entry appended with each public event (one UPDATE, whatever
the length of the timeline). A case without one (made by a bulk generator, say) gets it computed afresh when its
next public event is written; until then the tracking page computes it itself (two queries more)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection

from accounts.models import User
from workflow.models import Case, CaseEvent, PublicTimeline
from workflow.models.timeline import PUBLIC_EVENTS
from workflow.selectors.timeline import event_entry, masked_applicant, public_timeline_compute

# Cases whose entries one statement appends (PostgreSQL), for writes of many cases at once (a calendar change).
_BATCH = 500

# Set-based (PostgreSQL): the public timeline of every case that has none, computed as public_timeline_compute
# does (the masking of workflow.selectors.timeline in SQL). For bulk generators, after their cases and events.
FILL_SQL = """
WITH ev AS (
    SELECT e.case_id,
           jsonb_agg(jsonb_build_array(
               to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
               e.kind, e.office_id, a.kind, coalesce(a.staff_number, ''), e.id) ORDER BY e.at, e.id) AS events
    FROM workflow_caseevent e LEFT JOIN accounts_user a ON a.id = e.actor_id
    WHERE e.kind = ANY(%(public)s)
    GROUP BY e.case_id
)
INSERT INTO workflow_publictimeline (case_id, applicant, clerk_kind, clerk_number, events)
SELECT c.id,
       concat_ws(' · ',
           left(p.name, 1) || repeat('*', greatest(char_length(p.name) - 1, 1)),
           CASE WHEN m.id IS NULL THEN NULL
                WHEN char_length(btrim(m.name)) <= 4
                    THEN left(btrim(m.name), 1) || repeat('*', greatest(char_length(btrim(m.name)) - 1, 1))
                WHEN char_length(btrim(m.name)) <= 8
                    THEN left(btrim(m.name), 2) || repeat('*', char_length(btrim(m.name)) - 2)
                ELSE left(btrim(m.name), 2) || repeat('*', char_length(btrim(m.name)) - 6) || right(btrim(m.name), 4)
           END),
       coalesce(u.kind, ''), coalesce(u.staff_number, ''), coalesce(ev.events, '[]'::jsonb)
FROM workflow_case c
JOIN accounts_user u ON u.id = c.accepted_by_id
LEFT JOIN accounts_person p ON p.id = c.person_id
LEFT JOIN accounts_employer m ON m.id = c.employer_id
LEFT JOIN ev ON ev.case_id = c.id
WHERE NOT EXISTS (SELECT 1 FROM workflow_publictimeline t WHERE t.case_id = c.id)
"""


def public_timeline_start(*, case: Case, actor: User) -> PublicTimeline:
    """The public timeline of a case being accepted (before its first event): one INSERT, no read."""
    timeline = _new_timeline(case, actor)
    timeline.save(force_insert=True)
    return timeline


def _new_timeline(case: Case, actor: User, events: list | None = None) -> PublicTimeline:
    """A case's timeline as it is accepted by `actor` (its person and employer loaded: their names are masked)."""
    person = case.person.name if case.person_id is not None else None
    employer = case.employer.name if case.employer_id is not None else None
    return PublicTimeline(case=case, applicant=masked_applicant(person, employer), clerk_kind=actor.kind,
                          clerk_number=actor.staff_number or "", events=events or [])


def public_timelines_start_many(*, cases: list[Case], events: Iterable[CaseEvent], actor: User) -> None:
    """The public timelines of cases accepted together (cases_accept_routed), with their first events: one
    INSERT. The cases' persons and employers must be loaded (their names are masked here)."""
    by_case: dict[int, list[list]] = defaultdict(list)
    for event in events:
        if event.kind in PUBLIC_EVENTS:
            by_case[event.case_id].append(event_entry(event))
    PublicTimeline.objects.bulk_create([_new_timeline(case, actor, by_case[case.pk]) for case in cases])


def public_timeline_append(events: Iterable[CaseEvent]) -> None:
    """After `events` were written: their public ones are appended to their cases' timelines (the private ones
    cost nothing). A case without a public timeline gets it computed afresh, these events included."""
    by_case: dict[int, list[list]] = defaultdict(list)
    for event in events:
        if event.kind in PUBLIC_EVENTS:
            by_case[event.case_id].append(event_entry(event))
    if not by_case:
        return
    if connection.vendor == "postgresql" and len(by_case) > 1:
        missing = set(by_case)
        items = list(by_case.items())
        for start in range(0, len(items), _BATCH):
            missing -= _append_many_postgresql(dict(items[start:start + _BATCH]))
    else:
        missing = {case_id for case_id, entries in by_case.items() if not _append(case_id, entries)}
    for case_id in sorted(missing):
        public_timeline_rebuild(case_id=case_id)


def public_timeline_rebuild(*, case_id: int) -> PublicTimeline:
    """The case's public timeline computed afresh from its rows and stored (three queries)."""
    timeline, _created = PublicTimeline.objects.update_or_create(case_id=case_id,
                                                                 defaults=public_timeline_compute(case_id))
    return timeline


def public_timeline_fill() -> int:
    """Give every case without a public timeline its own, computed from its rows: one statement on PostgreSQL
    (for bulk generators and the migration that introduced the table), case by case elsewhere. How many."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(FILL_SQL, {"public": sorted(PUBLIC_EVENTS)})
            return cursor.rowcount
    missing = Case.objects.filter(public_timeline__isnull=True).values_list("pk", flat=True)
    return sum(1 for case_id in missing.iterator() if public_timeline_rebuild(case_id=case_id))


def _append(case_id: int, entries: list[list]) -> bool:
    """Append to one case's timeline in the database, without reading it; False if the case has none."""
    if connection.vendor == "postgresql":
        sql = "UPDATE workflow_publictimeline SET events = events || %s::jsonb WHERE case_id = %s"
        params = [json.dumps(entries)]
    elif connection.vendor == "sqlite":
        # json_insert appends at '$[#]', one path and value per entry (only placeholders are repeated).
        appended = ", '$[#]', json(%s)" * len(entries)
        sql = "UPDATE workflow_publictimeline SET events = json_insert(events" + appended + ") WHERE case_id = %s"  # noqa: S608
        params = [json.dumps(entry) for entry in entries]
    else:
        timeline = PublicTimeline.objects.select_for_update().filter(case_id=case_id).first()
        if timeline is None:
            return False
        timeline.events = [*timeline.events, *entries]
        timeline.save(update_fields=["events"])
        return True
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, case_id])
        return cursor.rowcount > 0


def _append_many_postgresql(by_case: dict[int, list[list]]) -> set[int]:
    """Append to many cases' timelines in one statement; the cases that had one."""
    rows = json.dumps([{"case_id": case_id, "entries": entries} for case_id, entries in by_case.items()])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE workflow_publictimeline AS t SET events = t.events || v.entries "
            "FROM jsonb_to_recordset(%s::jsonb) AS v(case_id bigint, entries jsonb) "
            "WHERE t.case_id = v.case_id RETURNING t.case_id", [rows])
        return {case_id for (case_id,) in cursor.fetchall()}
