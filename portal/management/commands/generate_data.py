"""Generate load data: the city at any scale (PostgreSQL), or N persons and M employers (any database)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


class Command(BaseCommand):
    help = ("Generate city-scale data with set-based SQL (--scale city = 1,000,000 persons, 40,000 employers, their "
            "insurance, 2,000,000 cases, a year of tickets; --scale 0.1 a tenth; PostgreSQL only, once per "
            "database), or only N persons and M employers (--persons/--employers).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", help="'city' (= 1) or a fraction of the city, e.g. 0.1")
        parser.add_argument("--persons", type=int, default=0)
        parser.add_argument("--employers", type=int, default=0)
        parser.add_argument("--seed", type=int, default=None,
                            help="drawing seed (default: 1 with --scale, the clock with --persons/--employers)")
        parser.add_argument("--tables", type=int, default=30, help="how many tables the size list shows (--scale)")

    def handle(self, *args, scale, persons, employers, seed, tables, **options):
        if scale is not None:
            return self._city(scale, seed if seed is not None else 1, tables)
        from accounts.generate import generate_employers, generate_persons

        seed = seed if seed is not None else int(time.time())
        started = time.monotonic()
        made_p = generate_persons(persons, seed=seed) if persons else 0
        made_e = generate_employers(employers, seed=seed) if employers else 0
        self.stdout.write(f"persons created: {made_p}, employers created: {made_e}, "
                          f"in {time.monotonic() - started:.1f} s")

    def _city(self, scale: str, seed: int, tables: int) -> None:
        from django.db import connection

        from accounts.models import Office
        from portal.generate import AlreadyGenerated, Plan, already_generated, parse_scale, run

        try:
            plan = Plan(parse_scale(scale), seed=seed)
        except ValueError as exc:
            raise CommandError(f"--scale: {exc}") from None
        if connection.vendor != "postgresql":
            raise CommandError("City-scale data is generated with PostgreSQL's set-based SQL: point DATABASE_URL at "
                               "a PostgreSQL database (SQLite is not supported; --persons/--employers work anywhere).")
        if already_generated() is not None:
            raise CommandError(f"This database already holds generated data ({already_generated():,} persons). "
                               "Generate into a fresh database: dropdb/createdb, migrate, then generate_data again.")
        started = time.monotonic()
        if not Office.objects.filter(code="HALL-370500").exists():
            self.stdout.write("no demo seed here: loading it first (offices, staff, demo persons)")
            call_command("seed_demo", stdout=self.stdout)
        self.stdout.write(f"generating scale {plan.scale:g}: {plan.persons:,} persons, {plan.employers:,} employers, "
                          f"{plan.cases:,} cases (seed {plan.seed})")
        try:
            report = run(plan, echo=lambda line: (self.stdout.write(line), self.stdout.flush()))
        except AlreadyGenerated as exc:
            raise CommandError(str(exc)) from None
        total = time.monotonic() - started
        self.stdout.write(f"\ntotal {total:.1f} s ({total / 60:.1f} min); database {_size(report.database_size)}")
        self.stdout.write("\ntable sizes (pg_total_relation_size, with indexes and TOAST), largest first:")
        for name, size, rows in report.sizes[:tables]:
            self.stdout.write(f"  {name:<44} {_size(size):>10}  {rows:>12,} rows")
