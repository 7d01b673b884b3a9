"""The restore drill: restore a backup into a scratch database, then prove it holds what the source held.

Checks, each a row of the result table: the files' checksums against the manifest, the media archive's
listing, no migration of the code pending on the restored database (`migrate --check`) and the same migrations
applied as in the source, the row count of every table, and the checksum of the key tables (portal.backups.tables).
The source is the manifest, written from the very snapshot the dump was read from; `against_live` compares with
the live database instead (meaningful when nothing writes to it meanwhile, e.g. right after a backup).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from portal.backups import engines, tables
from portal.backups.engines import BackupError
from portal.backups.services import Backup, sha256_of


@dataclass(frozen=True)
class Check:
    name: str
    source: str
    restored: str

    @property
    def ok(self) -> bool:
        return self.source == self.restored


@dataclass
class DrillResult:
    backup: Backup
    scratch: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    @property
    def differences(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]


def _file_checks(backup: Backup) -> list[Check]:
    checks = []
    for part in ("database", "media"):
        entry = backup.manifest[part]
        path = backup.path / entry["file"]
        found = sha256_of(path) if path.exists() else "missing"
        checks.append(Check(f"file {entry['file']} sha256", entry["sha256"][:16], found[:16]))
    media = backup.manifest["media"]
    try:
        with tarfile.open(backup.path / media["file"]) as archive:
            members = [m for m in archive.getmembers() if m.isfile()]
        listing = f"{len(members)} files, {sum(m.size for m in members)} bytes"
    except (OSError, tarfile.TarError) as exc:
        listing = f"unreadable: {exc}"
    checks.append(Check("media archive", f"{media['files']} files, {media['content_bytes']} bytes", listing))
    return checks


@contextlib.contextmanager
def _restored(backup: Backup, scratch: str) -> Iterator[BaseDatabaseWrapper]:
    """A connection to the backup restored; the scratch database is dropped afterwards."""
    database = backup.manifest["database"]
    source = backup.path / database["file"]
    vendor = connections["default"].vendor
    if database["vendor"] != vendor:
        raise BackupError(f"the backup is of {database['vendor']}, this portal runs on {vendor}")
    if vendor == "postgresql":
        engines.pg_create_database(scratch)
        try:
            engines.pg_restore(source, scratch)
            with engines.scratch_connection(NAME=scratch) as restored:
                yield restored
        finally:
            engines.pg_drop_database(scratch)
    else:
        folder = Path(tempfile.mkdtemp(prefix="restore-drill-"))
        try:
            shutil.copyfile(source, folder / f"{scratch}.sqlite3")
            with engines.scratch_connection(NAME=str(folder / f"{scratch}.sqlite3")) as restored:
                yield restored
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _pending_migrations(applied: list[list[str]]) -> list[str]:
    """What `migrate --check` finds: the code's migrations not recorded as applied in the restored database."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    done = {tuple(row) for row in applied}
    return [f"{app}.{name}" for app, name in sorted(graph.nodes) if (app, name) not in done]


def _compare(source: dict, restored: dict) -> list[Check]:
    pending = restored.pop("pending")
    checks = [Check("migrate --check: pending migrations", "none", ", ".join(pending) or "none"),
              Check("migrations applied", str(len(source["migrations"])), str(len(restored["migrations"])))]
    if source["migrations"] != restored["migrations"]:
        missing = {tuple(m) for m in source["migrations"]} ^ {tuple(m) for m in restored["migrations"]}
        checks[-1] = Check("migrations applied", str(len(source["migrations"])),
                           f"{len(restored['migrations'])} (differ: {sorted(missing)[:3]})")
    for table, pk_sum in sorted(source["checksums"].items()):
        checks.append(Check(f"checksum {table}", pk_sum, restored["checksums"].get(table, "missing")))
    for table in sorted(set(source["tables"]) | set(restored["tables"])):
        checks.append(Check(f"rows {table}", str(source["tables"].get(table, "missing")),
                            str(restored["tables"].get(table, "missing"))))
    return checks


def restore_drill(*, backup: Backup, scratch: str | None = None, against_live: bool = False) -> DrillResult:
    """Restore `backup` into a scratch database (dropped afterwards) and compare it with its source."""
    source_name = re.sub(r"\W+", "_", Path(str(connections["default"].settings_dict["NAME"])).stem).strip("_")
    scratch = scratch or f"{source_name[:40]}_drill_{timezone.localtime():%Y%m%d%H%M%S}"
    result = DrillResult(backup=backup, scratch=scratch, checks=_file_checks(backup))
    if not all(check.ok for check in result.checks[:1]):
        return result  # a damaged dump is not restored
    source = tables.inventory(connections["default"]) if against_live else {
        key: backup.manifest[key] for key in ("tables", "checksums", "migrations")}
    with _restored(backup, scratch) as connection:
        restored = tables.inventory(connection)
    restored["pending"] = _pending_migrations(restored["migrations"])
    result.checks += _compare(source, restored)
    return result
