"""How cost grows with the city: the same operations timed on an existing database, to be put side by side.

Unlike the other benchmarks this one makes no scratch database: it reads the database DATABASE_URL names (e.g. the
one `generate_data --scale 0.1` made, then the one `--scale city` made; the demo seed's staff must be there) and
leaves it as it found it. For each operation it prints the median time of N runs (--runs, default 7) and the
query count of one run:

- desk page: the clerk (demo user "clerk") opens the counter desk's page of a person (the person picked by query:
  one with contributions);
- workbench / office board / city overview: the back-office pages of the demo reviewer, head and leader (staff
  login with the second factor, benchmarks/harness.py);
- statement: a rights statement (PDF) for a person with contributions, for the year with the most months on record
  (12 if any), among a sample of 200 insured persons;
- declaration: the monthly declaration of the employer with the most insured employees (up to 5,000 of them):
  declaration_submit with a wage for each;
- escalation sweep and fraud sweep: the whole sweep, with the work it found (cases due, steps taken; months flagged,
  reviews opened).

What writes (the statement keeps its code, the declaration its lines and payment order, the sweeps their steps,
flags, reviews and cases) runs inside a transaction rolled back after each run: the database is unchanged, each run
starts from the same data, and the time is the whole operation's, writes included, short of the COMMIT. SMS the
sweeps would queue are queued on commit, so never.

    DATABASE_URL=postgres://.../portal_city01 python benchmarks/growth.py --label 0.1 --json city01.json
    DATABASE_URL=postgres://.../portal_city   python benchmarks/growth.py --label city --json city.json
    python benchmarks/growth.py --compare city01.json city.json

Goal: per request, city within 1.5x of 0.1; the sweeps growing no faster than the work they find.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")  # as in production: SMS are queued, not sent inline

PAGES = ("desk page", "workbench", "office board", "city overview")
SWEEPS = ("escalation sweep", "fraud sweep")
GOAL = 1.5


class Rollback(Exception):
    """Raised at the end of a write operation's run to undo it."""


def measure(name: str, run, *, runs: int, writes: bool) -> dict:
    """Median seconds over `runs` runs (after one warm-up), the query count and the work of the last run."""
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    def once() -> tuple[float, int, dict]:
        work: dict = {}
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            if writes:
                try:
                    with transaction.atomic():
                        work = run() or {}
                        seconds = time.perf_counter() - started
                        raise Rollback
                except Rollback:
                    pass
            else:
                work = run() or {}
                seconds = time.perf_counter() - started
        count = len(queries)
        reset_queries()
        return seconds, count, work

    once()  # warm: templates, fonts, caches, the session's first request
    figures = [once() for _ in range(runs)]
    seconds = statistics.median(f[0] for f in figures)
    return {"seconds": seconds, "queries": figures[-1][1], "runs": runs, **figures[-1][2]}


def pick_subjects() -> dict:
    """The demo's staff, and by query: a person with contributions, the employer with the most insured employees."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from accounts.models import User
    from insurance.models import Contribution, Enrolment

    users = {u.username: u for u in User.objects.filter(username__in=["clerk", "reviewer", "head", "leader"])}
    missing = {"clerk", "reviewer", "head", "leader"} - set(users)
    if missing:
        sys.exit(f"growth: the demo staff {sorted(missing)} are missing (run seed_demo on this database)")
    # A sample of insured persons (open pension enrolments, no scan of the contributions), then among them the one
    # with the most months on record in a year, the latest such year.
    sample = list(Enrolment.objects.filter(ended_on__isnull=True, insurance_type="pension")
                  .values_list("person_id", flat=True)[:200])
    best = (Contribution.objects.filter(person_id__in=sample, status="paid")
            .values("person_id", year=ExtractYear("month")).annotate(months=Count("month", distinct=True))
            .order_by("-months", "-year", "person_id").first())
    person_id, year = (best["person_id"], best["year"]) if best else (None, None)
    employer = (Enrolment.objects.filter(ended_on__isnull=True, employer__isnull=False, insurance_type="pension")
                .values("employer_id").annotate(n=Count("pk")).order_by("-n").first())
    return {"users": users, "person_id": person_id, "year": year,
            "employer_id": employer["employer_id"] if employer else None}


def page(client, url: str):
    def run() -> dict:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return {}
    return run


def operations(subjects: dict, only: set[str] | None) -> list[tuple[str, object, bool]]:
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from harness import staff_login

    from accounts.models import Employer, Person
    from accounts.services import system_user
    from employment.services import fraud_sweep
    from insurance.models import Enrolment
    from insurance.rules.months import add_months
    from insurance.services import declaration_submit, statement_issue
    from insurance.services.uploads import WageRow
    from workflow.services import escalation_sweep

    users, ops = subjects["users"], []

    def wanted(name: str) -> bool:
        return only is None or name in only

    for name, user, url in (
            ("desk page", "clerk", (reverse("counter:desk-subject", args=["person", subjects["person_id"]])
                                    if subjects["person_id"] else None)),
            ("workbench", "reviewer", reverse("workflow:workbench")),
            ("office board", "head", reverse("workflow:head-board")),
            ("city overview", "leader", reverse("workflow:city-overview"))):
        if url and wanted(name):
            client = Client()
            staff_login(client, users[user])
            ops.append((name, page(client, url), False))
    actor = system_user()
    if subjects["person_id"] and wanted("statement"):
        person, year = Person.objects.get(pk=subjects["person_id"]), subjects["year"]

        def statement() -> dict:
            issued = statement_issue(person=person, year=year, actor=actor, channel="counter")
            return {"year": year, "pdf_bytes": len(bytes(issued.pdf))}
        ops.append(("statement", statement, True))
    if subjects["employer_id"] and wanted("declaration"):
        employer = Employer.objects.get(pk=subjects["employer_id"])
        latest = employer.declarations.order_by("-month").values_list("month", flat=True).first()
        this_month = timezone.localdate().replace(day=1)
        month = min(add_months(latest, 1), this_month) if latest else this_month
        # Employees insured there on the month's first day (one hired later in the month is declared next month).
        persons = list(Person.objects.filter(
            pk__in=Enrolment.objects.filter(employer=employer, ended_on__isnull=True, insurance_type="pension",
                                            started_on__lte=month).values("person_id")).order_by("pk")[:5000])
        rows = [WageRow(row=i + 1, id_number=p.id_number, name=p.name, wage=f"{3000 + (i * 37) % 25000}.{i % 100:02d}")
                for i, p in enumerate(persons)]

        def declaration() -> dict:
            declared = declaration_submit(employer=employer, month=month, rows=rows, actor=actor, channel="counter")
            return {"employees": len(rows), "month": f"{month:%Y-%m}", "total": str(declared.total)}
        ops.append(("declaration", declaration, True))
    if wanted("escalation sweep"):
        def sweep() -> dict:
            result = escalation_sweep(now=timezone.now(), time_budget=600)
            return {"cases due": result.cases, "steps": result.steps}
        ops.append(("escalation sweep", sweep, True))
    if wanted("fraud sweep"):
        def fraud() -> dict:
            from employment.models import FraudReview

            before = FraudReview.objects.count()
            result = fraud_sweep()
            return {"months flagged": result["flagged"], "reviews opened": FraudReview.objects.count() - before}
        ops.append(("fraud sweep", fraud, True))
    return ops


def describe() -> dict:
    from django.db import connection

    with connection.cursor() as cur:
        sizes = {}
        for table in ("accounts_person", "workflow_case", "insurance_contribution"):
            cur.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
            row = cur.fetchone()
            sizes[table] = row[0] if row else None
    return {"database": connection.settings_dict["NAME"], "rows (estimated)": sizes}


def print_table(label: str, results: dict) -> None:
    print(f"\n== growth: {label} ==")
    for name, figures in results["operations"].items():
        extra = "  ".join(f"{k}={v}" for k, v in figures.items() if k not in {"seconds", "queries", "runs"})
        print(f"  {name:<18} {figures['seconds'] * 1000:10.1f} ms {figures['queries']:6d} queries  {extra}")
    print(f"  {results['about']}")


def _work(figures: dict) -> int | None:
    for key in ("cases due", "reviews opened"):
        if key in figures:
            return figures[key]
    return None


def compare(a_path: str, b_path: str) -> None:
    a, b = (json.loads(Path(path).read_text(encoding="utf-8")) for path in (a_path, b_path))
    print(f"\n== growth: {a['label']} vs {b['label']} ==")
    print(f"  {'':<18} {a['label']:>12} {b['label']:>12} {'ratio':>7}   queries   work    goal")
    for name in [*a["operations"], *(n for n in b["operations"] if n not in a["operations"])]:
        fa, fb = a["operations"].get(name), b["operations"].get(name)
        if not fa or not fb:
            continue
        ratio = fb["seconds"] / fa["seconds"] if fa["seconds"] else float("inf")
        work_a, work_b = _work(fa), _work(fb)
        if work_a is not None:
            growth = (work_b / work_a) if work_a else None
            work = f"{work_a}->{work_b}"
            allowed = GOAL * max(growth or 1, 1)  # a sweep may grow as fast as the work it found
            verdict = "ok" if ratio <= allowed else "over"
        else:
            work, verdict = "", "ok" if ratio <= GOAL else "over"
        print(f"  {name:<18} {fa['seconds'] * 1000:9.1f} ms {fb['seconds'] * 1000:9.1f} ms {ratio:6.2f}x"
              f"  {fa['queries']:>4}/{fb['queries']:<4} {work:>8}  {verdict}")
    print(f"  goal: per request {b['label']}/{a['label']} <= {GOAL}x; sweeps growing no faster than the work found")
    print(f"  {a['label']}: {a['about']}\n  {b['label']}: {b['about']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", default=os.environ.get("GROWTH_LABEL", "run"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("GROWTH_RUNS", "7")))
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--only", help="comma-separated operations, e.g. 'workbench,office board'")
    parser.add_argument("--compare", nargs=2, metavar=("A.json", "B.json"), help="print two runs side by side")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    sys.argv[1:] = []
    import harness  # noqa: F401  (Django set up on DATABASE_URL; no scratch database)
    from django.db import connection

    logging.getLogger("axes").setLevel(logging.WARNING)
    if connection.vendor != "postgresql":
        sys.exit("growth: needs PostgreSQL (set DATABASE_URL to the database to measure)")
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host allowed; nothing else of the test set-up (no scratch database)
    connection.force_debug_cursor = True  # count queries outside DEBUG
    subjects = pick_subjects()
    only = {name.strip() for name in args.only.split(",")} if args.only else None
    results = {"label": args.label, "about": describe(), "operations": {}}
    for name, run, writes in operations(subjects, only):
        results["operations"][name] = measure(name, run, runs=args.runs, writes=writes)
        print(f"  {name}: {results['operations'][name]['seconds'] * 1000:.1f} ms", file=sys.stderr)
    print_table(args.label, results)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, ensure_ascii=False, indent=1, default=str)


if __name__ == "__main__":
    main()
