"""Back-office pages over a large case table: workbench, case page, office board, city overview.

Two sizes: 20,000 open cases in 河口区's back office among 100,000 cases in the city (open and decided), then
200,000 among 1,000,000. Prints each page's median time over RUNS requests (BACKOFFICE_RUNS, default 7) and its
query count; the counts must not change with the size. BACKOFFICE_LARGE_ONLY=1 measures the 1,000,000 size only
(the 100,000 are still inserted first). After each insert the table is vacuumed, as autovacuum does after bulk
inserts: the counts are read from the open cases' index alone (index-only scans need the visibility map).
"""

import logging
import os
import statistics
import time

from harness import connection, report, scratch_database, staff_login, timed

logging.getLogger("axes").setLevel(logging.WARNING)  # every force_login would log a line
RUNS = int(os.environ.get("BACKOFFICE_RUNS", "7"))
LARGE_ONLY = os.environ.get("BACKOFFICE_LARGE_ONLY", "") not in ("", "0")
# BACKOFFICE_HISTORY=N: then N more cases decided one to three years ago (the city's history), measured again: the
# pages' times follow the open and recently decided cases, not the history.
HISTORY = int(os.environ.get("BACKOFFICE_HISTORY", "0"))
OFFICES = ["BACK-370503", "BACK-370502", "BACK-370505", "BACK-370522", "BACK-370523"]


def insert_cases(*, start: int, count: int, now, service_id, person_ids, clerk_id, hall_id, office_ids,
                 reviewer_id) -> None:
    """Set-based insert. Per five cases: the first to 河口区 (where the reviewer works), four elsewhere; a third
    of all decided in the last 60 days, the rest open (queued, in review or waiting for material)."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO workflow_case (number, tracking_code, service_id, person_id, channel, accepted_by_id,
                accepted_office_id, jurisdiction_office_id, reviewer_id, status, data, checks, result,
                materials_received, materials_missing, decision_note, accepted_at, deadline, paused_at,
                decided_at, escalation_level, updated_at)
            SELECT lpad(g::text, 15, '0'), 'B' || lpad(g::text, 15, '0'), %(service)s,
                   (%(persons)s::bigint[])[1 + g %% array_length(%(persons)s::bigint[], 1)], 'counter', %(clerk)s,
                   %(hall)s, (%(offices)s::bigint[])[1 + g %% 5],
                   CASE WHEN s.status IN ('routed') THEN NULL ELSE %(reviewer)s END, s.status,
                   '{"amount": "100.00"}', '[]', '{}', '[]', '[]', '', d.deadline - interval '7 days', d.deadline,
                   CASE WHEN s.status = 'supplement_requested' THEN d.deadline - interval '2 days' END,
                   CASE WHEN s.status IN ('completed', 'rejected')
                        THEN d.deadline - interval '1 day' + (random() * interval '2 days') END,
                   CASE WHEN d.deadline < %(now)s AND s.status <> 'completed' THEN (g %% 3) ELSE 0 END, now()
            FROM generate_series(%(start)s, %(end)s) AS g,
                 LATERAL (SELECT CASE (g / 5) %% 6 WHEN 0 THEN 'completed' WHEN 1 THEN 'rejected'
                              WHEN 2 THEN 'routed' WHEN 3 THEN 'in_review' WHEN 4 THEN 'supplement_requested'
                              ELSE 'in_review' END AS status) AS s,
                 -- Deadlines fall at close of business: one of 60 days around now, many cases sharing each.
                 LATERAL (SELECT date_trunc('day', %(now)s::timestamptz) + interval '17 hours'
                                 + ((g::bigint / 5 * 7919) %% 60 - 40) * interval '1 day' AS deadline) AS d
            """,
            {"service": service_id, "persons": person_ids, "clerk": clerk_id, "hall": hall_id,
             "offices": office_ids, "reviewer": reviewer_id, "start": start, "end": start + count - 1, "now": now},
        )
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE workflow_case")


def insert_history(*, start: int, count: int, now, service_id, person_ids, clerk_id, hall_id, office_ids,
                   reviewer_id) -> None:
    """Set-based insert of cases decided (completed or rejected) one to three years before now."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO workflow_case (number, tracking_code, service_id, person_id, channel, accepted_by_id,
                accepted_office_id, jurisdiction_office_id, reviewer_id, status, data, checks, result,
                materials_received, materials_missing, decision_note, accepted_at, deadline, decided_at, closed_at,
                escalation_level, updated_at)
            SELECT lpad(g::text, 15, '0'), 'B' || lpad(g::text, 15, '0'), %(service)s,
                   (%(persons)s::bigint[])[1 + g %% array_length(%(persons)s::bigint[], 1)], 'counter', %(clerk)s,
                   %(hall)s, (%(offices)s::bigint[])[1 + g %% 5], %(reviewer)s,
                   CASE WHEN g %% 4 = 0 THEN 'rejected' ELSE 'completed' END,
                   '{"amount": "100.00"}', '[]', '{}', '[]', '[]', '', d.decided - interval '6 days',
                   d.decided + interval '1 day', d.decided, d.decided, 0, d.decided
            FROM generate_series(%(start)s, %(end)s) AS g,
                 LATERAL (SELECT %(now)s::timestamptz - interval '365 days'
                                 - ((g::bigint * 7919) %% 730) * interval '1 day' AS decided) AS d
            """,
            {"service": service_id, "persons": person_ids, "clerk": clerk_id, "hall": hall_id,
             "offices": office_ids, "reviewer": reviewer_id, "start": start, "end": start + count - 1, "now": now},
        )
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE workflow_case")


def measure(client, users, number, label, results) -> None:
    from django.urls import reverse

    pages = [
        ("reviewer", "workbench", reverse("workflow:workbench")),
        ("reviewer", "workbench, overdue", reverse("workflow:workbench") + "?filter=overdue"),
        ("reviewer", "workbench, mine, page 40", reverse("workflow:workbench") + "?filter=mine&page=40"),
        ("reviewer", "case page", reverse("workflow:case-detail", kwargs={"number": number})),
        ("head", "office board", reverse("workflow:head-board")),
        ("leader", "city overview", reverse("workflow:city-overview")),
    ]
    for role, name, url in pages:
        staff_login(client, users[role])
        client.get(url)  # warm: the session records activity, connections and caches settle
        with timed(f"{name} ({label})", results):
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        times = []
        for _ in range(RUNS - 1):
            started = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - started)
        figures = results[f"{name} ({label})"]
        figures["seconds"] = statistics.median([figures["seconds"], *times])
        figures["runs"] = RUNS


def explain(reviewer, office) -> dict[str, str]:
    """The plans of the workbench's two queries on its data (EXPLAIN ANALYZE, top lines)."""
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from workflow.selectors.backoffice import office_case_list
    from workflow.services import work_calendar

    calendar = work_calendar()
    with CaptureQueriesContext(connection) as captured:
        office_case_list(office=office, user=reviewer, filter="all", page=1, now=timezone.now(), calendar=calendar)
    plans = {}
    with connection.cursor() as cur:
        for name, query in zip(("the counts", "the page of cases"), captured.captured_queries[-2:], strict=True):
            cur.execute("EXPLAIN ANALYZE " + query["sql"])
            plans[name] = " / ".join(row[0].strip() for row in cur.fetchall()[:4])
    return plans


def main() -> None:
    from django.test import Client
    from django.utils import timezone

    from accounts.demo import seed_offices
    from accounts.generate import generate_persons
    from accounts.models import Person
    from accounts.roles import Role, sync_roles
    from accounts.services import staff_user_create
    from workflow.models import ServiceType
    from workflow.reference import load_calendars

    if connection.vendor != "postgresql":
        print("backoffice: needs PostgreSQL (set DATABASE_URL); skipped")
        return
    results: dict = {}
    with scratch_database():
        from workflow.models import CalendarDay, CalendarYear

        if not CalendarYear.objects.exists():
            load_calendars(CalendarYear, CalendarDay)
        sync_roles()
        offices = seed_offices()
        users = {
            "clerk": staff_user_create(username="c", password="x", office=offices["HALL-370523"], staff_number="C1",
                                       roles=(Role.CLERK,)),
            "reviewer": staff_user_create(username="r", password="x", office=offices["BACK-370503"],
                                          staff_number="R1", roles=(Role.REVIEWER,)),
            "head": staff_user_create(username="h", password="x", office=offices["BACK-370503"], staff_number="H1",
                                      roles=(Role.OFFICE_HEAD, Role.REVIEWER)),
            "leader": staff_user_create(username="l", password="x", office=offices["LEAD-370500"],
                                        staff_number="L1", roles=(Role.BUREAU_LEADER,)),
        }
        service = ServiceType.objects.create(code="bench.timed", name_zh="基准", name_en="bench", domain="bench",
                                             kind="time_limited", applicant="person", limit=5)
        generate_persons(1000, seed=12)
        now = timezone.now()
        kwargs = {"now": now, "service_id": service.pk, "clerk_id": users["clerk"].pk,
                  "person_ids": list(Person.objects.values_list("pk", flat=True)),
                  "hall_id": offices["HALL-370523"].pk, "reviewer_id": users["reviewer"].pk,
                  "office_ids": [offices[code].pk for code in OFFICES]}
        client = Client()
        with timed("insert 100,000 cases", results):
            insert_cases(start=1, count=100_000, **kwargs)
        if not LARGE_ONLY:
            measure(client, users, "000000000000005", "100,000 cases", results)
        with timed("insert 900,000 more cases", results):
            insert_cases(start=100_001, count=900_000, **kwargs)
        measure(client, users, "000000000000005", "1,000,000 cases", results)
        if HISTORY:
            with timed(f"insert {HISTORY:,} cases decided 1-3 years ago", results):
                insert_history(start=1_000_001, count=HISTORY, **kwargs)
            measure(client, users, "000000000000005", f"1,000,000 cases + {HISTORY:,} history", results)
        plans = explain(users["reviewer"], offices["BACK-370503"])
    report("back-office pages", results,
           "20% of the cases are 河口区's; per page the query count must be the same at both sizes\n"
           + "\n".join(f"  plan of {name}: {plan}" for name, plan in plans.items()))


if __name__ == "__main__":
    main()
