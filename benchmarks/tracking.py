"""Public tracking under concurrent load: /track/<code>/ next to a bare one-lookup Django view (goal: ratio ≥ 0.5).

A scratch PostgreSQL database gets BENCH_CASES generated cases (set-based SQL, six timeline events each, and
each case's public timeline as the services keep it: workflow.services.timeline.FILL_SQL); gunicorn (sync
workers, as in production) serves the portal plus a bare view (benchmarks/_tracking_urls.py); client processes of
threads (http.client, keeping cookies like a browser) request existing codes for BENCH_SECONDS per round,
alternating the URLs: the bare lookup, /track/<code>/ for codes viewed before, and /track/<code>/ for codes never
viewed (each requested once). Both read the case with its public timeline in one query; nothing is cached per case
(only the names of offices and services and the calendar, per process). Printed per URL: throughput, p50/p95/p99
latency, server CPU per request, and the throughput ratio to the bare lookup (goal: >= 0.5 for both).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/tracking.py
"""

from __future__ import annotations

import os

# A name of its own, so the scratch database never clobbers a developer's test database.
os.environ.setdefault("TEST_DATABASE_NAME", "test_bench_tracking")

import http.client
import multiprocessing
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from harness import ROOT, report, scratch_database

CASES = int(os.environ.get("BENCH_CASES", "100000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CLIENT_PROCESSES = int(os.environ.get("BENCH_CLIENTS", "2"))
CLIENT_THREADS = int(os.environ.get("BENCH_THREADS", "8"))
# gunicorn's sync workers, one request at a time each, 2 per CPU + 1 as in production (gunicorn.conf.py), without
# production's threads (they are there for sign-ins, whose password hash runs outside the GIL; a CPU-bound page is
# served best by a process of its own). Both URLs are served by the same server.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 2) + 1)))
# Codes viewed again and again (each seen once before the measurement), and distinct codes for the
# first-view phase (each requested once: nothing cached for them helps).
REPEAT_CODES = int(os.environ.get("BENCH_REPEAT_CODES", "2000"))
FIRST_VIEWS = int(os.environ.get("BENCH_FIRST_VIEWS", "40000"))
HERE = Path(__file__).resolve().parent
# With REDIS_URL set the server uses the production cache (Redis), under a key prefix of its own.
CACHE_PREFIX = f"bench-tracking-{os.getpid()}"
BARE = "bare lookup (one indexed query)"
TRACK = "/track/<code>/ (repeat views)"
FIRST = "/track/<code>/ (first views)"


def generate_cases(n: int) -> None:
    """n cases in a spread of states (running, in review, waiting for material, completed), six events each, and
    their public timelines."""
    from django.db import connection

    from accounts.demo import seed
    from accounts.models import Office, User
    from workflow.models import ServiceMaterial, ServiceType
    from workflow.services.timeline import public_timeline_fill

    seed()
    service = ServiceType.objects.create(code="bench.timed", name_zh="基准测试事项", name_en="Benchmark service",
                                         domain="bench", kind="time_limited", applicant="person",
                                         channels=["counter"], limit=5)
    ServiceMaterial.objects.bulk_create([
        ServiceMaterial(service=service, code="id_card", name_zh="身份证", name_en="Identity card", order=1),
        ServiceMaterial(service=service, code="form", name_zh="申请表", name_en="Application form", order=2)])
    clerk, reviewer = User.objects.get(username="clerk"), User.objects.get(username="reviewer")
    back = Office.objects.get(code="BACK-370503")
    params = {"service": service.pk, "hall": clerk.office_id, "clerk": clerk.pk, "back": back.pk,
              "reviewer": reviewer.pk, "n": n}
    with connection.cursor() as cursor:
        cursor.execute("""
            WITH p AS (SELECT array_agg(id ORDER BY id) AS ids FROM accounts_person)
            INSERT INTO workflow_case (number, tracking_code, service_id, person_id, channel, accepted_office_id,
                accepted_by_id, jurisdiction_office_id, reviewer_id, status, data, checks, result,
                materials_received, materials_missing, decision_note, accepted_at, deadline, paused_at,
                escalation_level, decided_at, closed_at, updated_at)
            SELECT to_char(date '2026-01-05' + i / 100000, 'YYYYMMDD') || lpad((i %% 100000)::text, 6, '0') || 'X',
                   upper(substr(md5('bench' || i), 1, 16)),  -- hexadecimal: inside the tracking alphabet
                   %(service)s, p.ids[1 + i %% array_length(p.ids, 1)], 'counter', %(hall)s, %(clerk)s, %(back)s,
                   CASE WHEN i %% 10 BETWEEN 4 AND 6 THEN %(reviewer)s END,
                   CASE WHEN i %% 10 < 4 THEN 'routed' WHEN i %% 10 < 6 THEN 'in_review'
                        WHEN i %% 10 = 6 THEN 'supplement_requested' ELSE 'completed' END,
                   '{"amount": "100"}', '[]', '{}', '["id_card"]',
                   CASE WHEN i %% 10 = 6 THEN '["form"]' ELSE '[]' END::jsonb, '',
                   now() - (i %% 30) * interval '1 day', now() + (7 - i %% 30) * interval '1 day',
                   CASE WHEN i %% 10 = 6 THEN now() - interval '1 day' END, 0,
                   CASE WHEN i %% 10 > 6 THEN now() END, CASE WHEN i %% 10 > 6 THEN now() END, now()
            FROM generate_series(1, %(n)s) AS i, p
        """, params)
        cursor.execute("""
            INSERT INTO workflow_caseevent (case_id, kind, at, actor_id, office_id, from_status, to_status, note)
            SELECT c.id, (ARRAY['accepted', 'routed', 'claimed', 'released', 'claimed', 'supplement_requested'])[k],
                   c.accepted_at + k * interval '1 hour', CASE WHEN k < 3 THEN %(clerk)s ELSE %(reviewer)s END,
                   CASE WHEN k < 3 THEN %(hall)s ELSE %(back)s END, '', '', ''
            FROM workflow_case c CROSS JOIN generate_series(1, 6) AS k
        """, params)
    # Each case's public timeline, as the services keep it (set-based: workflow.services.timeline.FILL_SQL).
    public_timeline_fill()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workflow_case; ANALYZE workflow_caseevent; ANALYZE workflow_publictimeline")


def server_cpu_seconds(master_pid: int) -> float:
    """User + system CPU of gunicorn's master and workers so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if master_pid in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _client(args) -> tuple[list[float], int]:
    """One client process: threads on their own connections requesting paths until time is up: at random, or
    (sequential) each thread its own share of the list in order, so that no path is requested twice."""
    port, paths, seconds, threads, seed, sequential = args
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def loop(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        share = iter(paths[seed * threads + index::CLIENT_PROCESSES * threads])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed, cookies = [], 0, {}
        while True:
            started = time.perf_counter()
            path = next(share, None) if sequential else rng.choice(paths)
            if started >= stop_at or path is None:
                break
            try:
                # Like a browser, send back the cookies the site set (the CSRF cookie of the page's forms).
                conn.request("GET", path, headers={"Cookie": "; ".join(cookies.values())} if cookies else {})
                response = conn.getresponse()
                response.read()
                for header in response.headers.get_all("Set-Cookie") or ():
                    pair = header.split(";", 1)[0]
                    cookies[pair.split("=", 1)[0]] = pair
                if response.status != 200:
                    failed += 1
                mine.append(time.perf_counter() - started)
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, errors[0]


def load(port: int, paths: list[str], seconds: float, pool, sequential: bool = False):
    started = time.perf_counter()
    outcomes = pool.map(_client, [(port, paths, seconds, CLIENT_THREADS, i, sequential)
                                  for i in range(CLIENT_PROCESSES)])
    elapsed = time.perf_counter() - started
    latencies = [x for lat, _ in outcomes for x in lat]
    return latencies, sum(errors for _, errors in outcomes), elapsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database_url: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=database_url, PORTAL_URLCONF="_tracking_urls", TRACKING_RATE_LIMIT="off",
               DEBUG="0", PORTAL_TESTING="1", LOG_LEVEL="WARNING", CACHE_KEY_PREFIX=CACHE_PREFIX,
               PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE), os.environ.get("PYTHONPATH", "")]))
    env.pop("TEST_DATABASE_NAME", None)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env)
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/bare/0/")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def forget_cache() -> None:
    if os.environ.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        for key in client.scan_iter(match=f"{CACHE_PREFIX}:*", count=1000):
            client.delete(key)


def figures(latencies: list[float], errors: int, seconds: float, cpu: float) -> dict:
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {"requests": len(ordered), "errors": errors, "req/s": round(len(ordered) / seconds, 1),
            "p50_ms": round(pct(0.50), 2), "p95_ms": round(pct(0.95), 2), "p99_ms": round(pct(0.99), 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
            "server_cpu_ms/req": round(cpu * 1000 / max(len(ordered), 1), 3)}


def page_queries(code: str) -> str:
    """Queries of a first view and of a repeat view of the same case (in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/track/{code}/").status_code == 200
        counts.append(len(queries))
    return "{} then {}".format(*counts)


def main() -> int:
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        print("benchmarks/tracking.py needs PostgreSQL: set DATABASE_URL=postgres://... (skipped)")
        return 0
    base_url = os.environ["DATABASE_URL"]
    with scratch_database() as conn:
        started = time.perf_counter()
        generate_cases(CASES)
        generated = time.perf_counter() - started
        with conn.cursor() as cursor:
            cursor.execute("SELECT tracking_code, status FROM workflow_case ORDER BY random() LIMIT %s",
                           [min(CASES, REPEAT_CODES + FIRST_VIEWS)])
            sample = cursor.fetchall()
        codes = [code for code, _ in sample[:REPEAT_CODES]]
        unseen = [code for code, _ in sample[REPEAT_CODES:]]  # for first views: never requested before
        one_per_status = {status: code for code, status in sample[:REPEAT_CODES]}
        page_queries(codes[-1])  # the names and calendar every page shares are cached from here on
        queries = {status: page_queries(code) for status, code in sorted(one_per_status.items())}
        parts = urlsplit(base_url)
        database_url = urlunsplit(parts._replace(path="/" + conn.settings_dict["NAME"]))
        connections.close_all()
        load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
        port = free_port()
        server = start_server(database_url, port)
        chunk = len(unseen) // ROUNDS
        urls = {BARE: lambda r: ([f"/bench/bare/{c}/" for c in codes], False),
                TRACK: lambda r: ([f"/track/{c}/" for c in codes], False),
                FIRST: lambda r: ([f"/track/{c}/" for c in unseen[r * chunk:(r + 1) * chunk]], True)}
        totals = {label: ([], 0, 0.0, 0.0) for label in urls}
        try:
            with multiprocessing.get_context("fork").Pool(CLIENT_PROCESSES) as pool:
                load(port, urls[BARE](0)[0], 2, pool)  # warm up workers and connections
                load(port, urls[TRACK](0)[0], 600, pool, sequential=True)  # each repeat-view code seen once
                for round_ in range(ROUNDS):
                    for label, paths_for in urls.items():
                        paths, sequential = paths_for(round_)
                        cpu = server_cpu_seconds(server.pid)
                        latencies, errors, seconds = load(port, paths, SECONDS, pool, sequential)
                        cpu = server_cpu_seconds(server.pid) - cpu
                        lat, err, sec, used = totals[label]
                        totals[label] = (lat + latencies, err + errors, sec + seconds, used + cpu)
        finally:
            server.terminate()
            server.wait(20)
            forget_cache()
    results = {label: figures(*values) for label, values in totals.items()}
    bare, track, first = results[BARE], results[TRACK], results[FIRST]
    ratio, first_ratio = track["req/s"] / bare["req/s"], first["req/s"] / bare["req/s"]
    cpu_ratio = bare["server_cpu_ms/req"] / track["server_cpu_ms/req"]
    cache = "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "per-process local memory: set REDIS_URL"
    notes = (f"{CASES:,} cases (+{CASES * 6:,} events) generated in {generated:.1f} s; gunicorn {WORKERS} sync "
             f"workers; cache: {cache};\n  {CLIENT_PROCESSES} client processes x {CLIENT_THREADS} threads; "
             f"{ROUNDS} rounds of {SECONDS:g} s per URL.\n"
             f"  queries of a first view, then a repeat view, by status: {queries}\n"
             f"  RATIO (throughput of /track/<code>/, repeat views, over the bare lookup) = {ratio:.2f} (goal >= 0.5)\n"
             f"  ratio for first views: {first_ratio:.2f} (goal >= 0.5); "
             f"server CPU per request, bare over track: {cpu_ratio:.2f}\n"
             f"  load average before/after (other work on this machine skews every figure): {load_before} / "
             f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    report("tracking: /track/<code>/ vs a bare indexed lookup", results, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
