"""Demo data of the hall: windows and screen keys for every hall, and appointment slots for the coming
working days; a street or community service point one window (idempotent: running it twice changes nothing)."""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Office
from accounts.selectors import office_is_point
from counter import rules
from counter.models import AppointmentSlot
from counter.services import hall_screen_ensure, windows_ensure
from workflow.services import work_calendar

# The city's hall has more windows than a county's.
WINDOWS = {"HALL-370500": 8}
COUNTY_WINDOWS = 5
POINT_WINDOWS = 1
SLOT_DAYS = 10
SLOT_PLACES = 6
SESSIONS = ((time(9, 0), time(11, 30)), (time(13, 30), time(16, 30)))


def seed_slots(*, hall: Office, days: int = SLOT_DAYS) -> None:
    """Any-business slots of 30 minutes, morning and afternoon, on the next working days."""
    today = timezone.localdate()
    calendar = work_calendar(since=today)
    dates, day = [], today
    while len(dates) < days:
        day += timedelta(days=1)
        if calendar.is_working(day):
            dates.append(day)
    times = [t for opens, closes in SESSIONS for t in rules.slot_times(opens=opens, closes=closes, minutes=30)]
    AppointmentSlot.objects.bulk_create(
        [AppointmentSlot(hall=hall, date=d, starts_at=s, ends_at=e, capacity=SLOT_PLACES) for d in dates for s, e in times],
        ignore_conflicts=True,
    )


@transaction.atomic
def seed() -> dict:
    halls = list(Office.objects.filter(kind=Office.Kind.HALL, is_active=True).select_related("region"))
    for hall in halls:
        if office_is_point(hall):  # a street or community service point: one window, no queue screens
            windows_ensure(hall=hall, count=POINT_WINDOWS)
            continue
        windows_ensure(hall=hall, count=WINDOWS.get(hall.code, COUNTY_WINDOWS))
        hall_screen_ensure(hall=hall)
        seed_slots(hall=hall)
    return {"halls": halls}
