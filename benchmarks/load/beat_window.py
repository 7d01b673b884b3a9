"""Which of beat's tasks at set hours fall due while a load run lasts (`run.py due --minutes N`).

A load run starts beat with the portal's own schedule, so a run that meets the nightly backup (pg_dump of the whole
database) or the weekly restore drill measures them beside the pages. `run.py run` asks before it starts and says
so; the tasks that run every minute or every hour are part of the mix and are not named.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from load_accounts import ROOT, base_env


def due_within(minutes: int, *, now: datetime | None = None) -> list[str]:
    """The crontab entries with set hours (daily, weekly) due in the next `minutes`, with their local time, in the
    order they fall due."""
    os.environ.update({k: v for k, v in base_env().items() if k not in os.environ or k == "DJANGO_SETTINGS_MODULE"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    from portal.celery import BEAT_SCHEDULE

    zone = ZoneInfo(settings.CELERY_TIMEZONE)
    return set_hours_due(BEAT_SCHEDULE, zone, (now or datetime.now(zone)), minutes)


def set_hours_due(schedule: dict, zone: ZoneInfo, now: datetime, minutes: int) -> list[str]:
    """The crontab entries of `schedule` with set hours (daily, weekly) due from `now` to `minutes` later, with
    their local time, in the order they fall due."""
    from celery.schedules import crontab

    start = now.astimezone(zone).replace(second=0, microsecond=0)
    found = []
    for name, entry in schedule.items():
        when = entry["schedule"]
        if not isinstance(when, crontab) or len(when.hour) >= 24:
            continue
        for step in range(minutes + 1):
            moment = start + timedelta(minutes=step)
            if (moment.minute in when.minute and moment.hour in when.hour
                    and moment.isoweekday() % 7 in when.day_of_week
                    and moment.day in when.day_of_month and moment.month in when.month_of_year):
                found.append((moment, f"{entry['task']} at {moment:%Y-%m-%d %H:%M} {zone.key} ({name})"))
                break
    return [text for _, text in sorted(found)]
