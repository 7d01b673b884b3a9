"""Escalation sweep over 1,000,000 open cases with 1% past due (goal: under 10 s; queries independent of size).

The same 10,000 due cases are swept twice: first among 100,000 open cases, then among 1,000,000,
to show that the sweep's time and query count depend on the due cases, not on all open cases.
"""

from datetime import timedelta

from harness import connection, offices_and_clerk, report, scratch_database, timed

DUE = 10_000


def insert_cases(*, start: int, count: int, due: int, now, service_id, person_ids, clerk_id, office_id) -> None:
    """Set-based insert: `due` cases whose reminder time has passed, the rest due in the future."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO workflow_case (number, tracking_code, service_id, person_id, channel, accepted_by_id,
                jurisdiction_office_id, accepted_office_id, status, data, checks, result, materials_received,
                materials_missing, decision_note, accepted_at, deadline, next_step_at, escalation_level, updated_at)
            SELECT lpad(g::text, 15, '0'), 'B' || lpad(g::text, 15, '0'), %(service)s,
                   (%(persons)s::bigint[])[1 + g %% array_length(%(persons)s::bigint[], 1)], 'counter', %(clerk)s,
                   %(office)s, %(office)s, CASE WHEN g %% 2 = 0 THEN 'routed' ELSE 'in_review' END,
                   '{}', '[]', '{}', '[]', '[]', '', d.deadline - interval '10 days', d.deadline,
                   d.deadline - interval '8 hours', 0, now()
            FROM generate_series(%(start)s, %(end)s) AS g,
                 LATERAL (SELECT CASE WHEN g - %(start)s < %(due)s
                                      THEN %(now)s - (random() * interval '5 days')
                                      ELSE %(now)s + interval '3 days' + (random() * interval '20 days') END
                          AS deadline) AS d
            """,
            {"service": service_id, "persons": person_ids, "clerk": clerk_id, "office": office_id,
             "start": start, "end": start + count - 1, "due": due, "now": now},
        )
        cur.execute("ANALYZE workflow_case")


def main() -> None:
    from django.utils import timezone

    from accounts.generate import generate_persons
    from accounts.models import Person
    from workflow.models import CaseStep, ServiceType
    from workflow.services import escalation_sweep
    from workflow.services.catalogue import STANDARD_POLICY

    if connection.vendor != "postgresql":
        print("escalation_sweep: needs PostgreSQL (set DATABASE_URL); skipped")
        return
    results: dict = {}
    with scratch_database():
        offices, clerk = offices_and_clerk()
        from workflow.models import EscalationPolicy

        policy, _ = EscalationPolicy.objects.get_or_create(name=STANDARD_POLICY)
        service = ServiceType.objects.create(code="bench.timed", name_zh="基准", name_en="bench", domain="bench",
                                             kind="time_limited", applicant="person", limit=5,
                                             escalation_policy=policy)
        generate_persons(1000, seed=11)
        person_ids = list(Person.objects.values_list("pk", flat=True))
        now = timezone.now()
        kwargs = {"now": now, "service_id": service.pk, "person_ids": person_ids, "clerk_id": clerk.pk,
                  "office_id": offices["BACK-370503"].pk}
        with timed("insert 100,000 open cases, 10,000 of them due", results):
            insert_cases(start=1, count=100_000, due=DUE, **kwargs)
        with timed("sweep: 10,000 due among 100,000 open", results):
            small = escalation_sweep(now=now, time_budget=600)
        results["sweep: 10,000 due among 100,000 open"].update(cases=small.cases, steps=small.steps)
        CaseStep.objects.all().delete()
        with connection.cursor() as cur:
            cur.execute("DELETE FROM workflow_caseevent")
            cur.execute("UPDATE workflow_case SET next_step_at = deadline - interval '8 hours', "
                        "escalation_level = 0 WHERE deadline < %s", [now])
        with timed("insert 900,000 more open cases (not yet due)", results):
            insert_cases(start=100_001, count=900_000, due=0, **kwargs)
        with timed("sweep: 10,000 due among 1,000,000 open (1%)", results):
            big = escalation_sweep(now=now, time_budget=600)
        results["sweep: 10,000 due among 1,000,000 open (1%)"].update(cases=big.cases, steps=big.steps)
        with timed("sweep again: nothing due", results):
            escalation_sweep(now=now + timedelta(seconds=1))
        with connection.cursor() as cur:
            cur.execute("EXPLAIN SELECT id FROM workflow_case WHERE status IN ('in_review', 'routed') "
                        "AND next_step_at IS NOT NULL AND next_step_at <= now() ORDER BY next_step_at LIMIT 1000")
            plan = " / ".join(row[0].strip() for row in cur.fetchall()[:3])
    report("escalation sweep", results,
           "goal: under 10 s for 1% of 1,000,000 due; the same query count at 100,000 and 1,000,000 open cases\n"
           f"  plan of the due-case query: {plan}")


if __name__ == "__main__":
    main()
