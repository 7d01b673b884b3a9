"""The hall's demo data: windows and screen keys for every hall, slots on the coming working days; idempotent."""

import pytest

from accounts.models import Office
from counter import demo
from counter.models import AppointmentSlot, HallScreen, Window
from workflow.services import work_calendar

pytestmark = pytest.mark.django_db


def _counts():
    return (Window.objects.count(), HallScreen.objects.count(), AppointmentSlot.objects.count(),
            tuple(HallScreen.objects.order_by("pk").values_list("token", flat=True)))


def test_every_hall_gets_windows_screens_and_slots_and_a_second_run_changes_nothing(users):
    demo.seed()
    first = _counts()
    demo.seed()
    assert _counts() == first
    halls = Office.objects.filter(kind=Office.Kind.HALL).exclude(region__level__in=["street", "community"])
    assert HallScreen.objects.count() == halls.count() == 6
    points = Office.objects.filter(kind=Office.Kind.HALL, region__level__in=["street", "community"])
    assert points.count() == 10  # a street's and a community's in each district: one window, no screens, no slots
    assert all(Window.objects.filter(hall=point).count() == demo.POINT_WINDOWS == 1 for point in points)
    assert not AppointmentSlot.objects.filter(hall__in=points).exists()
    assert Window.objects.filter(hall__code="HALL-370523").count() == demo.COUNTY_WINDOWS
    assert Window.objects.filter(hall__code="HALL-370500").count() == 8
    calendar = work_calendar()
    days = set(AppointmentSlot.objects.values_list("date", flat=True))
    assert len(days) == demo.SLOT_DAYS and all(calendar.is_working(d) for d in days)
