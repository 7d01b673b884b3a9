"""The service hall under a day's load: 10,000 tickets, 20 windows, and the clerk's loop.

Prints call-next latency (median, p95) first with the windows taking turns while the whole day's 10,000
tickets wait, then with all 20 windows calling back to back in their own threads until the queue is empty
(a stress far above a real hall's pace, where a window calls every few minutes), and checks that every
ticket was called exactly once. Then times each page of the clerk's loop (call, identify, the person's
picture, the business's form, accept, the result, the receipt) with its query count, for a person with a
short and a long history (goals: the desk page's query count constant and under 25; no page of the loop
over a few hundred milliseconds).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/counter.py
"""

from __future__ import annotations

import os

# A name of its own, so the scratch database never clobbers a developer's test database.
os.environ.setdefault("TEST_DATABASE_NAME", "test_bench_counter")

import statistics
import threading
import time
from datetime import timedelta

from harness import report, scratch_database, staff_login

TICKETS = int(os.environ.get("BENCH_TICKETS", "10000"))
WINDOWS = int(os.environ.get("BENCH_WINDOWS", "20"))
HISTORY = (10, int(os.environ.get("BENCH_HISTORY", "2000")))
LOOPS = int(os.environ.get("BENCH_LOOPS", "20"))
SEQUENTIAL = int(os.environ.get("BENCH_SEQUENTIAL", "500"))


def register_services():
    """Two services of the benchmark's own (the counter runs whatever the registry holds)."""
    from workflow.registry import Channel, Kind, Material, ServiceSpec, registry
    from workflow.services.catalogue import service_types_sync

    for spec in (
        ServiceSpec(code="bench.immediate", name="Benchmark immediate service", domain="bench", kind=Kind.IMMEDIATE,
                    channels=frozenset({Channel.COUNTER})),
        ServiceSpec(code="bench.timed", name="Benchmark time-limited service", domain="bench",
                    kind=Kind.TIME_LIMITED, limit=5, channels=frozenset({Channel.COUNTER}),
                    materials=(Material("id_card", "Identity card"),)),
    ):
        if spec.code not in registry:
            registry.register(spec)
    service_types_sync()


def setup_hall():
    """广饶县's hall with WINDOWS windows, a clerk signed in at each, and a day of TICKETS tickets."""
    from django.utils import timezone

    from accounts.demo import DEMO_PASSWORD, seed
    from accounts.models import Office, User
    from accounts.roles import Role, sync_roles
    from accounts.services import staff_user_create
    from counter.models import Ticket
    from counter.services import hall_screen_ensure, window_open, windows_ensure

    sync_roles()
    seed()
    hall = Office.objects.get(code="HALL-370523")
    windows = windows_ensure(hall=hall, count=WINDOWS)
    hall_screen_ensure(hall=hall)
    clerks = [User.objects.get(username="clerk")] + [
        staff_user_create(username=f"bench-clerk-{n}", password=DEMO_PASSWORD, office=hall,
                          staff_number=f"B{n:05d}", roles=(Role.CLERK,)) for n in range(1, WINDOWS)]
    pairs = [(window_open(window=w, actor=c), c) for w, c in zip(windows, clerks, strict=True)]
    now = timezone.now()
    opening = now - timedelta(hours=8)
    rows = []
    letters = {"ordinary": "A", "priority": "B", "appointment": "C"}
    for n in range(TICKETS):
        kind = "priority" if n % 10 == 3 else "appointment" if n % 20 == 7 else "ordinary"
        issued = opening + timedelta(seconds=n * 8 * 3600 / TICKETS)
        rows.append(Ticket(hall=hall, day=timezone.localdate(now), code=f"{letters[kind]}{n:05d}", category=kind,
                           priority_reason="elderly" if kind == "priority" else "",
                           slot_start=issued + timedelta(minutes=30) if kind == "appointment" else None,
                           issued_at=issued))
    Ticket.objects.bulk_create(rows, batch_size=2000)
    return hall, pairs


def _figures(latencies: list[float]) -> dict:
    return {"calls": len(latencies), "median_ms": round(statistics.median(latencies) * 1000, 2),
            "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 2),
            "max_ms": round(max(latencies) * 1000, 1)}


def call_one_at_a_time(pairs, results: dict, calls: int = SEQUENTIAL) -> None:
    """The windows take turns (one call at a time) with the whole day's queue waiting: the latency of a call."""
    from counter.services import ticket_call_next

    latencies = []
    started = time.perf_counter()
    for n in range(calls):
        window, clerk = pairs[n % len(pairs)]
        began = time.perf_counter()
        ticket_call_next(window=window, actor=clerk, finish_current=True)
        latencies.append(time.perf_counter() - began)
    results[f"call next: one at a time, {TICKETS} waiting"] = {"seconds": time.perf_counter() - started,
                                                               **_figures(latencies)}


def call_until_empty(pairs, results: dict) -> None:
    """Every window calls (finishing its current ticket) in its own thread until nobody waits."""
    from django.db import connection

    from counter.models import Ticket, TicketEvent
    from counter.services import ticket_call_next

    latencies: list[float] = []
    called: list[int] = []
    lock = threading.Lock()

    def window_loop(window, clerk):
        mine, took = [], []
        try:
            while True:
                started = time.perf_counter()
                ticket = ticket_call_next(window=window, actor=clerk, finish_current=True)
                mine.append(time.perf_counter() - started)
                if ticket is None:
                    break
                took.append(ticket.pk)
        finally:
            connection.close()
        with lock:
            latencies.extend(mine)
            called.extend(took)

    from django.utils import timezone

    first_concurrent_call = timezone.now()
    started = time.perf_counter()
    threads = [threading.Thread(target=window_loop, args=pair) for pair in pairs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    called += list(Ticket.objects.exclude(status="waiting").filter(called_at__lt=first_concurrent_call)
                   .values_list("pk", flat=True))
    once = len(called) == len(set(called)) == TICKETS and not Ticket.objects.filter(status="waiting").exists()
    events = TicketEvent.objects.filter(kind="called").count()
    results[f"call next: {WINDOWS} windows at once until empty"] = {
        "seconds": elapsed, **_figures(latencies), "each_ticket_called_once": once and events == TICKETS,
    }


def person_with_history(cases: int):
    """A person registered in 河口区 with `cases` cases, a third of them still open (bulk-inserted)."""
    from django.utils import timezone

    from accounts.identifiers import id_check_char
    from accounts.models import Office, Person, Region, User
    from workflow.models import Case, ServiceType
    from workflow.rules.codes import new_tracking_code

    first17 = f"370503198501{cases % 28 + 1:02d}{cases % 1000:03d}"
    street = Region.objects.get(code="370503001")
    person = Person(id_number=first17 + id_check_char(first17), name=f"历史{cases}", phone="13800000000",
                    hukou_region=street, residence_region=street)
    person.save()
    service = ServiceType.objects.get(code="bench.timed")
    clerk = User.objects.get(username="clerk")
    back = Office.objects.get(code="BACK-370503")
    now = timezone.now()
    Case.objects.bulk_create([
        Case(number=f"2026{cases:04d}{n:06d}X"[:15], tracking_code=new_tracking_code(), service=service,
             person=person, channel="counter", accepted_office=clerk.office, accepted_by=clerk,
             jurisdiction_office=back, status="routed" if n % 3 == 0 else "completed",
             accepted_at=now - timedelta(days=n), deadline=now + timedelta(days=5 - n % 9))
        for n in range(cases)], batch_size=1000)
    return person


def timed_request(client, method: str, url: str, data=None, repeat: int = 1) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, response, queries = [], None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
            durations.append(time.perf_counter() - started)
        queries = len(captured)
    return statistics.median(durations), queries, response


def desk_loop(hall, results: dict) -> None:
    """The clerk's loop, page by page, for persons with a short and a long history."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from accounts.models import User
    from counter.services import ticket_issue

    clerk = User.objects.get(username="clerk")
    client = Client()
    staff_login(client, clerk)
    client.get(reverse("counter:desk"))  # warm the session and the templates
    for size in HISTORY:
        person = person_with_history(size)
        for _ in range(3):
            ticket_issue(hall=hall)
        pages = [
            ("call next (POST)", "post", reverse("counter:call-next"), {}),
            ("desk with the called ticket", "get", reverse("counter:desk"), None),
            ("identify (POST)", "post", reverse("counter:identify"), {"number": person.id_number}),
            ("the person's picture (desk page)", "get", reverse("counter:desk-subject", args=["person", person.pk]),
             None),
            ("the business's form and checks", "get",
             reverse("counter:desk-service", args=["person", person.pk, "bench.timed"]), None),
            ("accept (POST)", "post", reverse("counter:desk-service", args=["person", person.pk, "bench.timed"]),
             {"action": "accept", "d-materials": ["id_card"]}),
        ]
        for label, method, url, data in pages:
            repeat = LOOPS if method == "get" else 1
            seconds, queries, response = timed_request(client, method, url, data, repeat=repeat)
            results[f"[{size} cases] {label}"] = {"seconds": seconds, "queries": queries,
                                                   "status": response.status_code}
            if label == "accept (POST)":
                result_url = response["Location"]
        seconds, queries, response = timed_request(client, "get", result_url, repeat=LOOPS)
        results[f"[{size} cases] the result with the receipt link"] = {"seconds": seconds, "queries": queries,
                                                                        "status": response.status_code}
        number = result_url.rstrip("/").rsplit("/", 1)[-1]
        try:
            receipt = reverse("receipts:receipt", kwargs={"number": number})
        except NoReverseMatch:
            results[f"[{size} cases] print the receipt"] = {"status": "receipts:receipt not installed"}
        else:
            seconds, queries, response = timed_request(client, "get", receipt, repeat=5)
            results[f"[{size} cases] print the receipt"] = {"seconds": seconds, "queries": queries,
                                                             "status": response.status_code}
        client.post(reverse("counter:ticket-finish", args=[hall.tickets.filter(status="serving").first().pk]))


def main() -> None:
    from django.db import connection

    results: dict = {}
    with scratch_database():
        register_services()
        hall, pairs = setup_hall()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE counter_ticket")
        call_one_at_a_time(pairs, results)
        call_until_empty(pairs, results)
        desk_loop(hall, results)
    report("counter", results, "goals: every ticket called once; desk page queries constant and < 25; "
                               "each page of the loop within a few hundred ms")


if __name__ == "__main__":
    main()
