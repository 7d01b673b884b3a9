"""CPU per request of the load mix's pages, in one process through Django's test client (no network, no
gunicorn): `python benchmarks/load/profile_pages.py [--profile PAGE]` after `run.py prepare`, with the same
DATABASE_URL/REDIS_URL. Prints the median process CPU of each page (ms) over N requests, and with --profile the
functions that page spends its time in (cProfile, cumulative)."""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.load.settings")
os.environ.setdefault("SECRET_KEY", "load-test-profile-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("TRACKING_RATE_LIMIT", "off")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--profile", default="", help="a page's name: its cProfile, top 30 by cumulative time")
    parser.add_argument("--users", type=int, default=1, help="rotate each page over this many users of its kind")
    parser.add_argument("--only", default="", help="comma-separated page names to measure (default: all)")
    options = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    ids = json.loads((ROOT / "var" / "load" / "identities.json").read_text())

    def client_for(username: str | None) -> Client:
        client = Client()
        if username:
            user = User.objects.get(username=username)
            client.force_login(user)
            if user.kind == User.Kind.STAFF:
                from django_otp import DEVICE_ID_SESSION_KEY
                from django_otp.plugins.otp_totp.models import TOTPDevice

                session = client.session
                session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
                session.save()
        return client

    codes = iter(ids["tracking_codes"] * 100)
    residents = ids["residents"][:options.users]
    employers = [e["username"] for e in ids["employers"][:options.users]]
    reviewer = ids["reviewers"][0]["username"]

    # A case the reviewer's back office is deciding (the page a reviewer opens from the workbench), read once,
    # before any page is timed or its queries counted.
    from workflow.models import Case
    from workflow.rules.states import Status

    case_number = (Case.objects.filter(jurisdiction_office=User.objects.get(username=reviewer).office_id,
                                       status__in=[Status.ROUTED, Status.IN_REVIEW])
                   .order_by("deadline").values_list("number", flat=True).first())
    pages = {
        "resident home": (residents, lambda: "/me/"),
        "resident records": (residents, lambda: "/me/records/"),
        "resident cases": (residents, lambda: "/me/cases/"),
        "resident statement form": (residents, lambda: "/me/statement/"),
        "employer home": (employers, lambda: "/employer/"),
        "employer declarations": (employers, lambda: "/employer/declarations/"),
        "employer employees": (employers, lambda: "/employer/employees/"),
        "employer upload form": (employers, lambda: "/employer/declarations/upload/"),
        "track form": ([None], lambda: "/track/"),
        "track view": ([None], lambda: f"/track/{next(codes)}/"),
        "login page": ([None], lambda: "/accounts/login/"),
        "clerk desk": ([ids["clerks"][0]["username"]], lambda: "/hall/"),
        "reviewer workbench": ([reviewer], lambda: "/cases/"),
        **({"reviewer case": ([reviewer], lambda: f"/cases/{case_number}/")} if case_number else {}),
    }
    only = {name.strip() for name in options.only.split(",") if name.strip()}
    print(f"{'page':<26} {'status':>6} {'CPU ms (median)':>16} {'queries':>8}")
    for name, (usernames, url) in pages.items():
        if (options.profile and name != options.profile) or (only and name not in only):
            continue
        clients = [client_for(username) for username in usernames]
        for client in clients:
            for _ in range(3):
                client.get(url())  # warm: templates compiled, caches filled
        times, queries = [], []
        profiler = cProfile.Profile() if options.profile else None
        for i in range(options.n):
            client, path = clients[i % len(clients)], url()
            started = time.process_time()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if profiler:
                profiler.disable()
            times.append((time.process_time() - started) * 1000)
        for client in clients:  # the queries apart: capturing them costs CPU of its own
            with CaptureQueriesContext(connection) as captured:
                client.get(url())
            queries.append(len(captured))
        print(f"{name:<26} {response.status_code:>6} {statistics.median(times):>16.1f} {max(queries):>8}")
        if profiler:
            profiler.dump_stats(os.environ["PROFILE_OUT"]) if os.environ.get("PROFILE_OUT") else None
            pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)


if __name__ == "__main__":
    main()
