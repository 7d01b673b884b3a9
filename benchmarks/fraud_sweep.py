"""The nightly fraud sweep: 100,000 benefit recipients against 2,000,000 contribution rows (goal: under 60 s,
set-based SQL, no per-person loop).

Each recipient has six months of benefit paid and, before it, five months of contributions of four types from
their former employer (2,000,000 rows) with the declarations behind them (500,000 lines). Among them, 1% had a
new employer pay contributions for a month of benefit, 0.2% were declared (not yet paid) for one, and 0.1%
registered an employment back over four paid months. The sweep flags them with three INSERT ... SELECT
statements, then opens one review case per entitlement in the back office of the person's district.
"""

import os

# As in production, the review cases' SMS are queued for the worker, not sent inside the sweep.
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")

from harness import connection, offices_and_clerk, report, scratch_database, timed

RECIPIENTS = 100_000
TYPES = "ARRAY['pension', 'medical', 'unemployment', 'work_injury']"


def load(sql: str, params: dict) -> None:
    with connection.cursor() as cur:
        # Load data only: skip the foreign-key triggers of the bulk inserts (every row references existing rows).
        cur.execute("SET session_replication_role = replica")
        cur.execute(sql, params)
        cur.execute("SET session_replication_role = DEFAULT")


def insert_recipients(p: dict) -> None:
    """Cases, entitlements and six paid months for each recipient; their status periods."""
    load("""
        INSERT INTO workflow_case (number, tracking_code, service_id, person_id, channel, accepted_by_id,
            jurisdiction_office_id, accepted_office_id, status, data, checks, result, materials_received,
            materials_missing, decision_note, accepted_at, decided_at, closed_at, escalation_level, updated_at)
        SELECT 'B' || lpad(r.n::text, 14, '0'), 'B' || lpad(r.n::text, 15, '0'), %(service)s, r.person, 'counter',
               %(clerk)s, %(office)s, %(office)s, 'completed', '{}', '[]', '{}', '[]', '[]', '', now(), now(),
               now(), 0, now()
        FROM (SELECT row_number() OVER (ORDER BY id) AS n, id AS person FROM accounts_person
              ORDER BY id LIMIT %(count)s) AS r;

        INSERT INTO employment_benefitclaim (person_id, case_id, separated_on, contribution_months, new_months,
            carried_months, entitled_months, monthly_amount, first_month, last_month, status, stop_reason,
            unused_months, bank_account, granted_by_id, granted_at)
        SELECT c.person_id, c.id, %(first)s::date - 10, 60, 18, 0, 18, 1980.00, %(first)s,
               (%(first)s::date + interval '17 months')::date, 'active', '', 0, '', %(clerk)s, now()
        FROM workflow_case c WHERE c.service_id = %(service)s;

        INSERT INTO employment_payment (reference, item, person_id, claim_id, month, amount, fund, status,
            created_at, paid_at, failure_reason)
        SELECT 'UB' || to_char(m, 'YYYYMM') || lpad(b.id::text, 10, '0'), 'benefit', b.person_id, b.id, m::date,
               b.monthly_amount, 'ui_fund', 'paid', m, m + interval '10 days', ''
        FROM employment_benefitclaim b,
             generate_series(%(first)s::date, %(first)s::date + interval '5 months', interval '1 month') AS m;

        INSERT INTO employment_statusperiod (person_id, kind, employer_id, started_on, ended_on, end_reason,
            involuntary, details, recorded_by_id, recorded_at, updated_at)
        SELECT b.person_id, 'employed', %(employer0)s + b.id %% %(employers)s, %(first)s::date - interval '5 years',
               %(first)s::date - 10, 'dismissed', true, '{}', %(clerk)s, now(), now()
        FROM employment_benefitclaim b;

        INSERT INTO employment_statusperiod (person_id, kind, started_on, ended_on, end_reason, details,
            recorded_by_id, recorded_at, updated_at)
        SELECT b.person_id, 'unemployed', %(first)s::date - 9,
               CASE WHEN b.id %% 1000 = 500 THEN (%(first)s::date + interval '2 months')::date - 1 END,
               CASE WHEN b.id %% 1000 = 500 THEN 'new_status' ELSE '' END, '{}', %(clerk)s, now(), now()
        FROM employment_benefitclaim b;

        -- 0.1%%: an employment registered back from the third month of benefit.
        INSERT INTO employment_statusperiod (person_id, kind, employer_id, started_on, end_reason, details,
            recorded_by_id, recorded_at, updated_at)
        SELECT b.person_id, 'employed', %(employer0)s, %(first)s::date + interval '2 months', '', '{}', %(clerk)s,
               now(), now()
        FROM employment_benefitclaim b WHERE b.id %% 1000 = 500;
    """, p)


def insert_contributions(p: dict) -> None:
    """Five months of four types before the benefit (2,000,000 rows) with their declarations; 1% with a new
    employer's contributions for the fourth month of benefit; 0.2% declared (not paid) for the fifth."""
    load(f"""
        INSERT INTO insurance_contribution (person_id, employer_id, month, insurance_type, payer, base,
            employer_part, individual_part, account_part, status, paid_on)
        SELECT b.person_id, %(employer0)s + b.id %% %(employers)s, m::date, t, 'employer', 6000, 120, 60, 0, 'paid',
               m::date + 40
        FROM employment_benefitclaim b,
             generate_series(%(first)s::date - interval '5 months', %(first)s::date - interval '1 month',
                             interval '1 month') AS m,
             unnest({TYPES}) AS t
        WHERE b.id %% 100 <> 0 OR m < %(first)s::date - interval '1 month';

        INSERT INTO insurance_contribution (person_id, employer_id, month, insurance_type, payer, base,
            employer_part, individual_part, account_part, status, paid_on)
        SELECT b.person_id, %(employer0)s + 1, (%(first)s::date + interval '3 months')::date, t, 'employer', 6000,
               120, 60, 0, 'paid', %(first)s::date + interval '4 months'
        FROM employment_benefitclaim b, unnest({TYPES}) AS t WHERE b.id %% 100 = 0;

        INSERT INTO insurance_declaration (employer_id, month, version, status, channel, created_by_id, created_at,
            employees, total_base, employer_total, individual_total, digest)
        SELECT e.id, m::date, 1, 'paid', 'online', %(clerk)s, now(), 0, 0, 0, 0, ''
        FROM accounts_employer e,
             generate_series(%(first)s::date - interval '5 months', %(first)s::date - interval '1 month',
                             interval '1 month') AS m;

        INSERT INTO insurance_declarationline (declaration_id, person_id, wage, base, parts, employer_total,
            individual_total)
        SELECT d.id, c.person_id, 6000, 6000, '{{}}', 480, 240
        FROM insurance_contribution c
        JOIN insurance_declaration d ON d.employer_id = c.employer_id AND d.month = c.month
        WHERE c.insurance_type = 'pension';

        INSERT INTO insurance_declaration (employer_id, month, version, status, channel, created_by_id, created_at,
            employees, total_base, employer_total, individual_total, digest)
        VALUES (%(employer0)s + 2, (%(first)s::date + interval '4 months')::date, 1, 'declared', 'online',
                %(clerk)s, now(), 0, 0, 0, 0, '');

        INSERT INTO insurance_declarationline (declaration_id, person_id, wage, base, parts, employer_total,
            individual_total)
        SELECT d.id, b.person_id, 6000, 6000, '{{}}', 480, 240
        FROM employment_benefitclaim b, insurance_declaration d
        WHERE b.id %% 500 = 250 AND d.status = 'declared';
    """, p)
    with connection.cursor() as cur:
        for table in ("insurance_contribution", "insurance_declaration", "insurance_declarationline",
                      "employment_payment", "employment_benefitclaim", "employment_statusperiod", "workflow_case"):
            cur.execute(f"ANALYZE {table}")


def count(table: str, where: str = "TRUE") -> int:
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {table} WHERE {where}")
        return cur.fetchone()[0]


def main() -> None:
    from django.db import transaction
    from django.utils import timezone

    from accounts.generate import generate_employers, generate_persons
    from accounts.models import Employer
    from employment.models import FraudFlag
    from employment.rules.months import add_months
    from employment.services import fraud_flag, fraud_reviews_open, fraud_sweep
    from workflow.models import ServiceType

    if connection.vendor != "postgresql":
        print("fraud_sweep: needs PostgreSQL (set DATABASE_URL); skipped")
        return
    results: dict = {}
    with scratch_database():
        offices, clerk = offices_and_clerk()
        generate_persons(RECIPIENTS + 1000, seed=7)
        generate_employers(2000, seed=7)
        params = {"service": ServiceType.objects.get(code="employment.benefit").pk, "clerk": clerk.pk,
                  "office": offices["BACK-370503"].pk, "count": RECIPIENTS,
                  "first": add_months(timezone.localdate().replace(day=1), -6),
                  "employer0": Employer.objects.order_by("pk").values_list("pk", flat=True)[0], "employers": 2000}
        with timed("insert 100,000 recipients, 600,000 paid months", results):
            insert_recipients(params)
        with timed("insert 2,000,000 contributions, 500,000 declared lines", results):
            insert_contributions(params)
        results["data"] = {"contributions": count("insurance_contribution"),
                           "declaration lines": count("insurance_declarationline"),
                           "paid benefit months": count("employment_payment", "status = 'paid'"),
                           "recipients": count("employment_benefitclaim")}
        # First the parts, rolled back: the set-based flagging alone, and the cost of one review case.
        with transaction.atomic():
            with timed("flag only (3 set-based INSERT ... SELECT)", results):
                flagged = fraud_flag()
            results["flag only (3 set-based INSERT ... SELECT)"]["months flagged"] = flagged
            ten = list(FraudFlag.objects.order_by("person_id").values_list("person_id", flat=True).distinct()[:10])
            with timed("open the first 10 review cases", results):
                fraud_reviews_open(person_ids=ten)
            transaction.set_rollback(True)
        with timed("the nightly sweep: flag, then open every review", results):
            sweep = fraud_sweep()
        results["the nightly sweep: flag, then open every review"].pop("queries")  # past the query log's limit
        results["the nightly sweep: flag, then open every review"].update(
            sweep, reviews=count("employment_fraudreview"), cases=count(
                "workflow_case", "status = 'routed'"))
        with timed("the sweep again: nothing new", results):
            again = fraud_sweep()
        results["the sweep again: nothing new"].update(again)
        by_reason = {}
        with connection.cursor() as cur:
            cur.execute("SELECT reason, count(*) FROM employment_fraudflag GROUP BY reason ORDER BY reason")
            by_reason = dict(cur.fetchall())
            cur.execute("EXPLAIN " + _flag_sql())
            plan = " / ".join(row[0].strip() for row in cur.fetchall()[:6])
    total = results["the nightly sweep: flag, then open every review"]["seconds"]
    report("fraud sweep", results,
           f"goal: under 60 s for the sweep ({total:.1f} s here); flags by reason: "
           f"{by_reason}\n"
           f"  plan of the first flag query: {plan}")


def _flag_sql() -> str:
    """The SELECT of the first of the sweep's three inserts (contributions), for EXPLAIN."""
    from employment.selectors.fraud import overlaps, paid_benefit_months

    rows = next(iter(overlaps(paid_benefit_months()).values()))
    sql, params = rows.order_by().values("pk", "employer_ref").query.sql_with_params()
    with connection.cursor() as cur:
        return cur.mogrify(sql, params).decode()


if __name__ == "__main__":
    main()
