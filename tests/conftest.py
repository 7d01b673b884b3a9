"""Suite-wide fixtures and the CI rule: under CI=true a skipped test (a missing service) is a failure."""

from __future__ import annotations

import os
import shutil

import pytest

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true, which counts as a failure: {reason}"


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
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def demo(db):
    """The demo registry: regions, offices, one user per role, persons, employers."""
    from accounts.demo import seed

    return seed()


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
