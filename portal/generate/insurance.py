"""Social insurance: employers' registration, enrolments, twelve months of declarations (lines, paid orders) and
contributions of every insured person and type, by the reference book's rates (Decimal, two places)."""

from __future__ import annotations

from datetime import date

from insurance.models import EMPLOYEE_TYPES, FLEXIBLE_TYPES
from insurance.rules.months import add_months, month_start
from insurance.selectors.reference import ReferenceBook
from portal.generate.sql import bump_sequences, h, with_params

TYPES = [str(t) for t in EMPLOYEE_TYPES]  # pension, medical, unemployment, work_injury
SHORT = {"pension": "p", "medical": "m", "unemployment": "u", "work_injury": "w"}


def months_of(today: date, count: int = 12) -> list[date]:
    """The last `count` whole months before today's, oldest first."""
    last = add_months(month_start(today), -1)
    return [add_months(last, -i) for i in range(count - 1, -1, -1)]


def reference_tables(cursor, months: list[date]) -> None:
    """gen_rate: per month and work-injury class, the base limits and every employee rate in one row;
    gen_flex_rate: per month, the flexible scheme's rates and the average wage."""
    book = ReferenceBook()
    rows, flex = [], []
    for month in months:
        limits = book.require_limits(month)
        for klass in range(1, 9):
            rates = book.rates(EMPLOYEE_TYPES, month, industry_class=klass)
            row = [month, klass, limits.floor, limits.ceiling]
            for kind in TYPES:
                rate = rates[kind]
                row += [rate.employer, rate.individual, rate.account]
            rows.append(row)
        rates = book.rates(FLEXIBLE_TYPES, month, scheme="flexible")
        flex.append([month, limits.floor, limits.ceiling, limits.average_wage,
                     *[v for kind in ("pension", "medical") for v in (rates[kind].employer, rates[kind].individual,
                                                                     rates[kind].account)]])
    cols = ", ".join(f"{SHORT[k]}{x} numeric" for k in TYPES for x in "eia")
    cursor.execute(f"CREATE UNLOGGED TABLE gen_rate (month date, klass int, floor numeric, ceiling numeric, {cols})")
    cursor.executemany(f"INSERT INTO gen_rate VALUES ({', '.join(['%s'] * 16)})", rows)
    cursor.execute("CREATE UNLOGGED TABLE gen_flex_rate (month date, floor numeric, ceiling numeric, average numeric,"
                   " pe numeric, pi numeric, pa numeric, me numeric, mi numeric, ma numeric)")
    cursor.executemany(f"INSERT INTO gen_flex_rate VALUES ({', '.join(['%s'] * 10)})", flex)


def generate_insured_employers(cursor, *, today: date) -> int:
    """Every generated employer with employees is registered (insurance number DY + the shared counter)."""
    cursor.execute("SELECT value FROM workflow_sequence WHERE key = 'insurance:employer'")
    row = cursor.fetchone()
    first = (row[0] if row else 0)
    cursor.execute(with_params(f"""
        INSERT INTO insurance_insuredemployer (employer_id, insurance_number, industry_class, registered_on)
        SELECT id, 'DY' || lpad(({first} + 1 + j)::text, 8, '0'), industry_class,
               CAST(%(today)s AS date) - (400 + {h('j', 37, 5000)})::int
        FROM gen_employer"""), {"today": today})
    made = cursor.rowcount
    bump_sequences(cursor, f"SELECT 'insurance:employer', {first} + (SELECT count(*) FROM gen_employer)")
    return made


def generate_enrolments(cursor, *, now) -> int:
    """Four employee types per job (ended with the job), pension and medical for the flexibly employed."""
    cursor.execute(with_params("""
        INSERT INTO insurance_enrolment (person_id, insurance_type, scheme, employer_id, status, started_on,
            ended_on, end_reason, base_ratio, created_at)
        SELECT j.person_id, t, 'employee', j.employer_id, CASE WHEN j.ended IS NULL THEN 'active' ELSE 'ended' END,
               j.started, j.ended, CASE WHEN j.ended IS NULL THEN '' ELSE 'left' END, NULL, %(now)s
        FROM gen_job j CROSS JOIN unnest(%(types)s::text[]) t
        UNION ALL
        SELECT p.id, t, 'flexible', NULL, 'active', p.started, NULL, '', p.ratio, %(now)s
        FROM gen_person p CROSS JOIN unnest(ARRAY['pension', 'medical']) t WHERE p.kind = 'F'
    """), {"types": TYPES, "now": now})
    return cursor.rowcount


def _amounts(base: str) -> str:
    return ", ".join(f"round({base} * r.{SHORT[k]}{x}, 2) AS {SHORT[k]}{x}" for k in TYPES for x in "eia")


def _sum(base: str, part: str) -> str:
    return " + ".join(f"round({base} * r.{SHORT[k]}{part}, 2)" for k in TYPES)


def generate_declarations(cursor, *, months: list[date], actor_id: int) -> dict[str, int]:
    """gen_line: one row per employee and month worked, with the base and every part; then the declarations
    (one per employer and month, paid), their payment orders and lines."""
    cursor.execute(with_params(f"""
        CREATE UNLOGGED TABLE gen_line AS
        SELECT l.person_id, l.employer_id, l.month, l.wage, l.base, {_amounts('l.base')},
               ({_sum('l.base', 'e')})::numeric(10, 2) AS et, ({_sum('l.base', 'i')})::numeric(10, 2) AS it
        FROM (
            SELECT j.person_id, j.employer_id, j.industry_class, m.month, j.wage,
                   least(greatest(j.wage, r.floor), r.ceiling) AS base
            FROM gen_job j
            JOIN (SELECT DISTINCT month FROM gen_rate) m
              ON m.month >= date_trunc('month', j.started)::date
             AND (j.ended IS NULL OR m.month <= date_trunc('month', j.ended)::date)
            JOIN gen_rate r ON r.month = m.month AND r.klass = j.industry_class
        ) l
        JOIN gen_rate r ON r.month = l.month AND r.klass = l.industry_class
    """), {})
    # Declarations: declared online (most) or at the counter in the first days of the next month, paid.
    cursor.execute(with_params(f"""
        CREATE UNLOGGED TABLE gen_decl AS
        SELECT (row_number() OVER (ORDER BY month, employer_id))::int AS k, employer_id, month, count(*) AS employees,
               sum(base) AS total_base, sum(et) AS et, sum(it) AS it
        FROM gen_line GROUP BY employer_id, month;
        ALTER TABLE gen_decl ADD COLUMN declared_at timestamptz, ADD COLUMN issued_day date, ADD COLUMN id bigint,
            ADD COLUMN order_id bigint;
        UPDATE gen_decl SET issued_day = (month + interval '1 month')::date + {h('employer_id', 38, 10)}::int;
        UPDATE gen_decl SET declared_at = (issued_day + time '09:00' + ({h('k', 39, 420)} || ' minutes')::interval)
                                          AT TIME ZONE 'Asia/Shanghai';
    """), {})
    cursor.execute("SELECT count(*) FROM gen_decl")
    count = cursor.fetchone()[0]
    from portal.generate.sql import reserve_ids

    base = reserve_ids(cursor, "insurance_declaration", count)
    order_base = reserve_ids(cursor, "insurance_paymentorder", count)
    cursor.execute(f"UPDATE gen_decl SET id = {base} + k, order_id = {order_base} + k")
    cursor.execute(with_params(f"""
        INSERT INTO insurance_declaration (id, employer_id, month, version, status, channel, created_by_id,
            created_at, declared_at, declared_by_id, employees, total_base, employer_total, individual_total, digest)
        SELECT id, employer_id, month, 1, 'paid', CASE WHEN {h('k', 40, 100)} < 80 THEN 'online' ELSE 'counter' END,
               %(actor)s, declared_at, declared_at, %(actor)s, employees, total_base, et, it, md5(k::text)
        FROM gen_decl"""), {"actor": actor_id})
    # Orders: numbered as order_issue numbers them (JF, the day, the day's counter), after the counter's value.
    cursor.execute(with_params("""
        INSERT INTO insurance_paymentorder (id, number, kind, declaration_id, employer_id, amount, status, issued_at,
            due_on, paid_at, confirmed_by_id, payment_channel, reference)
        SELECT d.order_id,
               'JF' || to_char(d.issued_day, 'YYYYMMDD')
                   || lpad((coalesce(s.value, 0) + row_number() OVER (PARTITION BY d.issued_day ORDER BY d.k))::text,
                           6, '0'),
               'declaration', d.id, d.employer_id, d.et + d.it, 'paid', d.declared_at,
               (d.month + interval '2 months' - interval '1 day')::date, d.declared_at + interval '2 days',
               %(actor)s, 'tax', '3370' || to_char(d.month, 'YYYYMM') || lpad(d.k::text, 10, '0')
        FROM gen_decl d LEFT JOIN workflow_sequence s ON s.key = 'insurance:order:' || to_char(d.issued_day, 'YYYYMMDD')
    """), {"actor": actor_id})
    bump_sequences(cursor, """SELECT 'insurance:order:' || substr(number, 3, 8), substr(number, 11)::int
                              FROM insurance_paymentorder WHERE number ~ '^JF[0-9]{14}$'""")
    parts = ", ".join(f"'{k}', jsonb_build_object('employer', l.{SHORT[k]}e::text, 'individual', "
                      f"l.{SHORT[k]}i::text, 'account', l.{SHORT[k]}a::text)" for k in TYPES)
    cursor.execute(f"""
        INSERT INTO insurance_declarationline (declaration_id, person_id, wage, base, parts, employer_total,
            individual_total)
        SELECT d.id, l.person_id, l.wage, l.base, jsonb_build_object({parts}), l.et, l.it
        FROM gen_line l JOIN gen_decl d USING (employer_id, month)""")
    lines = cursor.rowcount
    return {"declarations": count, "lines": lines}


def generate_contributions(cursor) -> dict[str, int]:
    """Every line's four contributions (paid through the declaration's order, on the 10th of the next month), and
    the flexibly employed's pension and medical months (paid to the tax bureau in the month)."""
    values = ", ".join(f"('{k}', l.{SHORT[k]}e, l.{SHORT[k]}i, l.{SHORT[k]}a)" for k in TYPES)
    cursor.execute(f"""
        INSERT INTO insurance_contribution (person_id, employer_id, month, insurance_type, payer, base, employer_part,
            individual_part, account_part, status, order_id, paid_on, tax_reference)
        SELECT l.person_id, l.employer_id, l.month, t.kind, 'employer', l.base, t.e, t.i, t.a, 'paid', d.order_id,
               (l.month + interval '1 month' + interval '9 days')::date, ''
        FROM gen_line l JOIN gen_decl d USING (employer_id, month)
        CROSS JOIN LATERAL (VALUES {values}) AS t(kind, e, i, a)""")
    employee = cursor.rowcount
    cursor.execute(with_params("""
        INSERT INTO insurance_contribution (person_id, employer_id, month, insurance_type, payer, base, employer_part,
            individual_part, account_part, status, order_id, paid_on, tax_reference)
        SELECT x.id, NULL, x.month, t.kind, 'flexible', x.base, t.e, t.i, t.a, 'paid', NULL,
               (x.month + interval '14 days')::date, '3370' || to_char(x.month, 'YYYYMM') || lpad(x.id::text, 12, '0')
        FROM (
            SELECT p.id, r.*, least(greatest(round(r.average * p.ratio, 0), r.floor), r.ceiling)::numeric(10, 2) AS base
            FROM gen_person p JOIN gen_flex_rate r ON r.month >= date_trunc('month', p.started)::date
            WHERE p.kind = 'F'
        ) x
        CROSS JOIN LATERAL (VALUES ('pension', round(x.base * x.pe, 2), round(x.base * x.pi, 2),
                                    round(x.base * x.pa, 2)),
                                   ('medical', round(x.base * x.me, 2), round(x.base * x.mi, 2),
                                    round(x.base * x.ma, 2))) AS t(kind, e, i, a)
    """), {})
    return {"employee": employee, "flexible": cursor.rowcount}
