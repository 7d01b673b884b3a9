"""Cases of a year across every registered service, in every state, with their timelines, pauses and escalation
steps; routed to the back office of the applicant's district, accepted at its hall or online."""

from __future__ import annotations

import json
from datetime import date

from accounts.models import Office, User
from accounts.roles import Role
from portal.generate.persons import DISTRICTS
from portal.generate.sql import bump_sequences, case_number_check, h, reserve_ids, tracking_code, with_params
from workflow.models import ServiceType
from workflow.registry import Kind, LimitUnit

CITY = "370500"
# Shares in % of the time-limited cases that end each way (the rest complete after approval).
WITHDRAWN, REJECTED = 3, 9
# A case's work takes 10% to 120% of its time limit: about one in twelve ends after its deadline.
# What the application form held, for the services whose decision reads it (a filing records its workers): without
# it a generated case could not be decided. Any other service's case is generated with an empty form.
FORM_DATA = {
    "labour.contract_filing": {"workers": 12, "contract_type": "fixed", "starts_on": "2026-01-01"},
    "labour.special_hours": {"system": "comprehensive", "posts": "生产岗位", "workers": 8, "starts_on": "2026-01-01"},
}


def _services() -> dict[str, list]:
    """The registered services, with a weight: immediate business (certificates, look-ups) is the most frequent."""
    # Business people apply for; not what only the system opens (a benefit-fraud review comes with the review and
    # flags behind it, which are not generated: such a case without them could not be decided).
    services = [s for s in ServiceType.objects.filter(is_active=True).order_by("code")
                if any(channel != "system" for channel in s.channels)]
    if not services:
        raise RuntimeError("no services: run migrate (the registry fills the catalogue)")
    ids, immediate, applicant, days, channels, slots, data = [], [], [], [], [], [], []
    for index, service in enumerate(services, start=1):
        ids.append(service.pk)
        data.append(json.dumps(FORM_DATA.get(service.code, {}), ensure_ascii=False))
        immediate.append(service.kind == Kind.IMMEDIATE)
        applicant.append(service.applicant)
        limit = service.limit or 20
        days.append(limit if service.limit_unit == LimitUnit.CALENDAR_DAYS else (limit * 7 + 4) // 5)
        usable = [c for c in service.channels if c != "system"] or list(service.channels)
        channels.append(",".join(usable))
        slots += [index] * ((6 if service.kind == Kind.IMMEDIATE else 2) + index % 3)
    return {"ids": ids, "immediate": immediate, "applicant": applicant, "days": days, "channels": channels,
            "slots": slots, "data": data}


def _offices() -> dict[str, list]:
    """Per district (index 0 the city level, 1..5 the districts): hall, back office, clerks and reviewers."""
    codes = [CITY, *DISTRICTS]
    offices = {o.code: o.pk for o in Office.objects.filter(code__regex=r"^(HALL|BACK)-")}
    halls = [offices[f"HALL-{c}"] for c in codes]
    backs = [offices[f"BACK-{c}"] for c in codes]

    def staff(office_ids, role):
        flat, offsets, counts = [], [], []
        for office in office_ids:
            users = list(User.objects.filter(office_id=office, groups__name=role.value, is_active=True)
                         .order_by("pk").values_list("pk", flat=True))
            offsets.append(len(flat) + 1)
            counts.append(len(users))
            flat += users
        return flat or [0], offsets, counts

    reviewers, r_off, r_cnt = staff(backs, Role.REVIEWER)
    clerks, c_off, c_cnt = staff(halls, Role.CLERK)
    return {"halls": halls, "backs": backs, "reviewers": reviewers, "r_off": r_off, "r_cnt": r_cnt,
            "clerks": clerks, "c_off": c_off, "c_cnt": c_cnt}


def generate_cases(cursor, count: int, *, seed: int, today: date, now, actor_id: int) -> dict[str, int]:
    svc, off = _services(), _offices()
    cursor.execute("SELECT count(*) FROM gen_person")
    persons = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM gen_employer")
    employers = cursor.fetchone()[0]
    base = reserve_ids(cursor, "workflow_case", count)
    params = {**svc, **off, "today": today, "now": now, "system": actor_id}
    n = "g.n"
    # 1. who, which service, which channel, which day (weekdays, office hours), how long the work takes
    cursor.execute(with_params(f"""
        CREATE UNLOGGED TABLE gen_case AS
        SELECT c.*, c.a + c.cal * interval '1 day' AS deadline, c.a + c.cal * c.f * interval '1 day' AS dt,
               c.a + c.cal * c.f * 0.15 * interval '1 day' AS claimed
        FROM (
            SELECT x.n, {base} + x.n AS id, x.s, x.service_id, x.immediate, x.cal, x.f, x.o,
                   p.id AS person_id, e.id AS employer_id,
                   CASE WHEN {h('x.n', 45, 100)} < 10 THEN 0 ELSE coalesce(p.d, e.d) END AS d,
                   x.channel,
                   ((x.day + time '08:30' + ({h('x.n', 49, 510)} || ' minutes')::interval
                     + ({h('x.n', 50, 60)} || ' seconds')::interval) AT TIME ZONE 'Asia/Shanghai') AS a,
                   x.day
            FROM (
                SELECT s0.*, (%(ids)s)[s0.s] AS service_id, (%(immediate)s)[s0.s] AS immediate,
                       (%(applicant)s)[s0.s] AS applicant, (%(days)s)[s0.s] AS cal,
                       (10 + {h('s0.n', 42, 110)}) / 100.0 AS f, {h('s0.n', 43, 100)} AS o,
                       (string_to_array((%(channels)s)[s0.s], ','))[
                           1 + ({h('s0.n', 48, 1000)} % array_length(string_to_array((%(channels)s)[s0.s], ','), 1))]
                           AS channel,
                       s0.day0 - CASE extract(isodow FROM s0.day0) WHEN 6 THEN 1 WHEN 7 THEN 2 ELSE 0 END AS day
                FROM (
                    SELECT {n} AS n, (%(slots)s)[1 + {h(n, 40, len(svc['slots']))}::int] AS s,
                           CAST(%(today)s AS date) - (1 + {h(n, 41, 365)})::int AS day0
                    FROM generate_series(1, {count}) AS g(n)
                    OFFSET 0  -- fences: each drawn value is computed once, not copied into every use
                ) s0
                OFFSET 0
            ) x
            LEFT JOIN gen_person p ON x.applicant <> 'employer' AND p.n = {h('x.n', 46, max(persons, 1))}
            LEFT JOIN gen_employer e ON x.applicant <> 'person' AND e.j = {h('x.n', 47, max(employers, 1))}
            OFFSET 0
        ) c
    """), params)
    # 2. where it stands now
    cursor.execute(with_params("""
        ALTER TABLE gen_case ADD COLUMN status text, ADD COLUMN decided_at timestamptz,
            ADD COLUMN closed_at timestamptz, ADD COLUMN paused_at timestamptz;
        UPDATE gen_case SET status = CASE
                WHEN immediate THEN CASE WHEN o < 3 THEN 'withdrawn' ELSE 'completed' END
                WHEN dt <= %(now)s THEN CASE WHEN o < {w} THEN 'withdrawn' WHEN o < {r} THEN 'rejected'
                                             WHEN dt + interval '2 hours' <= %(now)s THEN 'completed'
                                             ELSE 'approved' END
                WHEN claimed > %(now)s THEN 'routed'
                WHEN o % 7 = 0 THEN 'supplement_requested'
                ELSE 'in_review' END;
        UPDATE gen_case SET
            decided_at = CASE WHEN immediate AND status = 'completed' THEN a + interval '5 minutes'
                              WHEN status IN ('approved', 'rejected', 'completed') THEN dt END,
            closed_at = CASE WHEN immediate THEN a + interval '5 minutes'
                             WHEN status IN ('withdrawn', 'rejected') THEN dt
                             WHEN status = 'completed' THEN dt + interval '2 hours' END,
            paused_at = CASE WHEN status = 'supplement_requested' THEN claimed + (%(now)s - claimed) / 2 END;
    """.replace("{w}", str(WITHDRAWN)).replace("{r}", str(WITHDRAWN + REJECTED))), params)
    # 3. the cases, numbered per day after what the day's counter has given out
    number_body = ("to_char(day, 'YYYYMMDD') || lpad((coalesce(q.value, 0) "
                   "+ row_number() OVER (PARTITION BY day ORDER BY a, n))::text, 6, '0')")
    reviewer = ("CASE WHEN NOT immediate AND status <> 'routed' AND (%(r_cnt)s)[d + 1] > 0 THEN "
                "(%(reviewers)s)[(%(r_off)s)[d + 1] + (n % (%(r_cnt)s)[d + 1])] END")
    clerk = ("CASE WHEN channel = 'counter' AND (%(c_cnt)s)[d + 1] > 0 THEN "
             "(%(clerks)s)[(%(c_off)s)[d + 1] + (n % (%(c_cnt)s)[d + 1])] ELSE %(system)s END")
    running = "status IN ('routed', 'in_review')"
    cursor.execute(with_params(f"""
        INSERT INTO workflow_case (id, number, tracking_code, service_id, person_id, employer_id, channel,
            accepted_office_id, accepted_by_id, jurisdiction_office_id, reviewer_id, status, data, checks, result,
            materials_received, materials_missing, decision_note, accepted_at, deadline, paused_at, next_step_at,
            escalation_level, decided_at, closed_at, updated_at)
        SELECT id, body || {case_number_check('body')}, {tracking_code('digest')},
               service_id, person_id, employer_id, channel,
               CASE WHEN channel IN ('counter', 'kiosk') THEN (%(halls)s)[d + 1] END, {clerk},
               (%(backs)s)[d + 1], {reviewer}, status, ((%(data)s)[s])::jsonb, '[]', '{{}}', '[]',
               CASE WHEN status = 'supplement_requested' THEN '["supplement"]' ELSE '[]' END::jsonb,
               CASE WHEN status = 'rejected' THEN '材料不符合办理条件' ELSE '' END,
               a, CASE WHEN NOT immediate THEN deadline END, paused_at,
               CASE WHEN {running} THEN CASE WHEN %(now)s < deadline - interval '1 day' THEN deadline - interval '1 day'
                                             WHEN %(now)s < deadline THEN deadline
                                             ELSE deadline + interval '3 days' END END,
               CASE WHEN NOT immediate AND coalesce(decided_at, closed_at, paused_at, %(now)s) > deadline THEN 1
                    ELSE 0 END,
               decided_at, closed_at, coalesce(closed_at, decided_at, paused_at, claimed, a)
        FROM (SELECT c.*, {number_body} AS body, decode(md5('{seed}:' || c.id::text), 'hex') AS digest
              FROM gen_case c LEFT JOIN workflow_sequence q ON q.key = 'case:' || to_char(c.day, 'YYYYMMDD')) numbered
    """), params)
    made = cursor.rowcount
    bump_sequences(cursor, f"SELECT 'case:' || substr(number, 1, 8), substr(number, 9, 6)::int FROM workflow_case "
                           f"WHERE id > {base}")
    # 4. timelines: accepted; immediate business completes at once; time-limited business is routed, taken up,
    #    perhaps waits for material, is decided and completed (or withdrawn) — each step from the state before.
    cursor.execute(with_params("""
        INSERT INTO workflow_caseevent (case_id, kind, at, actor_id, office_id, from_status, to_status, note)
        SELECT c.id, e.kind, e.at, e.actor, e.office, e.from_status, e.to_status, ''
        FROM (SELECT g.*, w.accepted_by_id, w.reviewer_id, w.accepted_office_id, w.jurisdiction_office_id
              FROM gen_case g JOIN workflow_case w ON w.id = g.id) c
        CROSS JOIN LATERAL (VALUES
            ('accepted', c.a, c.accepted_by_id, c.accepted_office_id, '', 'accepted', true),
            ('completed', c.a + interval '5 minutes', c.accepted_by_id, c.accepted_office_id, 'accepted', 'completed',
             c.immediate AND c.status = 'completed'),
            ('withdrawn', c.a + interval '5 minutes', c.accepted_by_id, c.accepted_office_id, 'accepted', 'withdrawn',
             c.immediate AND c.status = 'withdrawn'),
            ('routed', c.a + interval '2 minutes', %(system)s, c.jurisdiction_office_id, 'accepted', 'routed',
             NOT c.immediate),
            ('claimed', c.claimed, c.reviewer_id, c.jurisdiction_office_id, 'routed', 'in_review',
             NOT c.immediate AND c.status <> 'routed'),
            ('supplement_requested', c.paused_at, c.reviewer_id, c.jurisdiction_office_id, 'in_review',
             'supplement_requested', c.status = 'supplement_requested'),
            ('approved', c.dt, c.reviewer_id, c.jurisdiction_office_id, 'in_review', 'approved',
             NOT c.immediate AND c.status IN ('approved', 'completed')),
            ('completed', c.dt + interval '2 hours', c.reviewer_id, c.jurisdiction_office_id, 'approved', 'completed',
             NOT c.immediate AND c.status = 'completed'),
            ('rejected', c.dt, c.reviewer_id, c.jurisdiction_office_id, 'in_review', 'rejected',
             c.status = 'rejected'),
            ('withdrawn', c.dt, NULL::bigint, c.jurisdiction_office_id, 'in_review', 'withdrawn',
             NOT c.immediate AND c.status = 'withdrawn'),
            ('reminded', c.deadline - interval '1 day', %(system)s, c.jurisdiction_office_id, '', '',
             NOT c.immediate
             AND coalesce(c.decided_at, c.closed_at, c.paused_at, %(now)s) > c.deadline - interval '1 day'),
            ('warned', c.deadline, %(system)s, c.jurisdiction_office_id, '', '',
             NOT c.immediate AND coalesce(c.decided_at, c.closed_at, c.paused_at, %(now)s) > c.deadline)
        ) AS e(kind, at, actor, office, from_status, to_status, wanted)
        WHERE e.wanted
    """), params)
    events = cursor.rowcount
    cursor.execute(with_params("""
        INSERT INTO workflow_casestep (case_id, step, level, due_at, done_at, target_office_id, target_user_id,
            acknowledged_at)
        SELECT c.id, s.step, s.level, s.due, s.due, w.jurisdiction_office_id, s.target, NULL
        FROM gen_case c JOIN workflow_case w ON w.id = c.id
        CROSS JOIN LATERAL (VALUES
            ('remind', 0, c.deadline - interval '1 day', w.reviewer_id),
            ('warn', 1, c.deadline, NULL::bigint)
        ) AS s(step, level, due, target)
        WHERE NOT c.immediate AND coalesce(c.decided_at, c.closed_at, c.paused_at, %(now)s) > s.due
    """), params)
    steps = cursor.rowcount
    cursor.execute("""
        INSERT INTO workflow_casepause (case_id, started_at, ended_at, extended_by_seconds)
        SELECT id, paused_at, NULL, 0 FROM gen_case WHERE status = 'supplement_requested'""")
    # The service catalogue counts its cases.
    cursor.execute("""
        UPDATE workflow_servicetype t SET use_count = t.use_count + x.count
        FROM (SELECT service_id, count(*) FROM gen_case GROUP BY service_id) x WHERE x.service_id = t.id""")
    return {"cases": made, "events": events, "steps": steps}
