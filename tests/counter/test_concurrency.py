"""On PostgreSQL, with real threads and connections: no ticket is called twice or skipped, and the last place of
a slot is booked once."""

from collections import Counter
from datetime import time, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from counter.exceptions import SlotFull
from counter.models import Appointment, AppointmentSlot, Ticket, TicketEvent, Window
from counter.services import appointment_book, ticket_call_next, window_open
from tests.concurrency import run_concurrently
from tests.factories import PersonFactory, StaffFactory
from workflow.models import ServiceType


def fill_queue(hall, count: int) -> list[int]:
    now = timezone.now()
    Ticket.objects.bulk_create([
        Ticket(hall=hall, day=timezone.localdate(now), code=f"A{n:04d}", issued_at=now - timedelta(seconds=count - n))
        for n in range(1, count + 1)
    ])
    return list(Ticket.objects.filter(hall=hall).values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_four_windows_calling_250_times_each_call_every_ticket_exactly_once(postgres, hall, users):
    ticket_ids = fill_queue(hall, 1000)
    clerks = [users["clerk"]] + [StaffFactory(office=hall, roles=["counter_clerk"]) for _ in range(3)]
    windows = [window_open(window=Window.objects.get(hall=hall, number=n + 1), actor=c) for n, c in enumerate(clerks)]

    def window_day(window, clerk):
        return [ticket_call_next(window=window, actor=clerk, finish_current=True).pk for _ in range(250)]

    outcomes = run_concurrently([lambda w=w, c=c: window_day(w, c) for w, c in zip(windows, clerks, strict=True)])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    called = [pk for _, pks in outcomes for pk in pks]
    assert len(called) == 1000 and sorted(called) == sorted(ticket_ids)  # each exactly once, none skipped
    assert not Ticket.objects.filter(hall=hall, status="waiting").exists()
    per_ticket = Counter(TicketEvent.objects.filter(kind="called").values_list("ticket_id", flat=True))
    assert set(per_ticket.values()) == {1} and len(per_ticket) == 1000
    # Every window took its share, and each ticket kept the window and clerk that called it.
    by_window = Counter(Ticket.objects.filter(hall=hall).values_list("window_id", flat=True))
    assert by_window == {w.pk: 250 for w in windows}
    assert ticket_call_next(window=windows[0], actor=clerks[0], finish_current=True) is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_the_last_place_exactly_one_succeeds(postgres, hall, test_services):
    service = ServiceType.objects.get(code="test.timed")
    clerk = User.objects.get(username="clerk")
    day = timezone.localdate() + timedelta(days=2)
    for round_ in range(5):
        slot = AppointmentSlot.objects.create(hall=hall, date=day, starts_at=time(9, round_ * 10),
                                              ends_at=time(9, round_ * 10 + 10), capacity=3, booked=2)
        persons = [PersonFactory() for _ in range(8)]
        outcomes = run_concurrently([lambda p=p, s=slot: appointment_book(actor=clerk, person=p, slot=s,
                                                                          service=service) for p in persons])
        wins = [result for kind, result in outcomes if kind == "ok"]
        assert len(wins) == 1, outcomes
        assert all(isinstance(result, SlotFull) for kind, result in outcomes if kind == "error")
        slot.refresh_from_db()
        assert slot.booked == 3 and Appointment.objects.filter(slot=slot).count() == 1
