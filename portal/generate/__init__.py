"""City-scale data, generated with set-based SQL on PostgreSQL (`manage.py generate_data --scale city`).

Scale 1 ("city") is Dongying's registry: 1,000,000 persons, 40,000 employers, their jobs, insurance and a year of
contributions, 2,000,000 cases and a year of queue tickets; `--scale 0.1` makes a tenth. Every stage is one or a
few INSERT ... SELECT over generate_series with arithmetic (a multiplicative hash stands in for random(), so a
scale and seed always make the same rows), foreign-key triggers off (session_replication_role = replica: the
generator writes only ids it has just made) and synchronous_commit off. The generated data lives beside the demo
seed (loaded first when missing), and a database holds it once: the command records that it ran and refuses a
second run (generate into a fresh database instead).

Shares chosen (documented in README): of working-age persons (18–59), 88% employed through an employer, 7%
flexibly employed, 3% registered unemployed (their job ended in the last year), the rest neither; employers sized
by a Zipf law (exponent 1: most have fewer than 10 employees, a handful more than 5,000).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.db import DatabaseError, connection
from django.utils import timezone

from workflow.services.rollups import RollupResult, daily_figures_rollup
from workflow.services.timeline import public_timeline_fill

CITY_PERSONS, CITY_EMPLOYERS, CITY_CASES = 1_000_000, 40_000, 2_000_000
# workflow's counter table carries the marker: its value is the number of persons generated.
MARKER = "generate_data:persons"
# Loaded without their secondary indexes, which are built once at the end.
BIG_TABLES = ["insurance_contribution", "insurance_declarationline", "workflow_case", "workflow_caseevent",
              "counter_ticketevent"]
HELPERS = ["gen_person", "gen_employer", "gen_slot", "gen_job", "gen_rate", "gen_flex_rate", "gen_line", "gen_decl",
           "gen_case", "gen_ticket"]


class AlreadyGenerated(Exception):
    pass


def parse_scale(value: str) -> float:
    if value.strip().lower() == "city":
        return 1.0
    scale = float(value)
    if not 0 < scale <= 10:
        raise ValueError("the scale is a number above 0 (city = 1)")
    return scale


@dataclass
class Plan:
    scale: float
    seed: int = 1

    @property
    def persons(self) -> int:
        return max(1, round(CITY_PERSONS * self.scale))

    @property
    def employers(self) -> int:
        return max(1, round(CITY_EMPLOYERS * self.scale))

    @property
    def cases(self) -> int:
        return max(1, round(CITY_CASES * self.scale))


@dataclass
class Report:
    stages: list[tuple[str, float, dict]] = field(default_factory=list)
    sizes: list[tuple[str, int, int]] = field(default_factory=list)
    database_size: int = 0


def already_generated() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM workflow_sequence WHERE key = %s", [MARKER])
        row = cursor.fetchone()
    return row[0] if row else None


def run(plan: Plan, *, echo=print) -> Report:
    """Generate the plan's data into the default database; `echo` gets each stage's line as it ends."""
    from accounts.services import system_user
    from portal.generate import cases, counter, employment, insurance, persons
    from portal.generate.sql import drop_secondary_indexes

    if connection.vendor != "postgresql":
        raise NotImplementedError("City-scale data is generated with PostgreSQL's set-based SQL: point "
                                  "DATABASE_URL at a PostgreSQL database (SQLite is not supported).")
    done = already_generated()
    if done is not None:
        raise AlreadyGenerated(
            f"This database already holds generated data ({done:,} persons). Generated rows are not removed one by "
            "one: generate into a fresh database (dropdb/createdb, migrate, then generate_data again).")
    report = Report()
    now = timezone.now()
    today = timezone.localdate(now)
    actor_id = system_user().pk

    def stage(name, fn):
        started = time.monotonic()
        figures = fn() or {}
        if isinstance(figures, int):
            figures = {"rows": figures}
        elapsed = time.monotonic() - started
        report.stages.append((name, elapsed, figures))
        echo(f"{name:<28} {elapsed:8.1f} s  " + ", ".join(f"{k}: {v:,}" for k, v in figures.items()))

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO workflow_sequence (key, value) VALUES (%s, %s)", [MARKER, plan.persons])
        for table in HELPERS:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        # Rows written earlier in an enclosing transaction (the demo seed in a test) have their deferred foreign-key
        # checks pending, and a table with pending checks cannot be altered: check them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        rebuild: list[str] = []
        try:
            stage("drop secondary indexes", lambda: {"indexes": len(rebuild.extend(
                drop_secondary_indexes(cursor, BIG_TABLES)) or rebuild)})
            months = insurance.months_of(today)
            stage("persons", lambda: persons.generate_persons(cursor, plan.persons, seed=plan.seed, today=today,
                                                              now=now))
            stage("employers", lambda: persons.generate_employers(cursor, plan.employers, seed=plan.seed, now=now))
            stage("jobs (who works where)", lambda: employment.classify(cursor, today=today))
            stage("employment records", lambda: employment.generate_status_periods(cursor, actor_id=actor_id, now=now))
            stage("insured employers", lambda: insurance.generate_insured_employers(cursor, today=today))
            stage("enrolments", lambda: insurance.generate_enrolments(cursor, now=now))
            stage("rates", lambda: insurance.reference_tables(cursor, months))
            stage("declarations and lines", lambda: insurance.generate_declarations(cursor, months=months,
                                                                                   actor_id=actor_id))
            stage("contributions", lambda: insurance.generate_contributions(cursor))
            stage("cases, events, steps", lambda: cases.generate_cases(cursor, plan.cases, seed=plan.seed,
                                                                       today=today, now=now, actor_id=actor_id))
            stage("tickets", lambda: counter.generate_tickets(cursor, scale=plan.scale, today=today,
                                                              persons_sample=plan.persons))

            def build():
                for statement in rebuild:
                    cursor.execute(statement)
                return {"indexes": len(rebuild)}

            stage("build indexes", build)
            # After the indexes: the public timeline of every generated case, in one statement (what the
            # tracking page reads in its one query), computed as the services keep it.
            stage("public timelines", lambda: {"rows": public_timeline_fill()})
        finally:
            try:
                for table in HELPERS:
                    cursor.execute(f"DROP TABLE IF EXISTS {table}")
                cursor.execute("RESET session_replication_role")
                cursor.execute("RESET synchronous_commit")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are initially deferred
            except DatabaseError:
                pass  # a failed transaction: its rollback removes the helpers and the settings (SET is transactional)
        # VACUUM as well: the visibility map autovacuum keeps on a live database, which index-only scans need (the
        # office board's and the city overview's counts took twice as long without it). Not inside a transaction
        # (a test's): there ANALYZE alone.
        stage("vacuum and analyze",
              lambda: cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)") or {})
        # What the hourly beat task would have written over the generated year: the back office's daily figures
        # of the board's and the overview's period (without them both count the whole period live).
        stage("daily roll-ups", lambda: _rolled_up(daily_figures_rollup()))
        cursor.execute("""
            SELECT c.relname, pg_total_relation_size(c.oid), coalesce(s.n_live_tup, c.reltuples::bigint)
            FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            WHERE c.relkind = 'r' AND ns.nspname = 'public'
            ORDER BY 2 DESC""")
        report.sizes = cursor.fetchall()
        cursor.execute("SELECT pg_database_size(current_database())")
        report.database_size = cursor.fetchone()[0]
    return report


def _rolled_up(result: RollupResult) -> dict:
    return {"rows": result.rows, "intake rows": result.intake_rows}
