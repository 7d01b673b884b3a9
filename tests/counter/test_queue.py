"""The queue: numbers per hall and day, the calling order, recall, no-show, transfer, finish, the times kept."""

from datetime import timedelta

import pytest
from freezegun import freeze_time

from counter.exceptions import QueueError
from counter.models import Ticket, TicketEvent, Window
from counter.selectors.queue import hall_queue, people_ahead, waiting_in_calling_order
from counter.services import (
    ticket_call_next,
    ticket_finish,
    ticket_identify,
    ticket_issue,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
    tickets_expire,
    window_close,
    window_open,
)
from tests.counter.conftest import local
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def clerk_at(hall, number, roles=("counter_clerk",)):
    clerk = StaffFactory(office=hall, roles=list(roles))
    return clerk, window_open(window=Window.objects.get(hall=hall, number=number), actor=clerk)


def test_numbers_restart_every_day_per_hall_and_kind(hall, other_hall):
    with freeze_time(local(2026, 3, 10, 9)):
        codes = [ticket_issue(hall=hall).code for _ in range(3)]
        codes.append(ticket_issue(hall=hall, category="priority", priority_reason="elderly").code)
        codes.append(ticket_issue(hall=other_hall).code)
    assert codes == ["A001", "A002", "A003", "B001", "A001"]
    with freeze_time(local(2026, 3, 11, 9)):
        assert ticket_issue(hall=hall).code == "A001"


def test_a_priority_ticket_needs_its_reason(hall):
    with pytest.raises(QueueError):
        ticket_issue(hall=hall, category="priority")
    assert not Ticket.objects.filter(hall=hall).exists()


def test_only_halls_issue_tickets(demo):
    from accounts.models import Office

    with pytest.raises(QueueError):
        ticket_issue(hall=Office.objects.get(code="BACK-370503"))


def test_calling_order_transfers_then_begun_appointments_then_priority_then_first_come(hall, window2, users):
    clerk = users["clerk"]
    with freeze_time(local(2026, 3, 10, 9)):
        first = ticket_issue(hall=hall)
        early_appointment = ticket_issue(hall=hall)
        Ticket.objects.filter(pk=early_appointment.pk).update(category="appointment",
                                                              slot_start=local(2026, 3, 10, 11))
        priority = ticket_issue(hall=hall, category="priority", priority_reason="pregnant")
        appointment = ticket_issue(hall=hall)
        Ticket.objects.filter(pk=appointment.pk).update(category="appointment", slot_start=local(2026, 3, 10, 9, 30))
        last = ticket_issue(hall=hall)
    with freeze_time(local(2026, 3, 10, 9, 40)):
        called = []
        while (ticket := ticket_call_next(window=window2, actor=clerk, finish_current=True)) is not None:
            called.append(ticket.pk)
    assert called == [appointment.pk, priority.pk, first.pk, early_appointment.pk, last.pk]


def test_the_sql_calling_order_agrees_with_the_rule(hall):
    from counter import rules

    now = local(2026, 3, 10, 10)
    with freeze_time(now - timedelta(hours=1)):
        for i in range(12):
            t = ticket_issue(hall=hall, category="priority" if i % 3 == 0 else "ordinary",
                             priority_reason="elderly" if i % 3 == 0 else "")
            if i % 4 == 1:
                Ticket.objects.filter(pk=t.pk).update(category="appointment", slot_start=now + timedelta(minutes=i - 6))
    tickets = list(waiting_in_calling_order(hall_id=hall.pk, day=now.date(), now=now))
    expected = sorted(tickets, key=lambda t: (rules.call_rank(category=t.category, slot_start=t.slot_start, now=now),
                                              t.issued_at, t.pk))
    assert [t.pk for t in tickets] == [t.pk for t in expected]
    assert [people_ahead(ticket=t, now=now) for t in tickets] == list(range(12))


def test_a_call_records_window_clerk_and_times_and_leaves_a_log(hall, window2, users):
    clerk = users["clerk"]
    with freeze_time(local(2026, 3, 10, 9)):
        ticket = ticket_issue(hall=hall)
    with freeze_time(local(2026, 3, 10, 9, 5)):
        ticket_call_next(window=window2, actor=clerk)
    with freeze_time(local(2026, 3, 10, 9, 6)):
        ticket_start(ticket=ticket, actor=clerk)
    with freeze_time(local(2026, 3, 10, 9, 16)):
        ticket_finish(ticket=ticket, actor=clerk)
    ticket.refresh_from_db()
    assert ticket.status == "done" and ticket.window == window2 and ticket.clerk == clerk
    assert (ticket.issued_at, ticket.called_at, ticket.started_at, ticket.finished_at) == (
        local(2026, 3, 10, 9), local(2026, 3, 10, 9, 5), local(2026, 3, 10, 9, 6), local(2026, 3, 10, 9, 16))
    assert list(ticket.events.values_list("kind", flat=True)) == ["issued", "called", "started", "finished"]


def test_a_window_finishes_its_ticket_before_calling_the_next(hall, window2, users):
    ticket_issue(hall=hall)
    ticket_issue(hall=hall)
    first = ticket_call_next(window=window2, actor=users["clerk"])
    with pytest.raises(QueueError):
        ticket_call_next(window=window2, actor=users["clerk"])
    second = ticket_call_next(window=window2, actor=users["clerk"], finish_current=True)
    first.refresh_from_db()
    assert first.status == "done" and second.status == "called"
    assert ticket_call_next(window=window2, actor=users["clerk"], finish_current=True) is None


def test_only_the_clerk_signed_in_at_a_window_calls_from_it(hall, window2, users):
    ticket_issue(hall=hall)
    colleague = StaffFactory(office=hall, roles=["counter_clerk"])
    with pytest.raises(QueueError):
        ticket_call_next(window=window2, actor=colleague)
    with pytest.raises(QueueError):
        window_open(window=window2, actor=colleague)  # taken


def test_a_clerk_of_another_hall_cannot_sit_at_or_call_from_this_halls_windows(hall, other_hall, users):
    ticket = ticket_issue(hall=hall)
    with pytest.raises(QueueError):
        window_open(window=Window.objects.get(hall=hall, number=1), actor=users["clerk2"])
    own = window_open(window=Window.objects.get(hall=other_hall, number=1), actor=users["clerk2"])
    assert ticket_call_next(window=own, actor=users["clerk2"]) is None  # this hall's queue is not theirs
    ticket.refresh_from_db()
    assert ticket.status == "waiting"


def test_recall_then_no_show_only_after_the_recalls(hall, window2, users):
    clerk = users["clerk"]
    ticket_issue(hall=hall)
    ticket = ticket_call_next(window=window2, actor=clerk)
    with pytest.raises(QueueError):
        ticket_no_show(ticket=ticket, actor=clerk)
    ticket_recall(ticket=ticket, actor=clerk)
    ticket = ticket_recall(ticket=ticket, actor=clerk)
    assert ticket.recalls == 2 and ticket.may_mark_no_show
    ticket_no_show(ticket=ticket, actor=clerk)
    ticket.refresh_from_db()
    assert ticket.status == "no_show" and ticket.finished_at is not None
    assert TicketEvent.objects.filter(ticket=ticket, kind="recalled").count() == 2


def test_a_transferred_ticket_goes_to_that_window_first_and_no_other(hall, window2, users):
    clerk = users["clerk"]
    other_clerk, window4 = clerk_at(hall, 4)
    clerk5, window5 = clerk_at(hall, 5)
    with freeze_time(local(2026, 3, 10, 9)):
        moved = ticket_issue(hall=hall)
        waiting = ticket_issue(hall=hall)
    with freeze_time(local(2026, 3, 10, 9, 5)):
        ticket_call_next(window=window2, actor=clerk)
        ticket_start(ticket=moved, actor=clerk)
        ticket_transfer(ticket=moved, actor=clerk, to_window=window4)
        assert ticket_call_next(window=window5, actor=clerk5) == waiting  # window 5 does not take it
        assert ticket_call_next(window=window4, actor=other_clerk) == moved
    moved.refresh_from_db()
    assert moved.window == window4 and moved.clerk == other_clerk and moved.target_window is None
    assert moved.called_at == local(2026, 3, 10, 9, 5)  # the first call stays, for waiting times


def test_transfer_stays_inside_the_hall(hall, other_hall, window2, users):
    ticket_issue(hall=hall)
    ticket = ticket_call_next(window=window2, actor=users["clerk"])
    with pytest.raises(QueueError):
        ticket_transfer(ticket=ticket, actor=users["clerk"], to_window=Window.objects.get(hall=other_hall, number=1))
    with pytest.raises(QueueError):
        ticket_transfer(ticket=ticket, actor=users["clerk"], to_window=window2)


def test_identifying_someone_starts_the_service_and_keeps_whom(hall, window2, users, hekou_person):
    ticket_issue(hall=hall)
    ticket = ticket_call_next(window=window2, actor=users["clerk"])
    ticket_identify(ticket=ticket, actor=users["clerk"], person=hekou_person)
    ticket.refresh_from_db()
    assert ticket.status == "serving" and ticket.person == hekou_person and ticket.started_at is not None


def test_a_clerk_cannot_act_on_a_ticket_of_another_window(hall, window2, users):
    ticket_issue(hall=hall)
    ticket = ticket_call_next(window=window2, actor=users["clerk"])
    colleague, _window = clerk_at(hall, 3)
    for action in (ticket_recall, ticket_finish, ticket_start):
        with pytest.raises(QueueError):
            action(ticket=ticket, actor=colleague)


def test_leaving_a_window_needs_the_ticket_finished(hall, window2, users):
    ticket_issue(hall=hall)
    ticket = ticket_call_next(window=window2, actor=users["clerk"])
    with pytest.raises(QueueError):
        window_close(window=window2, actor=users["clerk"])
    ticket_finish(ticket=ticket, actor=users["clerk"])
    window_close(window=window2, actor=users["clerk"])
    assert Window.objects.get(pk=window2.pk).clerk is None


def test_past_days_queues_are_closed(hall, window2, users):
    with freeze_time(local(2026, 3, 10, 16)):
        never = ticket_issue(hall=hall)
        called = ticket_issue(hall=hall)
        Ticket.objects.filter(pk=called.pk).update(status="called")
    with freeze_time(local(2026, 3, 11, 0, 10)):
        today = ticket_issue(hall=hall)
        assert tickets_expire(before=local(2026, 3, 11, 0, 10).date()) == 2
    assert set(Ticket.objects.filter(pk__in=[never.pk, called.pk]).values_list("status", flat=True)) == {"expired"}
    assert Ticket.objects.get(pk=today.pk).status == "waiting"


def test_the_halls_queue_counts_everyone_waiting_today_and_the_longest_wait(hall, other_hall, window2, users):
    with freeze_time(local(2026, 3, 9, 16)):
        ticket_issue(hall=hall)  # yesterday's ticket is not today's queue
    with freeze_time(local(2026, 3, 10, 9, 0)):
        ticket_issue(hall=hall)
        ticket_call_next(window=window2, actor=users["clerk"])  # the first of the day is at the window
    for minute in (5, 12, 20):
        with freeze_time(local(2026, 3, 10, 9, minute)):
            ticket_issue(hall=hall)
    with freeze_time(local(2026, 3, 10, 9, 1)):
        ticket_issue(hall=other_hall)  # another hall's queue
    queue = hall_queue(hall_id=hall.pk, now=local(2026, 3, 10, 9, 30, 40))
    assert (queue.waiting, queue.longest_wait_minutes, queue.is_long) == (3, 25, False)
    assert hall_queue(hall_id=hall.pk, now=local(2026, 3, 10, 9, 35)).is_long
    empty = hall_queue(hall_id=hall.pk, now=local(2026, 3, 11, 9, 0))
    assert (empty.waiting, empty.longest_wait_minutes, empty.is_long) == (0, 0, False)
