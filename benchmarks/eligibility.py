"""The subsidy check for a person with 30 years of monthly contributions (goal: a fixed small number of queries,
under 20 ms).

The one-time start-up subsidy's checks (as the counter runs them before accepting) read the rule table, the
unemployment-insurance months, any live benefit, any social-insurance subsidy and earlier grants; the same
checks run for a person with one year and one with thirty years of contributions, among 1,000,000 contribution
rows of other people, to show that neither time nor queries grow with the history.
"""

import statistics
import time

from harness import connection, offices_and_clerk, report, scratch_database, timed

RUNS = 50
BACKGROUND_PERSONS = 40_000  # x 25 months x 5 types: 1,000,000 rows


def insert_history(person_id: int, employer_id: int, years: int) -> None:
    """Monthly contributions of five types for `years` years up to last month (set-based)."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO insurance_contribution (person_id, employer_id, month, insurance_type, payer, base,
                employer_part, individual_part, account_part, status, paid_on)
            SELECT %(person)s, %(employer)s, m::date, t, 'employer', 6000, 120, 60, 0, 'paid', m::date + 40
            FROM generate_series(date_trunc('month', now()) - make_interval(months => %(months)s),
                                 date_trunc('month', now()) - interval '1 month', interval '1 month') AS m,
                 unnest(ARRAY['pension', 'medical', 'unemployment', 'work_injury', 'maternity']) AS t
            """,
            {"person": person_id, "employer": employer_id, "months": years * 12},
        )


def insert_background(person_ids: list[int], employer_id: int) -> None:
    """25 months of five types for each background person: 1,000,000 rows."""
    with connection.cursor() as cur:
        # Load data only: skip the foreign-key triggers of the bulk insert (the rows reference existing persons).
        cur.execute("SET session_replication_role = replica")
        cur.execute(
            """
            INSERT INTO insurance_contribution (person_id, employer_id, month, insurance_type, payer, base,
                employer_part, individual_part, account_part, status, paid_on)
            SELECT p, %(employer)s, m::date, t, 'employer', 5000, 100, 50, 0, 'paid', m::date + 40
            FROM unnest(%(persons)s::bigint[]) AS p,
                 generate_series(date '2024-01-01', date '2026-01-01', interval '1 month') AS m,
                 unnest(ARRAY['pension', 'medical', 'unemployment', 'work_injury', 'maternity']) AS t
            """,
            {"persons": person_ids, "employer": employer_id},
        )
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("ANALYZE insurance_contribution")


def measure(check, label: str, results: dict) -> None:
    check()  # warm the caches (the calendar, the registry's forms)
    durations = []
    for _ in range(RUNS):
        started = time.perf_counter()
        check()
        durations.append(time.perf_counter() - started)
    with timed(label, results):
        checks = check()
    results[label].update(seconds=statistics.median(durations),
                          p95_ms=round(sorted(durations)[int(RUNS * .95)] * 1000, 1), criteria=len(checks),
                          failed=[c.code for c in checks if c.is_error])


def main() -> None:
    from accounts.generate import generate_employers, generate_persons
    from accounts.models import Employer, Person
    from workflow.services import case_check

    if connection.vendor != "postgresql":
        print("eligibility: needs PostgreSQL (set DATABASE_URL); skipped")
        return
    results: dict = {}
    with scratch_database():
        _offices, clerk = offices_and_clerk()
        generate_persons(BACKGROUND_PERSONS + 2, seed=5)
        generate_employers(10, seed=5)
        employer = Employer.objects.order_by("pk").first()
        ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        veteran, newcomer = Person.objects.get(pk=ids[0]), Person.objects.get(pk=ids[1])
        with timed("insert 1,000,000 background contribution rows", results):
            insert_background(ids[2:], employer.pk)
        insert_history(veteran.pk, employer.pk, 30)
        insert_history(newcomer.pk, employer.pk, 1)
        Employer.objects.filter(pk=employer.pk).update(legal_representative=veteran.name)
        data = {"business": employer.credit_code}
        for person, years in ((newcomer, 1), (veteran, 30)):
            measure(lambda person=person: case_check(service_code="employment.subsidy_startup", actor=clerk,
                                                     channel="counter", person=person, data=data),
                    f"start-up subsidy check, {years} year(s) of contributions", results)
        measure(lambda: case_check(service_code="employment.subsidy_vocational_training", actor=clerk,
                                   channel="counter", person=veteran,
                                   data={"level": "advanced", "certificate": "C1", "course": "电工"}),
                "vocational training check, 30 years", results)
        measure(lambda: case_check(service_code="employment.benefit", actor=clerk, channel="counter",
                                   person=veteran, data={"bank_account": "6222020200112233445", "bank": "x"}),
                "unemployment benefit check, 30 years", results)
        rows = Person.objects.filter(pk=veteran.pk).values("contributions__month").count()
    report("subsidy eligibility check", results,
           f"goal: a fixed small number of queries, under 20 ms (median of {RUNS} runs; the 30-year person has "
           f"{rows} contribution rows)")


if __name__ == "__main__":
    main()
