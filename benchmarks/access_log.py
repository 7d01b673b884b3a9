"""The access log's cost: the desk page and the back-office case page with ACCESS_LOG_ENABLED on and off.

Both pages are requested alternately with the log on and off, in the same run, over an access log that already
holds ACCESS_LOG_ROWS rows (a busy half year at a city bureau, 180 days kept), and the median and 95th percentile
of each are printed with the difference. Goal: under 5 % slower with the log on (one INSERT per request).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/access_log.py
"""

from __future__ import annotations

import os

# A name of its own, so the scratch database never clobbers a developer's test database.
os.environ.setdefault("TEST_DATABASE_NAME", "test_bench_access_log")

import statistics
import time

from harness import connection, report, scratch_database, staff_login

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "300"))
ACCESS_LOG_ROWS = int(os.environ.get("BENCH_ACCESS_LOG_ROWS", "1000000"))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fill_access_log(rows: int) -> None:
    """Rows spread over 180 days, persons and the demo's staff (set-based on PostgreSQL)."""
    from accounts.models import AccessLogEntry, Person, User

    persons = list(Person.objects.values_list("pk", flat=True))
    staff = list(User.objects.filter(kind=User.Kind.STAFF).values_list("pk", "office_id", "staff_number"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("""
                INSERT INTO accounts_accesslogentry (at, person_id, user_id, staff_number, role, office_id, page,
                    path, case_number, ticket, address)
                SELECT now() - (g %% 180) * interval '1 day' - (g %% 86400) * interval '1 second',
                       (%(persons)s::bigint[])[1 + g %% array_length(%(persons)s::bigint[], 1)],
                       (%(users)s::bigint[])[1 + g %% array_length(%(users)s::bigint[], 1)],
                       'S' || (g %% 100), 'counter_clerk',
                       (%(offices)s::bigint[])[1 + g %% array_length(%(offices)s::bigint[], 1)],
                       'desk', '/counter/desk/person/1/', '', 'A' || (g %% 500), '10.0.0.1'
                FROM generate_series(1, %(rows)s) AS g
            """, {"persons": persons, "users": [s[0] for s in staff], "offices": [s[1] for s in staff],
                  "rows": rows})
            cur.execute("ANALYZE accounts_accesslogentry")
    else:
        AccessLogEntry.objects.bulk_create(
            [AccessLogEntry(person_id=persons[n % len(persons)], user_id=staff[n % len(staff)][0],
                            page="desk") for n in range(min(rows, 50_000))], batch_size=5000)


def setup() -> dict:
    """The demo: 广饶县's clerk at window 2 serving a ticket, and a 河口区 case for the back office's reviewer."""
    from accounts.demo import seed
    from accounts.models import Office, Person, User
    from accounts.roles import sync_roles
    from counter.services import ticket_call_next, ticket_issue, window_open, windows_ensure
    from workflow.registry import Channel, Kind, ServiceSpec, registry
    from workflow.services import case_accept
    from workflow.services.catalogue import service_types_sync

    sync_roles()
    seed()
    spec = ServiceSpec(code="bench.timed", name="Benchmark time-limited service", domain="bench",
                       kind=Kind.TIME_LIMITED, limit=5, channels=frozenset({Channel.COUNTER}))
    if spec.code not in registry:
        registry.register(spec)
    service_types_sync()
    hall = Office.objects.get(code="HALL-370523")
    clerk, reviewer = User.objects.get(username="clerk"), User.objects.get(username="reviewer")
    window = window_open(window=windows_ensure(hall=hall, count=3)[1], actor=clerk)
    ticket_issue(hall=hall)
    ticket_call_next(window=window, actor=clerk)
    person = Person.objects.filter(hukou_region__path__startswith="370503").order_by("pk").first()
    case = case_accept(service_code="bench.timed", actor=clerk, channel="counter", person=person, data={})
    return {"clerk": clerk, "reviewer": reviewer, "person": person, "case": case}


def measure(world: dict, results: dict) -> None:
    from django.test import Client, override_settings
    from django.urls import reverse

    from accounts.models import AccessLogEntry

    pages = [
        ("desk page (the person's picture)", world["clerk"],
         reverse("counter:desk-subject", args=["person", world["person"].pk])),
        ("back-office case page", world["reviewer"], world["case"].get_absolute_url()),
    ]
    for label, user, url in pages:
        client = Client()
        staff_login(client, user)
        for _ in range(10):  # warm: session, templates, caches, connection
            assert client.get(url).status_code == 200
        times = {True: [], False: []}
        before = AccessLogEntry.objects.count()
        for n in range(ROUNDS):
            # Alternate which goes first, so neither mode always follows the other.
            for enabled in ((True, False) if n % 2 else (False, True)):
                with override_settings(ACCESS_LOG_ENABLED=enabled):
                    started = time.perf_counter()
                    response = client.get(url)
                    times[enabled].append(time.perf_counter() - started)
                assert response.status_code == 200
        written = AccessLogEntry.objects.count() - before
        assert written == ROUNDS, (label, written)  # one row per request with the log on, none with it off
        on, off = times[True], times[False]
        insert = _insert_alone(client, url)
        results[f"{label}, the insert alone"] = {"median_ms": f"{statistics.median(insert) * 1000:.2f}",
                                                 "p95_ms": f"{_p95(insert) * 1000:.2f}"}
        for name, values in (("on", on), ("off", off)):
            results[f"{label}, log {name}"] = {"median_ms": f"{statistics.median(values) * 1000:.2f}",
                                               "p95_ms": f"{_p95(values) * 1000:.2f}"}
        results[f"{label}, log on vs off"] = {
            "median": f"{(statistics.median(on) / statistics.median(off) - 1) * 100:+.1f}%",
            "p95": f"{(_p95(on) / _p95(off) - 1) * 100:+.1f}%"}


def _insert_alone(client, url: str) -> list[float]:
    """What access_log_record itself costs for the page's reader (the rest of the difference is noise)."""
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from accounts.access_log.services import Page, access_log_record
    from accounts.models import Person

    request = RequestFactory().get(url)
    request.user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    request.user.get_all_permissions()  # read once per request by the access check anyway
    person = Person.objects.order_by("pk").first()
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        access_log_record(request=request, persons=[person], page=Page.DESK)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    import logging

    logging.getLogger("axes").setLevel(logging.WARNING)
    results: dict = {}
    with scratch_database():
        world = setup()
        started = time.perf_counter()
        fill_access_log(ACCESS_LOG_ROWS)
        from accounts.models import AccessLogEntry

        results["access log filled"] = {"rows": AccessLogEntry.objects.count(),
                                        "seconds_to_fill": f"{time.perf_counter() - started:.1f}"}
        measure(world, results)
    report("access log on vs off", results,
           f"{ROUNDS} requests per page and mode, alternating; goal: under 5% slower with the log on")


if __name__ == "__main__":
    main()
