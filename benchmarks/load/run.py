"""A month-end rush on this machine: gunicorn, a Celery worker and beat against DATABASE_URL/REDIS_URL, and locust
stepping the number of users (benchmarks/load/README.md).

    python benchmarks/load/run.py prepare            # load-test accounts and the identities file (idempotent)
    python benchmarks/load/run.py run --steps 25,50,100 --step-seconds 60

`run` prepares first unless --no-prepare. Only 127.0.0.1 is ever the target. Everything started here is stopped
at the end (and on Ctrl-C); the run lasts about steps x (step seconds + a few seconds of start and stop).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from load_accounts import HERE, IDENTITIES, ROOT, VAR, base_env, prepare

BIN = Path(sys.executable).parent
PAGE_P95_LIMIT_MS = 500


# --- processes and their CPU ---------------------------------------------------------------------------------------

class Group:
    """Processes counted together (a tree, or PostgreSQL's backends of one database): CPU seconds in a window."""

    def __init__(self, name: str, find):
        self.name, self.find = name, find
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def sample(self, since: float) -> None:
        import psutil

        for proc in self.find():
            try:
                with proc.oneshot():
                    times = proc.cpu_times()
                    used = times.user + times.system
                    created = proc.create_time()
            except psutil.Error:
                continue
            if proc.pid not in self.first:
                self.first[proc.pid] = 0.0 if created >= since else used
            self.last[proc.pid] = used

    def reset(self) -> None:
        self.first.clear()
        self.last.clear()

    def seconds(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def tree(pid_of):
    import psutil

    def find():
        pid = pid_of()
        if pid is None:
            return []
        try:
            root = psutil.Process(pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []
    return find


def postgres_backends(database: str):
    import psutil

    def find():
        found = []
        for proc in psutil.process_iter(["name", "cmdline"]):
            cmdline = " ".join(proc.info.get("cmdline") or [])
            if cmdline.startswith("postgres:") and f" {database} " in f"{cmdline} ":
                found.append(proc)
        return found
    return find


# --- the machine's own speed ---------------------------------------------------------------------------------------

PROBE_LOOPS = 200_000
PROBE_EVERY = 10  # sampler ticks (0.5 s): a probe every 5 s


def probe_ms() -> float:
    """CPU milliseconds this thread spends on a fixed piece of pure Python (larger: a slower machine). CPU time, not
    wall time: waiting for a core does not count, so under load it still reads how fast a core runs Python. A
    machine shared with others (a virtual machine's host) changes it from minute to minute; the pages' CPU per
    request changes with it."""
    started, total = time.thread_time(), 0
    for i in range(PROBE_LOOPS):
        total += i % 7
    return (time.thread_time() - started) * 1000


def median_probe(probes: list[float]) -> float:
    return statistics.median(probes) if probes else float("nan")


class Sampler(threading.Thread):
    def __init__(self, groups: list[Group]):
        super().__init__(daemon=True)
        self.groups, self.since, self.stop = groups, time.time(), threading.Event()
        self.probes: list[float] = []

    def window(self) -> None:
        self.since = time.time()
        self.probes = []
        for group in self.groups:
            group.reset()
            group.sample(self.since)

    def run(self):
        tick = 0
        while not self.stop.wait(0.5):
            for group in self.groups:
                group.sample(self.since)
            tick += 1
            if tick % PROBE_EVERY == 0:
                self.probes.append(probe_ms())


def start(args: list[str], log: Path, env: dict) -> subprocess.Popen:
    handle = log.open("ab")
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen | None, seconds: float = 15) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)
    except ProcessLookupError:
        pass


def wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"the portal did not answer {url} within {seconds:.0f} s (see {VAR.relative_to(ROOT)}/*.log)")


# --- figures -------------------------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def read_step(prefix: Path, summary: Path, seconds: float) -> dict:
    kinds = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                continue
            kinds.append({"name": row["Name"], "method": row["Type"], "count": int(row["Request Count"]),
                          "failures": int(row["Failure Count"]), "rps": float(row["Requests/s"]),
                          "p50": float(row["50%"] or 0), "p95": float(row["95%"] or 0),
                          "p99": float(row["99%"] or 0)})
    times = json.loads(summary.read_text()) if summary.exists() else {"login": [], "page": [], "failures": 0}
    figures = {"kinds": kinds}
    for part in ("page", "login"):
        values = times[part]
        figures[part] = {"count": len(values), "rps": len(values) / seconds, "p50": percentile(values, .5),
                         "p95": percentile(values, .95), "p99": percentile(values, .99)}
    # The steady state: pages begun after the step's last login had its answer (no login storm queued before them).
    last_login = max(times.get("login_ends") or [0])
    steady = [rt for rt, began in zip(times["page"], times.get("page_starts") or [], strict=False)
              if began > last_login]
    span = (max(times.get("page_starts") or [0]) - last_login) if steady else 0
    figures["steady"] = {"count": len(steady), "rps": len(steady) / span if span > 0 else float("nan"),
                         "p50": percentile(steady, .5), "p95": percentile(steady, .95),
                         "p99": percentile(steady, .99), "seconds": span}
    figures["errors"] = sum(k["failures"] for k in kinds)
    return figures


def print_kinds(users: int, figures: dict) -> None:
    print(f"\n-- {users} users: per request kind --")
    print(f"  {'request':<44} {'count':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}")
    for k in sorted(figures["kinds"], key=lambda k: (not k["name"].startswith("login"), k["name"])):
        print(f"  {k['name']:<44} {k['count']:>6} {k['rps']:>7.1f} {k['p50']:>6.0f} {k['p95']:>6.0f} "
              f"{k['p99']:>6.0f} {k['failures']:>6}")


def print_table(rows: list[dict], cores: int, quiet_probe: float) -> None:
    print("\n== step-up (ms; CPU as cores busy: CPU seconds / wall seconds) ==")
    print(f"  {'users':>5} | {'pages/s':>7} {'p50':>5} {'p95':>5} {'p99':>6} | {'logins/s':>8} {'p50':>5} {'p95':>5} "
          f"{'p99':>6} | {'errors':>6} | {'web':>5} {'pg':>5} {'celery':>6} {'locust':>6} | {'web ms/req':>10} | "
          f"{'probe':>5}")
    for r in rows:
        p, lg, cpu = r["page"], r["login"], r["cpu"]
        requests = max(1, p["count"] + lg["count"])
        print(f"  {r['users']:>5} | {p['rps']:>7.1f} {p['p50']:>5.0f} {p['p95']:>5.0f} {p['p99']:>6.0f} | "
              f"{lg['rps']:>8.1f} {lg['p50']:>5.0f} {lg['p95']:>5.0f} {lg['p99']:>6.0f} | {r['errors']:>6} | "
              f"{cpu['web'] / r['seconds']:>5.2f} {cpu['postgres'] / r['seconds']:>5.2f} "
              f"{cpu['celery'] / r['seconds']:>6.2f} {cpu['locust'] / r['seconds']:>6.2f} | "
              f"{cpu['web'] * 1000 / requests:>10.1f} | {r.get('probe_ms', float('nan')):>5.1f}")
    print("\n  steady state (pages begun after the step's last login):")
    print(f"  {'users':>5} | {'pages/s':>7} {'p50':>5} {'p95':>5} {'p99':>6} | {'seconds':>7}")
    for r in rows:
        st = r.get("steady") or {}
        if st.get("count"):
            print(f"  {r['users']:>5} | {st['rps']:>7.1f} {st['p50']:>5.0f} {st['p95']:>5.0f} {st['p99']:>6.0f} | "
                  f"{st['seconds']:>7.0f}")
        else:
            print(f"  {r['users']:>5} | none: logins lasted the whole step")
    held = [r for r in rows if r["page"]["p95"] < PAGE_P95_LIMIT_MS and r["errors"] == 0]
    best = max((r["users"] for r in held), default=None)
    print(f"\n  probe: CPU ms of a fixed piece of Python (run.py probe_ms), the median of the step's probes; "
          f"before the run {quiet_probe:.1f} ms. A step whose probe is well above another's ran on a slower machine.")
    print(f"\n  machine: {cores} cores. Highest step with pages' p95 < {PAGE_P95_LIMIT_MS} ms and 0 errors (logins "
          f"included): {f'{best} users' if best is not None else 'none of the steps'}")


def run(options) -> None:
    steps = [int(s) for s in options.steps.split(",") if s.strip()]
    if not options.no_prepare:
        # In its own process: Django stays out of this one (which only starts, watches and stops processes).
        subprocess.run([sys.executable, __file__, "prepare", "--max-users", str(max(steps))]
                       + (["--enlarge"] if options.enlarge else []), check=True, cwd=ROOT)
    limit_seconds = len(steps) * (options.step_seconds + 60) + 120
    due = subprocess.run([sys.executable, __file__, "due", "--minutes", str(math.ceil(limit_seconds / 60))],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    for line in filter(None, due):
        print(f"warning: beat runs {line} within this run's time: its work is measured beside the pages "
              "(the columns pg and celery show it)")
    import psutil

    VAR.mkdir(parents=True, exist_ok=True)
    env = base_env()
    cores = psutil.cpu_count() or 1
    port = options.port
    host = f"http://127.0.0.1:{port}"
    procs: dict[str, subprocess.Popen | None] = {"web": None, "worker": None, "beat": None, "locust": None}
    database = env.get("DATABASE_URL", "").rsplit("/", 1)[-1].split("?")[0]
    groups = [Group("web", tree(lambda: procs["web"] and procs["web"].pid)),
              Group("celery", lambda: tree(lambda: procs["worker"] and procs["worker"].pid)()
                    + tree(lambda: procs["beat"] and procs["beat"].pid)()),
              Group("postgres", postgres_backends(database)),
              Group("locust", tree(lambda: procs["locust"] and procs["locust"].pid))]
    rows = []
    deadline = time.time() + limit_seconds
    # As a deployment does before it starts: the catalogue compiled, the static files with their manifest.
    for command in (["compile_translations"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], check=True, cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL)
    # The machine's speed before anything of the run starts, to compare with the probes during the steps.
    quiet_probe = median_probe([probe_ms() for _ in range(15)])
    try:
        web = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
               "portal.wsgi:application"]
        procs["web"] = start(web, VAR / "web.log", env)
        procs["worker"] = start([str(BIN / "celery"), "-A", "portal", "--quiet", "worker", "--loglevel=WARNING"],
                                VAR / "worker.log", env)
        procs["beat"] = start([str(BIN / "celery"), "-A", "portal", "--quiet", "beat", "--loglevel=WARNING",
                               "--schedule", str(VAR / "beat-schedule")], VAR / "beat.log", env)
        wait_ready(f"{host}/healthz")
        sampler = Sampler(groups)
        sampler.start()
        for users in steps:
            if time.time() > deadline:
                print("time is up: the remaining steps are skipped")
                break
            prefix, summary = VAR / f"step-{users}", VAR / f"step-{users}-times.json"
            summary.unlink(missing_ok=True)
            rate = max(1.0, users / options.spawn_seconds)
            sampler.window()
            began = time.time()
            procs["locust"] = start(
                [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "--host", host,
                 "--users", str(users), "--spawn-rate", f"{rate:.2f}", "--run-time", f"{options.step_seconds}s",
                 "--stop-timeout", "10", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                 "--exit-code-on-error", "0"],
                VAR / "locust.log", {**env, "LOAD_IDENTITIES": str(IDENTITIES), "LOAD_TIMES": str(summary)})
            try:
                procs["locust"].wait(options.step_seconds + 60)
            except subprocess.TimeoutExpired:
                stop(procs["locust"])
            seconds = time.time() - began
            for group in groups:
                group.sample(sampler.since)
            figures = read_step(prefix, summary, seconds)
            figures.update(users=users, seconds=seconds, cpu={g.name: g.seconds() for g in groups},
                           probe_ms=median_probe(list(sampler.probes)))
            rows.append(figures)
            print_kinds(users, figures)
            if not options.keep_going and (figures["page"]["p95"] > 4 * PAGE_P95_LIMIT_MS):
                print("pages' p95 is far past the limit: no higher step")
                break
        sampler.stop.set()
    finally:
        for name in ("locust", "beat", "worker", "web"):
            stop(procs[name])
    print_table(rows, cores, quiet_probe)
    (VAR / "results.json").write_text(json.dumps({"quiet_probe_ms": quiet_probe, "steps": rows}, indent=1))


def minutes_ahead(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 7 * 24 * 60:
        raise argparse.ArgumentTypeError("from 0 to 10080 minutes (a week)")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare", help="make the load-test accounts and the identities file")
    p.add_argument("--max-users", type=int, default=300)
    p.add_argument("--enlarge", action="store_true",
                   help="demo-size data: enrol employees at employers without any, so that they can declare")
    d = sub.add_parser("due", help="beat's daily and weekly tasks due within the next minutes")
    d.add_argument("--minutes", type=minutes_ahead, default=30, help="0 to 10080 (a week)")
    r = sub.add_parser("run", help="prepare, start the portal and step the users")
    r.add_argument("--steps", default="25,50,100,150,200,300", help="users per step, comma-separated")
    r.add_argument("--step-seconds", type=int, default=60)
    r.add_argument("--spawn-seconds", type=float, default=10, help="each step's users all log in within this")
    r.add_argument("--port", type=int, default=8765)
    r.add_argument("--no-prepare", action="store_true")
    r.add_argument("--enlarge", action="store_true")
    r.add_argument("--keep-going", action="store_true", help="run every step even when one is far past the limit")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (and REDIS_URL): the load run measures those")
    if options.command == "prepare":
        prepare(options.max_users, enlarge=options.enlarge)
    elif options.command == "due":
        from beat_window import due_within

        print("\n".join(due_within(options.minutes)))
    else:
        run(options)


if __name__ == "__main__":
    main()
