"""Checks of the services the portal depends on, for /healthz."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

from workflow.selectors.calendar import calendar_warning

HEARTBEAT_KEY = "portal:beat-heartbeat"


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        return False


def check_cache() -> bool:
    try:
        if hasattr(cache, "ping"):
            return cache.ping()
        cache.set("portal:healthz", "1", 10)
        return cache.get("portal:healthz") == "1"
    except Exception:
        return False


def check_broker() -> bool:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        return folder.is_dir() and folder.stat().st_mode & 0o200 != 0
    try:
        with Connection(url, connect_timeout=1, transport_options={"socket_connect_timeout": 1}) as conn:
            conn.ensure_connection(max_retries=0, timeout=1)
            return True
    except Exception:
        return False


def health_report() -> tuple[bool, dict]:
    started = time.monotonic()
    checks = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    healthy = all(checks.values())
    beat = cache.get(HEARTBEAT_KEY) if checks["cache"] else None
    report = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: "ok" if ok else "down" for name, ok in checks.items()},
        "scheduler_last_seen": beat,
        "warnings": _warnings() if checks["database"] else [],
        "duration_ms": round((time.monotonic() - started) * 1000, 1),
    }
    return healthy, report


def _warnings() -> list[str]:
    """What needs the bureau's attention without making the site unavailable (the status stays "ok")."""
    warning = calendar_warning()  # an open case is due in a year whose holiday notice is not loaded
    return [warning] if warning else []
