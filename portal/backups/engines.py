"""Dump and restore a database: PostgreSQL through pg_dump/pg_restore, SQLite through its backup API."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend


class BackupError(Exception):
    """A backup or a drill could not be done (missing tool, failed dump or restore)."""


@contextlib.contextmanager
def scratch_connection(**overrides) -> Iterator[BaseDatabaseWrapper]:
    """A connection of its own (not in `connections`) with the default database's settings and `overrides`,
    e.g. another NAME; closed afterwards."""
    settings_dict = {**connections["default"].settings_dict, **overrides}
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="backup_scratch")
    try:
        yield wrapper
    finally:
        wrapper.close()


# --- PostgreSQL -----------------------------------------------------------------------------------

def pg_tool(name: str, alias: str = "default") -> str:
    """pg_dump or pg_restore of the server's major version when installed side by side (Debian's
    /usr/lib/postgresql/<major>/bin), else the one on PATH; PG_BIN_DIR overrides both."""
    if settings.PG_BIN_DIR:
        return str(Path(settings.PG_BIN_DIR) / name)
    connection = connections[alias]
    connection.ensure_connection()
    candidate = Path(f"/usr/lib/postgresql/{connection.pg_version // 10000}/bin/{name}")
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def pg_environment(settings_dict: dict) -> dict[str, str]:
    import os

    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if sslmode := (settings_dict.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")


def pg_dump_consistent(target: Path, inspect: Callable, alias: str = "default") -> dict:
    """Dump the database to `target` (custom format) and return `inspect(connection)` computed on the very
    snapshot the dump reads: a repeatable-read transaction exports its snapshot and pg_dump imports it."""
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("a backup cannot run inside a transaction")
    dump = pg_tool("pg_dump", alias)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run([dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}",
              f"--dbname={connection.settings_dict['NAME']}"], pg_environment(connection.settings_dict))
        return inspect(connection)


def pg_create_database(name: str, alias: str = "default") -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)} TEMPLATE template0")


def pg_drop_database(name: str, alias: str = "default") -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def pg_restore(source: Path, database: str, alias: str = "default") -> None:
    settings_dict = connections[alias].settings_dict
    _run([pg_tool("pg_restore", alias), "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={database}",
          str(source)], pg_environment(settings_dict))


# --- SQLite -----------------------------------------------------------------------------------------

def sqlite_copy(target: Path, alias: str = "default") -> None:
    """A consistent copy of the live file through SQLite's online backup API (writers may go on meanwhile)."""
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("a backup cannot run inside a transaction")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
