"""Every existing case gets its public timeline (workflow.models.timeline.PublicTimeline), computed from its rows as
workflow.selectors.timeline.public_timeline_compute does: one set-based statement on PostgreSQL, case by case on
other databases. A frozen copy of the rules, so that later changes of the code do not change this migration."""

from datetime import UTC

from django.db import migrations

PUBLIC_EVENTS = sorted([
    "accepted", "routed", "claimed", "assigned", "released", "reassigned", "supplement_requested",
    "supplement_received", "approved", "rejected", "completed", "withdrawn", "deadline_changed",
])
AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"

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


def _masked_organisation(name):
    name = (name or "").strip()
    if len(name) <= 4:
        return name[:1] + "*" * max(len(name) - 1, 1)
    if len(name) <= 8:
        return name[:2] + "*" * (len(name) - 2)
    return name[:2] + "*" * (len(name) - 6) + name[-4:]


def _applicant(person, employer):
    parts = []
    if person is not None:
        parts.append(person[:1] + "*" * max(len(person) - 1, 1))
    if employer is not None:
        parts.append(_masked_organisation(employer))
    return " · ".join(parts)


def fill(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(FILL_SQL, {"public": PUBLIC_EVENTS})
        return
    Case = apps.get_model("workflow", "Case")
    CaseEvent = apps.get_model("workflow", "CaseEvent")
    PublicTimeline = apps.get_model("workflow", "PublicTimeline")
    cases = Case.objects.filter(public_timeline__isnull=True).values_list(
        "pk", "person__name", "employer__name", "accepted_by__kind", "accepted_by__staff_number")
    for case_id, person, employer, clerk_kind, clerk_number in cases.iterator():
        rows = CaseEvent.objects.filter(case_id=case_id, kind__in=PUBLIC_EVENTS).order_by("at", "id").values_list(
            "at", "kind", "office_id", "actor__kind", "actor__staff_number", "id")
        events = [[at.astimezone(UTC).strftime(AT_FORMAT), kind, office, actor_kind, number or "", pk]
                  for at, kind, office, actor_kind, number, pk in rows]
        PublicTimeline.objects.create(case_id=case_id, applicant=_applicant(person, employer),
                                      clerk_kind=clerk_kind or "", clerk_number=clerk_number or "", events=events)


class Migration(migrations.Migration):

    dependencies = [
        ("workflow", "0010_public_timeline"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
