"""Who works where: working-age persons sorted into employed, flexibly employed and registered unemployed;
employers sized by a Zipf law; employment status periods (registration of the employed, unemployment)."""

from __future__ import annotations

from datetime import date

from portal.generate.sql import h, with_params

# Shares of working-age persons (18 to 59), in %: employed (through an employer), flexibly employed, registered
# unemployed (an employment ended in the last year), the rest neither.
EMPLOYED, FLEXIBLE, UNEMPLOYED = 88, 7, 3
SEPARATIONS = ["contract_expired", "dismissed", "employer_closed", "employer_proposed", "resigned"]


def zipf_sizes(people: int, employers: int) -> list[int]:
    """Employees per employer, largest first: size ∝ 1/rank (Zipf, exponent 1). With 40,000 employers and
    ~480,000 employees: ~90% have fewer than 10, the eight largest more than 5,000. Sums to `people`."""
    if employers <= 0:
        return []
    weights = [1 / rank for rank in range(1, employers + 1)]
    total = sum(weights)
    sizes = [max(1, int(people * w / total)) if people >= employers else 0 for w in weights]
    if people < employers:
        sizes = [1] * people + [0] * (employers - people)
    rest = people - sum(sizes)
    i = 0
    while rest != 0:
        step = 1 if rest > 0 else -1
        if sizes[i % employers] + step >= (1 if people >= employers else 0):
            sizes[i % employers] += step
            rest -= step
        i += 1
    return sizes


def classify(cursor, *, today: date) -> dict[str, int]:
    """Add to gen_person what each person does, since when, the wage; size the employers; gen_job is every
    employment (open or ended within the year) with its employer."""
    n = "n"
    cursor.execute(with_params(f"""
        ALTER TABLE gen_person ADD COLUMN kind char(1), ADD COLUMN started date, ADD COLUMN ended date,
            ADD COLUMN wage numeric(10, 2), ADD COLUMN ratio numeric(3, 2);
        UPDATE gen_person SET
            kind = CASE WHEN age BETWEEN 18 AND 59 THEN
                        CASE WHEN {h(n, 20, 100)} < {EMPLOYED} THEN 'E'
                             WHEN {h(n, 20, 100)} < {EMPLOYED + FLEXIBLE} THEN 'F'
                             WHEN {h(n, 20, 100)} < {EMPLOYED + FLEXIBLE + UNEMPLOYED} AND age >= 20 THEN 'U'
                             WHEN {h(n, 20, 100)} < {EMPLOYED + FLEXIBLE + UNEMPLOYED} THEN 'E'
                             ELSE 'N' END
                   ELSE 'N' END,
            -- a wage skewed to the right: median about 7,400 yuan, a long tail to 27,000
            wage = 2400 + ({h(n, 23, 1000)} ^ 2) * 0.02 + {h(n, 24, 100)} + {h(n, 25, 100)} / 100.0,
            ratio = (ARRAY[0.60, 0.60, 0.80, 1.00, 1.50])[1 + {h(n, 27, 5)}::int];
        -- the unemployed lost their job 20 to 350 days ago; everyone's job began 1 month to 10 years before that
        UPDATE gen_person SET ended = CAST(%(today)s AS date) - (20 + {h(n, 22, 330)})::int WHERE kind = 'U';
        UPDATE gen_person SET started = greatest(
                (birth_date + interval '18 years')::date,
                coalesce(ended, CAST(%(today)s AS date)) - (30 + {h(n, 21, 3650)})::int)
            WHERE kind IN ('E', 'U', 'F');
    """), {"today": today})
    cursor.execute("SELECT kind, count(*) FROM gen_person GROUP BY kind")
    kinds = dict(cursor.fetchall())
    cursor.execute("SELECT count(*) FROM gen_employer")
    employers = cursor.fetchone()[0]
    people = kinds.get("E", 0) + kinds.get("U", 0)
    sizes = zipf_sizes(people, employers)
    cursor.execute(with_params(f"""
        UPDATE gen_employer e SET size = s.size,
               industry_class = (ARRAY[1, 1, 1, 2, 2, 3, 4, 5, 6, 8])[1 + {h('e.j', 31, 10)}::int]
        FROM unnest(%(sizes)s::int[]) WITH ORDINALITY AS s(size, rank) WHERE e.j = s.rank - 1;
        CREATE UNLOGGED TABLE gen_slot AS
            SELECT (row_number() OVER (ORDER BY e.j, g) - 1)::int AS slot, e.id AS employer_id, e.industry_class
            FROM gen_employer e, generate_series(1, e.size) g;
        CREATE UNLOGGED TABLE gen_job AS
            SELECT p.id AS person_id, s.employer_id, s.industry_class, p.started, p.ended, p.wage, p.kind, p.n
            FROM (SELECT *, (row_number() OVER (ORDER BY {h('n', 26, 1_000_000_000)}, n) - 1)::int AS slot
                  FROM gen_person WHERE kind IN ('E', 'U')) p
            JOIN gen_slot s USING (slot);
    """), {"sizes": sizes})
    return {"employed": kinds.get("E", 0), "flexible": kinds.get("F", 0), "unemployed": kinds.get("U", 0),
            "largest employer": sizes[0] if sizes else 0,
            "employers under 10": sum(1 for s in sizes if s < 10),
            "employers over 5000": sum(1 for s in sizes if s > 5000)}


def generate_status_periods(cursor, *, actor_id: int, now) -> int:
    """Employment registration of every job, the unemployed's ended job and open unemployment registration,
    the flexibly employed's registration."""
    cursor.execute(with_params(f"""
        INSERT INTO employment_statusperiod (person_id, kind, employer_id, started_on, ended_on, end_reason,
            involuntary, details, recorded_by_id, recorded_at, updated_at)
        SELECT person_id, 'employed', employer_id, started, ended,
               CASE WHEN ended IS NULL THEN '' ELSE (%(reasons)s)[1 + {h('n', 28, 5)}::int] END,
               CASE WHEN ended IS NULL THEN NULL ELSE {h('n', 28, 5)} < 4 END,
               '{{}}'::jsonb, %(actor)s, %(now)s, %(now)s
        FROM gen_job
        UNION ALL
        SELECT id, 'unemployed', NULL, ended + (1 + {h('n', 29, 20)})::int, NULL, '', NULL,
               '{{}}'::jsonb, %(actor)s, %(now)s, %(now)s
        FROM gen_person WHERE kind = 'U'
        UNION ALL
        SELECT id, 'flexible', NULL, started, NULL, '', NULL, '{{}}'::jsonb, %(actor)s, %(now)s, %(now)s
        FROM gen_person WHERE kind = 'F'
    """), {"reasons": SEPARATIONS, "actor": actor_id, "now": now})
    return cursor.rowcount
