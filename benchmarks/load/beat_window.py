"""Which of beat's tasks at set hours fall due while a load run lasts (`run.py due --minutes N`).

A load run starts beat with the portal's own schedule, so a run that meets the nightly backup (pg_dump of the whole
database) or the weekly restore drill measures them beside the pages. `run.py run` asks before it starts and says
so; the tasks that run every minute or every hour are part of the mix and are not named.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta

from load_accounts import ROOT, base_env


def due_within(minutes: int, *, now: datetime | None = None) -> list[str]:
    """The crontab entries with set hours (daily, weekly) due in the next `minutes`, with their local time, in the
    order they fall due."""
    os.environ.update({k: v for k, v in base_env().items() if k not in os.environ or k == "DJANGO_SETTINGS_MODULE"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from zoneinfo import ZoneInfo

    from celery.schedules import crontab
    from django.conf import settings

    from portal.celery import BEAT_SCHEDULE

    zone = ZoneInfo(settings.CELERY_TIMEZONE)
    start = (now or datetime.now(zone)).astimezone(zone).replace(second=0, microsecond=0)
    found = []
    for name, entry in BEAT_SCHEDULE.items():
        schedule = entry["schedule"]
        if not isinstance(schedule, crontab) or len(schedule.hour) >= 24:
            continue
        for step in range(minutes + 1):
            moment = start + timedelta(minutes=step)
            if (moment.minute in schedule.minute and moment.hour in schedule.hour
                    and moment.isoweekday() % 7 in schedule.day_of_week
                    and moment.day in schedule.day_of_month and moment.month in schedule.month_of_year):
                when = f"{moment:%Y-%m-%d %H:%M} {settings.CELERY_TIMEZONE}"
                found.append((moment, f"{entry['task']} at {when} ({name})"))
                break
    return [text for _, text in sorted(found)]
