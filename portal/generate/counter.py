"""A year of queue tickets in every hall (weekdays, office hours) with their logs; today's queue is left empty."""

from __future__ import annotations

from datetime import date

from accounts.models import Office
from counter.models import Window
from portal.generate.sql import h, with_params

# Tickets a hall issues on a weekday at city scale: the city centre's hall, then each district's.
CITY_HALL_DAY, DISTRICT_HALL_DAY = 320, 200


def generate_tickets(cursor, *, scale: float, today: date, persons_sample: int) -> dict[str, int]:
    halls = list(Office.objects.filter(kind=Office.Kind.HALL, is_active=True).order_by("code"))
    hall_ids, per_day, win_off, win_cnt, windows = [], [], [], [], []
    for hall in halls:
        hall_ids.append(hall.pk)
        per_day.append(max(1, round((CITY_HALL_DAY if hall.code.endswith("0500") else DISTRICT_HALL_DAY) * scale)))
        mine = list(Window.objects.filter(hall=hall).order_by("number").values_list("pk", flat=True))
        win_off.append(len(windows) + 1)
        win_cnt.append(len(mine))
        windows += mine
    params = {"halls": hall_ids, "per_day": per_day, "win_off": win_off, "win_cnt": win_cnt,
              "windows": windows or [0], "today": today}
    k = "t.k"
    cursor.execute(with_params(f"""
        CREATE UNLOGGED TABLE gen_ticket AS
        SELECT t.*, CASE WHEN t.status = 'expired' THEN NULL
                         ELSE t.issued_at + ((2 + {h(k, 61, 40)}) || ' minutes')::interval END AS called_at
        FROM (
            SELECT (row_number() OVER (ORDER BY x.day, x.hall, x.i))::bigint AS k, x.*,
                   CASE WHEN {h('x.i * 7 + x.hall', 62, 100)} < 8 THEN 'priority' ELSE 'ordinary' END AS category,
                   CASE WHEN {h('x.i * 13 + x.hall', 63, 100)} < 4 THEN 'no_show'
                        WHEN {h('x.i * 13 + x.hall', 63, 100)} < 7 THEN 'expired' ELSE 'done' END AS status,
                   ((x.day + time '08:30' + (x.i * 480.0 / x.per_day || ' minutes')::interval)
                       AT TIME ZONE 'Asia/Shanghai') AS issued_at
            FROM (
                SELECT d.day, hs.hall, hs.hx, hs.per_day, i
                FROM generate_series(CAST(%(today)s AS date) - 365, CAST(%(today)s AS date) - 1, interval '1 day') d0,
                     LATERAL (SELECT d0::date AS day) d,
                     unnest(%(halls)s::bigint[], %(per_day)s::int[]) WITH ORDINALITY AS hs(hall, per_day, hx),
                     generate_series(0, hs.per_day - 1) i
                WHERE extract(isodow FROM d.day) < 6
            ) x
        ) t;
        ALTER TABLE gen_ticket ADD COLUMN id bigint, ADD COLUMN window_id bigint, ADD COLUMN person_n int;
    """), params)
    from portal.generate.sql import reserve_ids

    cursor.execute("SELECT count(*) FROM gen_ticket")
    count = cursor.fetchone()[0]
    base = reserve_ids(cursor, "counter_ticket", count)
    cursor.execute(with_params(f"""
        UPDATE gen_ticket SET id = {base} + k,
            window_id = CASE WHEN (%(win_cnt)s)[hx] > 0 AND status <> 'expired'
                             THEN (%(windows)s)[(%(win_off)s)[hx] + (k % (%(win_cnt)s)[hx])] END,
            person_n = CASE WHEN {h('k', 64, 100)} < 70 THEN {h('k', 65, max(persons_sample, 1))} END;
        INSERT INTO counter_ticket (id, hall_id, day, code, category, priority_reason, status, issued_at, called_at,
            last_called_at, started_at, finished_at, recalls, window_id, person_id, identified_by)
        SELECT t.id, t.hall, t.day,
               CASE t.category WHEN 'priority' THEN 'B' ELSE 'A' END
                   || lpad((row_number() OVER (PARTITION BY t.hall, t.day, t.category ORDER BY t.issued_at, t.k))::text,
                           3, '0'),
               t.category, CASE WHEN t.category = 'priority' THEN 'elderly' ELSE '' END, t.status, t.issued_at,
               t.called_at, t.called_at, CASE WHEN t.status = 'done' THEN t.called_at + interval '1 minute' END,
               CASE WHEN t.status = 'done' THEN t.called_at + ((6 + {h('t.k', 66, 15)}) || ' minutes')::interval END,
               CASE WHEN t.status = 'no_show' THEN 2 ELSE 0 END, t.window_id, p.id,
               CASE WHEN p.id IS NULL THEN '' ELSE 'number' END
        FROM gen_ticket t LEFT JOIN gen_person p ON p.n = t.person_n;
    """), params)
    cursor.execute("""
        INSERT INTO counter_ticketevent (ticket_id, kind, at, window_id, note)
        SELECT t.id, e.kind, e.at, t.window_id, ''
        FROM counter_ticket t JOIN gen_ticket g ON g.id = t.id
        CROSS JOIN LATERAL (VALUES
            ('issued', t.issued_at, true),
            ('called', t.called_at, t.called_at IS NOT NULL),
            ('started', t.started_at, t.started_at IS NOT NULL),
            ('finished', t.finished_at, t.finished_at IS NOT NULL),
            ('no_show', t.called_at + interval '5 minutes', t.status = 'no_show'),
            ('expired', (t.day + time '17:30') AT TIME ZONE 'Asia/Shanghai', t.status = 'expired')
        ) AS e(kind, at, wanted)
        WHERE e.wanted""")
    return {"tickets": count, "ticket events": cursor.rowcount}
