"""Suite-wide fixtures and the CI rule: under CI=true a skipped test (a missing service) is a failure."""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from hypothesis import settings as hypothesis_settings

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# The fake departments of the outbound exchange tests (fixtures `fakes`, `fake_server`).
pytest_plugins = ["tests.exchange_fakes"]

# Property tests judge results, not speed: on a shared two-core machine a single example can take longer than
# hypothesis's 200 ms deadline, which failed generated-identifier tests at random.
hypothesis_settings.register_profile("portal", deadline=None)
hypothesis_settings.load_profile("portal")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true, which counts as a failure: {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """The browser tests: once a test body has passed, no page its browsers opened may have a critical or serious
    accessibility violation (axe-core, tests/browser/accessibility.py)."""
    try:
        result = yield
        checks = sys.modules.get("tests.browser.accessibility")
        if checks is not None:
            checks.fail_on_violations()
        return result
    finally:
        checks = sys.modules.get("tests.browser.accessibility")
        if checks is not None:
            checks.forget_browsers()


def require_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")


def require_redis():
    from django.conf import settings

    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL=redis://...")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(f"Redis at REDIS_URL does not answer: {exc}")


def require_chromium():
    for binary in ("chromium", "chromedriver"):
        if shutil.which(binary) is None:
            pytest.skip(f"needs Debian's {binary} (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """`seed_demo` as `make run` loads it, once for the module that asks, rolled back after it."""
    import io

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def postgres(db):
    require_postgres()


@pytest.fixture
def redis_url():
    require_redis()
    from django.conf import settings

    return settings.REDIS_URL


@pytest.fixture(autouse=True)
def _clean_slate():
    """Every test starts with an empty cache (rate limits live there) and the default language."""
    from django.conf import settings
    from django.core.cache import caches
    from django.utils import translation

    for alias in ("default", "local"):
        caches[alias].clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _force_login_includes_second_factor(monkeypatch):
    """client.force_login(user) is a whole login: for staff, password and second factor (tests/support/twofactor.py,
    which also offers the password-only session that the second-factor tests start from)."""
    from django.test import Client

    from tests.support import twofactor

    monkeypatch.setattr(Client, "force_login", twofactor.force_login)


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in names or "live_server" in names


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush (which empties every table), put back what the data migrations load
    and the demo registry (under a second), so that the next test of this worker finds the database the session
    began with, whatever the order: a plain `db` test may rely on the offices of the demo without saying so."""
    yield
    if nextitem is not None and _transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            ensure_demo()


def ensure_reference() -> None:
    """What the data migrations load (regions, rule tables, calendars, roles, service types), loaded again if a
    transactional test's flush removed it. A few queries when nothing is missing."""
    from django.contrib.auth.models import Group

    from accounts.models import Region
    from accounts.reference import load_reference_regions, reference_rows
    from workflow.models import CalendarDay, CalendarYear, ServiceType
    from workflow.reference import load_calendars

    codes = [row["code"] for row in reference_rows()]
    if Region.objects.filter(code__in=codes).count() < len(codes):
        # Count the reference, not any row: a test may have added a region or two of its own.
        from django.apps import apps

        from employment.reference import load_reference as load_employment_reference
        from insurance.reference import load_reference as load_insurance_reference

        load_reference_regions(Region)
        load_insurance_reference(apps)
        load_employment_reference(apps)
    from labour.models import TimeLimitRule

    if not TimeLimitRule.objects.exists():
        from labour.reference import seed_time_limits

        seed_time_limits(TimeLimitRule)
    from workflow.models import RatingTimeLimit

    if not RatingTimeLimit.objects.exists():
        from workflow.reference import seed_time_limits
        from workflow.rules.ratings import TIME_LIMITS

        seed_time_limits(RatingTimeLimit, TIME_LIMITS)
    if not CalendarYear.objects.exists():
        load_calendars(CalendarYear, CalendarDay)
    if not Group.objects.exists():
        from accounts.roles import sync_roles

        sync_roles()
    if not ServiceType.objects.exists():
        from workflow.services.catalogue import service_types_sync

        service_types_sync()


def ensure_demo() -> dict:
    """The reference data and the demo registry, loaded if missing (a transactional test's flush removes
    what the data migrations loaded). Seeded once per session; later calls only look it up."""
    from accounts.demo import seed
    from accounts.models import Employer, Office, Person, User

    ensure_reference()
    if not User.objects.filter(username="clerk").exists():
        return seed()
    return {
        "persons": list(Person.objects.order_by("pk")[:200]),
        "employers": list(Employer.objects.order_by("pk")[:20]),
        "offices": {o.code: o for o in Office.objects.all()},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the demo registry once for the whole session; each test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        ensure_demo()


@pytest.fixture
def demo(db):
    """The demo registry: regions, offices, one user per role, persons, employers."""
    return ensure_demo()


@pytest.fixture
def users(demo):
    """The demo users by role name, as used in the permission table."""
    from accounts.models import User

    by_name = {u.username: u for u in User.objects.filter(username__in=[
        "clerk", "clerk2", "reviewer", "reviewer2", "head", "head2", "leader", "admin", "employer", "employer2"])}
    resident = User.objects.filter(kind=User.Kind.RESIDENT).order_by("pk").first()
    return {
        "clerk": by_name["clerk"], "clerk2": by_name["clerk2"], "reviewer": by_name["reviewer"],
        "reviewer2": by_name["reviewer2"], "head": by_name["head"], "head2": by_name["head2"],
        "leader": by_name["leader"], "admin": by_name["admin"], "resident": resident,
        "employer_admin": by_name["employer"], "employer_staff": by_name["employer2"],
    }


@pytest.fixture
def test_services(db):
    """Register the tests' own services (tests/workflow/testservices.py) and their ServiceType rows."""
    from tests.workflow import testservices
    from workflow.registry import registry
    from workflow.services.catalogue import service_types_sync

    for spec in testservices.ALL:
        registry.register(spec)
    service_types_sync()
    testservices.COMPLETIONS.clear()
    yield testservices
    for spec in testservices.ALL:
        registry.unregister(spec.code)


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of the test's own on a free port, which the test may stop and start at will
    (never the shared one: other runs use it). Yields a controller with .url, .stop() and .start()."""
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs redis-server (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def start():
        proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
        for _ in range(50):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return proc
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    state = {"proc": start()}

    class Control:
        url = f"redis://127.0.0.1:{port}/0"

        def stop(self):
            state["proc"].terminate()
            state["proc"].wait(5)

        def start(self):
            state["proc"] = start()

    yield Control()
    if state["proc"].poll() is None:
        state["proc"].terminate()
        state["proc"].wait(5)


def en(client):
    """The test client with English chosen (the language switch's cookie), for assertions on English text."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sent_code(person) -> str:
    """The code of the latest one-time-code SMS to the person's phone (as the outbox holds it)."""
    import re

    from workflow.models import OutboundMessage

    body = OutboundMessage.objects.filter(phone=person.phone, key__startswith="otp:").latest("created_at").body
    return re.search(r"\d{6}", body).group(0)
