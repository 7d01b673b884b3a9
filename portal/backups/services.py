"""Take a backup into a dated folder of BACKUP_DIR, and prune the folders the retention rule lets go."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import shutil
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from portal.backups import engines, tables
from portal.backups.engines import BackupError
from portal.backups.rules import backups_to_keep

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FOLDER_FORMAT = "%Y-%m-%d_%H%M%S"
PARTIAL = ".partial-"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    manifest: dict


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def backup_dir() -> Path:
    path = Path(settings.BACKUP_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """One backup or prune at a time per BACKUP_DIR (a beat run and a `make backup` may meet)."""
    with (folder / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BackupError(f"another backup is running in {folder}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tar_media(target: Path) -> dict:
    media = Path(settings.MEDIA_ROOT)
    files = size = 0
    with tarfile.open(target, "w") as archive:
        if media.is_dir():
            for path in sorted(media.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(Path("media") / path.relative_to(media)), recursive=False)
                    files += 1
                    size += path.stat().st_size
    return {"file": target.name, "files": files, "content_bytes": size}


def _dump_database(folder: Path, alias: str) -> tuple[dict, dict]:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        found = engines.pg_dump_consistent(target, tables.inventory, alias)
        connection.ensure_connection()
        server = connection.pg_version
    elif connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        engines.sqlite_copy(target, alias)
        # The copy is the snapshot: what it holds is what the source held at that instant.
        with engines.scratch_connection(NAME=str(target)) as copy:
            found = tables.inventory(copy)
        server = connection.Database.sqlite_version
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    database = {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"]),
                "server_version": server, "file": target.name}
    return database, found


def backup_create(*, alias: str = "default", now: datetime | None = None) -> Backup:
    """Dump the database and tar MEDIA_ROOT into BACKUP_DIR/<date_time>/ with manifest.json; the folder appears
    under its final name only once complete."""
    taken = timezone.localtime(now)
    root = backup_dir()
    name = taken.strftime(FOLDER_FORMAT)
    with _exclusive(root):
        if (root / name).exists():
            raise BackupError(f"{root / name} exists already")
        partial = root / f"{PARTIAL}{name}"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        started = time.monotonic()
        try:
            database, found = _dump_database(partial, alias)
            media = _tar_media(partial / "media.tar")
            for part in (database, media):
                path = partial / part["file"]
                part.update(bytes=path.stat().st_size, sha256=sha256_of(path))
            manifest = {
                "format": 1, "taken": taken.isoformat(), "database": database, "media": media, **found,
                "duration_seconds": round(time.monotonic() - started, 2),
            }
            (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
            partial.rename(root / name)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
    logger.info("Backup written to %s in %.1f s", root / name, manifest["duration_seconds"])
    return Backup(path=root / name, taken=taken, manifest=manifest)


def backup_list(root: Path | None = None) -> list[Backup]:
    """The complete backups of BACKUP_DIR, newest first (a folder without a readable manifest is not one)."""
    root = root or backup_dir()
    found = []
    for path in root.iterdir():
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            manifest = json.loads((path / MANIFEST).read_text())
            taken = datetime.fromisoformat(manifest["taken"])
        except (OSError, ValueError, KeyError):
            continue
        found.append(Backup(path=path, taken=taken, manifest=manifest))
    return sorted(found, key=lambda backup: backup.taken, reverse=True)


def backup_latest() -> Backup:
    backups = backup_list()
    if not backups:
        raise BackupError(f"no backup in {backup_dir()}: run `make backup` first")
    return backups[0]


def backup_prune(*, now: datetime | None = None) -> list[Path]:
    """Delete the backups the retention rule does not keep, and leftovers of runs that failed a day ago."""
    root = backup_dir()
    removed = []
    with _exclusive(root):
        backups = backup_list(root)
        keep = backups_to_keep([timezone.localtime(b.taken) for b in backups], daily=settings.BACKUP_KEEP_DAILY,
                               weekly=settings.BACKUP_KEEP_WEEKLY, monthly=settings.BACKUP_KEEP_MONTHLY)
        for backup in backups:
            if timezone.localtime(backup.taken) not in keep:
                shutil.rmtree(backup.path)
                removed.append(backup.path)
        stale = (now or timezone.now()).timestamp() - timedelta(days=1).total_seconds()
        for path in root.glob(f"{PARTIAL}*"):
            if path.stat().st_mtime < stale:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    for path in removed:
        logger.info("Backup %s removed by the retention rule", path.name)
    return removed
