"""Backups and the restore drill: a backup restores to what its source held, and the drill catches a difference.

On PostgreSQL (CI=true runs the suite there) the dump is pg_dump -Fc restored by pg_restore into a scratch
database on the same server; on SQLite, a copy made through the backup API.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import Person
from portal.backups.rules import backups_to_keep
from portal.backups.services import backup_list, backup_prune
from tests.conftest import ensure_demo


def _scratch_name() -> str:
    return f"{connection.settings_dict['NAME']}_drill"[:60]


def _database_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


@pytest.fixture
def backup_settings(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "cases" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "cases" / "2026" / "discharge.pdf").write_bytes(b"%PDF-1.4 material")
    return settings


def _drill(capsys, **options) -> tuple[bool, str]:
    capsys.readouterr()
    try:
        call_command("restore_drill", scratch_name=_scratch_name(), **options)
        passed = True
    except CommandError:
        passed = False
    return passed, capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_drill_matches_and_catches_a_changed_row(backup_settings, capsys):
    ensure_demo()
    call_command("backup")
    out = capsys.readouterr().out
    (backup,) = backup_list()
    manifest = backup.manifest
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["tables"]["accounts_person"] == Person.objects.count() > 0
    assert {"accounts_person", "accounts_employer", "workflow_case", "insurance_contribution",
            "insurance_paymentorder"} <= set(manifest["checksums"])
    assert manifest["media"]["files"] == 1
    assert "accounts_person" in out

    passed, out = _drill(capsys)
    assert passed, out
    assert "PASSED" in out and "DIFFERS" not in out
    assert "checksum accounts_person" in out and "migrate --check: pending migrations" in out
    if connection.vendor == "postgresql":
        assert not _database_exists(_scratch_name())  # the scratch database is dropped

    # A row changed in the source after the backup: compared with the live database, the drill fails on it.
    person = Person.objects.order_by("pk").first()
    Person.objects.filter(pk=person.pk).update(name=person.name + "改")
    passed, out = _drill(capsys, against_live=True)
    assert not passed
    assert [line for line in out.splitlines() if "checksum accounts_person" in line and "DIFFERS" in line]
    assert "rows accounts_person" not in out  # the same number of rows: only the checksum tells
    if connection.vendor == "postgresql":
        assert not _database_exists(_scratch_name())

    # A manifest that does not match the dump (tampered with, or a dump from elsewhere) fails too.
    path = backup.path / "manifest.json"
    tampered = json.loads(path.read_text())
    tampered["tables"]["workflow_case"] += 1
    path.write_text(json.dumps(tampered))
    passed, out = _drill(capsys)
    assert not passed and "rows workflow_case" in out and "DIFFERS" in out

    # A damaged dump file is refused before anything is restored.
    path.write_text(json.dumps(manifest))
    with (backup.path / manifest["database"]["file"]).open("ab") as dump:
        dump.write(b"\0")
    passed, out = _drill(capsys)
    assert not passed and "sha256" in out and "DIFFERS" in out


def test_restore_drill_without_a_backup_says_so(backup_settings, db):
    with pytest.raises(CommandError, match="no backup"):
        call_command("restore_drill")


def _stamp(day: int, hour: int = 3) -> datetime:
    return datetime(2026, 1, 1, hour) + timedelta(days=day)


def test_retention_keeps_the_newest_per_day_week_and_month():
    # A backup every night from Thursday 1 January to Thursday 30 April 2026, and a second one on the last day.
    stamps = [_stamp(day) for day in range(120)] + [_stamp(119, hour=15)]
    kept = backups_to_keep(stamps, daily=7, weekly=5, monthly=12)
    days = {datetime(2026, 4, d, 3) for d in range(24, 30)} | {_stamp(119, hour=15)}  # the later of the last day
    sundays = {datetime(2026, 4, d, 3) for d in (5, 12, 19)}  # the newest of each earlier ISO week (26 April is in)
    month_ends = {datetime(2026, 1, 31, 3), datetime(2026, 2, 28, 3), datetime(2026, 3, 31, 3)}
    assert kept == days | sundays | month_ends


def test_retention_never_prunes_when_backups_stop_and_keeps_the_newest():
    old = [_stamp(day) for day in range(3)]
    assert backups_to_keep(old, daily=7, weekly=0, monthly=0) == set(old)
    assert backups_to_keep(old, daily=0, weekly=0, monthly=0) == {old[-1]}
    assert backups_to_keep([], daily=7, weekly=5, monthly=12) == set()


def test_prune_removes_what_the_rule_lets_go(backup_settings):
    root = backup_settings.BACKUP_DIR
    root.mkdir(parents=True)
    for day in range(10):
        folder = root / f"backup-{day}"
        folder.mkdir()
        taken = (_stamp(day)).isoformat() + "+08:00"
        (folder / "manifest.json").write_text(json.dumps({"taken": taken}))
    backup_settings.BACKUP_KEEP_DAILY, backup_settings.BACKUP_KEEP_WEEKLY = 3, 0
    backup_settings.BACKUP_KEEP_MONTHLY = 0
    removed = backup_prune()
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) == [
        "backup-7", "backup-8", "backup-9"]
    assert len(removed) == 7


def test_beat_runs_the_backup_daily_and_the_drill_weekly():
    from portal.celery import BEAT_SCHEDULE

    tasks = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert {"portal.tasks.backup_daily", "portal.tasks.restore_drill_weekly"} <= tasks


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_writes_a_backup_and_the_weekly_one_drills_it(backup_settings):
    from portal.tasks import backup_daily, restore_drill_weekly

    ensure_demo()
    backup_daily.delay()
    assert len(backup_list()) == 1
    assert restore_drill_weekly.delay().get() is True
