"""Shared set-up for benchmarks: Django on a scratch database that is created, migrated and dropped."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The project first, this folder last: benchmarks/counter.py must not hide the `counter` app
# (and work from the project root, since Celery puts the working directory on the path).
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() not in (HERE, ROOT)] + [str(HERE)]
os.chdir(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("PORTAL_TESTING", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # the figures, not every SMS and login the benchmark makes

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


@contextlib.contextmanager
def scratch_database(keep: bool = False):
    """A fresh, migrated database named test_<name>; dropped afterwards unless keep=True."""
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield connection
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def offices_and_clerk():
    """The demo's halls and back offices, and a clerk of 广饶县's hall to accept the generated cases."""
    from accounts.demo import seed_offices
    from accounts.roles import Role
    from accounts.services import staff_user_create

    offices = seed_offices()
    clerk = staff_user_create(username="bench", password="x", office=offices["HALL-370523"], staff_number="B1",
                              roles=(Role.CLERK,))
    return offices, clerk


@contextlib.contextmanager
def timed(label: str, results: dict):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        yield
    results[label] = {"seconds": time.perf_counter() - started, "queries": len(queries)}
    reset_queries()


def report(title: str, results: dict, notes: str = "") -> None:
    vendor = connection.vendor
    print(f"\n== {title} ({vendor}) ==")
    for label, figures in results.items():
        extra = "  ".join(f"{k}={v}" for k, v in figures.items() if k not in {"seconds", "queries"})
        seconds = figures.get("seconds")
        queries = figures.get("queries")
        line = f"  {label:<48}"
        if seconds is not None:
            line += f" {seconds * 1000:10.1f} ms"
        if queries is not None:
            line += f" {queries:6d} queries"
        print(line + (f"  {extra}" if extra else ""))
    if notes:
        print(f"  {notes}")


def staff_login(client, user) -> None:
    """A whole staff login for a benchmark: the password (force_login) and the second factor, as the staff member
    who typed their code (the session holds their authenticator device, as django_otp.login leaves it)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.twofactor import TOTP_NAME, second_factor_required

    client.force_login(user)
    if second_factor_required(user):
        device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
                  or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True))
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
