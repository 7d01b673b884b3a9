"""The load runner's warning: which of beat's daily and weekly tasks fall due within a run (benchmarks/load)."""

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "load"))

from beat_window import set_hours_due

from portal.celery import BEAT_SCHEDULE

SHANGHAI = ZoneInfo("Asia/Shanghai")


def due(year, month, day, hour, minute, minutes, zone=SHANGHAI):
    return set_hours_due(BEAT_SCHEDULE, SHANGHAI, datetime(year, month, day, hour, minute, tzinfo=zone), minutes)


def test_a_run_that_meets_the_nightly_backup_is_told_so():
    backup = "portal.tasks.backup_daily at 2026-12-08 03:30 Asia/Shanghai (portal-backup)"
    assert due(2026, 12, 8, 3, 20, 10) == [backup]
    assert due(2026, 12, 8, 3, 20, 9) == []  # it ends a minute before
    assert due(2026, 12, 8, 3, 31, 30) == []  # it began after


def test_the_weekly_restore_drill_only_on_sundays():
    sunday, monday = due(2026, 12, 6, 5, 0, 40), due(2026, 12, 7, 5, 0, 40)
    assert any("restore_drill_weekly at 2026-12-06 05:30" in line for line in sunday)
    assert not any("restore_drill" in line for line in monday)


def test_a_start_in_utc_is_read_in_the_schedule_s_time_and_tasks_come_in_order():
    # 19:20 UTC is 03:20 the next day in Shanghai; two hours from 01:00 meet the night's sweeps in order.
    assert due(2026, 12, 7, 19, 20, 15, zone=ZoneInfo("UTC"))[0].startswith(
        "portal.tasks.backup_daily at 2026-12-08 03:30")
    night = due(2026, 12, 8, 1, 0, 120)
    times = [line.split(" at ")[1][:16] for line in night]
    assert times == sorted(times) and len(night) >= 3


@pytest.mark.parametrize("minutes", [0, 59])
def test_tasks_every_minute_or_hour_are_part_of_the_mix_and_not_named(minutes):
    # 12:07 is due for the hourly daily-figures roll-up and every per-minute sweep: none is named.
    assert due(2026, 12, 8, 12, 7, minutes) == []
