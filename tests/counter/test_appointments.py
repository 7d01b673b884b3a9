"""Appointments: booking with an SMS, capacity, cancel and move, check-in at the dispenser, reminders, no-shows."""

from datetime import date, time

import pytest
from freezegun import freeze_time

from counter.exceptions import BookingError, SlotFull
from counter.models import Appointment, AppointmentSlot, Ticket
from counter.services import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_move,
    appointments_record_no_shows,
    appointments_remind,
    slot_capacity_set,
    slots_open,
    ticket_call_next,
    ticket_no_show,
    ticket_recall,
)
from tests.counter.conftest import local
from tests.factories import PersonFactory
from workflow.models import OutboundMessage, ServiceType

pytestmark = pytest.mark.django_db

TUESDAY = local(2026, 3, 10, 10)  # "now" in these tests
WEDNESDAY = date(2026, 3, 11)


@pytest.fixture
def service(test_services):
    return ServiceType.objects.get(code="test.timed")


def make_slot(hall, *, day=WEDNESDAY, start=time(9), end=time(9, 30), capacity=2, service=None):
    return AppointmentSlot.objects.create(hall=hall, date=day, starts_at=start, ends_at=end, capacity=capacity,
                                          service=service)


@pytest.fixture
def resident(users):
    return users["resident"]


def book(resident, slot, service, person=None):
    """The resident books for themselves; someone else is booked by a clerk on their behalf."""
    from accounts.models import User

    actor = resident if person is None else User.objects.get(username="clerk")
    with freeze_time(TUESDAY):
        return appointment_book(actor=actor, person=person or resident.person, slot=slot, service=service)


def test_booking_takes_a_place_and_sends_the_code_and_materials_by_sms(hall, service, resident):
    slot = make_slot(hall)
    appointment = book(resident, slot, service)
    slot.refresh_from_db()
    assert slot.booked == 1 and appointment.status == "booked"
    message = OutboundMessage.objects.get(key=f"appointment:{appointment.pk}:booked")
    assert message.phone == resident.person.phone
    assert appointment.formatted_code in message.body and "居民身份证" in message.body
    assert "2026-03-11 09:00" in message.body


def test_the_last_place_cannot_be_booked_twice(hall, service, resident):
    slot = make_slot(hall, capacity=1)
    book(resident, slot, service)
    with pytest.raises(SlotFull):
        book(resident, slot, service, person=PersonFactory())
    slot.refresh_from_db()
    assert slot.booked == 1 and Appointment.objects.filter(slot=slot).count() == 1


def test_a_slot_for_another_business_or_in_the_past_cannot_be_booked(hall, service, resident):
    other = ServiceType.objects.get(code="test.immediate")
    with pytest.raises(BookingError):
        book(resident, make_slot(hall, service=other), service)
    with pytest.raises(BookingError):
        book(resident, make_slot(hall, day=date(2026, 3, 10), start=time(16), end=time(16, 30)), service)
    with pytest.raises(BookingError):
        book(resident, make_slot(hall, day=date(2026, 3, 31)), service)  # more than two weeks ahead
    assert not Appointment.objects.exists()


def test_one_booking_per_person_business_and_day(hall, service, resident):
    book(resident, make_slot(hall), service)
    with pytest.raises(BookingError):
        book(resident, make_slot(hall, start=time(10), end=time(10, 30)), service)


def test_a_resident_books_only_for_themselves(hall, service, resident):
    with freeze_time(TUESDAY), pytest.raises(BookingError):
        appointment_book(actor=resident, person=PersonFactory(), slot=make_slot(hall), service=service)


def test_cancel_frees_the_place_and_says_so(hall, service, resident):
    slot = make_slot(hall, capacity=1)
    appointment = book(resident, slot, service)
    with freeze_time(TUESDAY):
        appointment_cancel(appointment=appointment, actor=resident)
    slot.refresh_from_db()
    assert slot.booked == 0
    assert OutboundMessage.objects.filter(key=f"appointment:{appointment.pk}:cancelled").exists()
    book(resident, slot, service, person=PersonFactory())  # the place is free again


def test_a_begun_appointment_cannot_be_cancelled(hall, service, resident):
    appointment = book(resident, make_slot(hall), service)
    with freeze_time(local(2026, 3, 11, 9, 5)), pytest.raises(BookingError):
        appointment_cancel(appointment=appointment, actor=resident)


def test_move_frees_the_old_place_and_takes_the_new(hall, other_hall, service, resident):
    old, new = make_slot(hall, capacity=1), make_slot(other_hall, start=time(14), end=time(14, 30))
    appointment = book(resident, old, service)
    with freeze_time(TUESDAY):
        appointment_move(appointment=appointment, actor=resident, slot=new)
    old.refresh_from_db()
    new.refresh_from_db()
    appointment.refresh_from_db()
    assert (old.booked, new.booked, appointment.slot, appointment.moves) == (0, 1, new, 1)
    assert OutboundMessage.objects.filter(key=f"appointment:{appointment.pk}:moved:1").exists()


def test_moving_to_a_full_slot_changes_nothing(hall, service, resident):
    old, full = make_slot(hall), make_slot(hall, start=time(10), end=time(10, 30), capacity=1)
    book(resident, full, service, person=PersonFactory())
    appointment = book(resident, old, service)
    with freeze_time(TUESDAY), pytest.raises(SlotFull):
        appointment_move(appointment=appointment, actor=resident, slot=full)
    appointment.refresh_from_db()
    old.refresh_from_db()
    assert appointment.slot == old and appointment.status == "booked" and old.booked == 1


def test_check_in_turns_the_booking_into_an_appointment_ticket(hall, service, resident):
    appointment = book(resident, make_slot(hall, start=time(9), end=time(9, 30)), service)
    with freeze_time(local(2026, 3, 11, 8, 30)):
        ticket = appointment_check_in(hall=hall, code=appointment.formatted_code.lower())
    appointment.refresh_from_db()
    assert ticket.code == "C001" and ticket.category == "appointment" and ticket.appointment == appointment
    assert ticket.slot_start == local(2026, 3, 11, 9) and ticket.person == resident.person
    assert appointment.status == "checked_in" and appointment.checked_in_at == local(2026, 3, 11, 8, 30)
    with freeze_time(local(2026, 3, 11, 8, 31)), pytest.raises(BookingError):
        appointment_check_in(hall=hall, code=appointment.code)  # twice


@pytest.mark.parametrize(("when", "reason"), [
    (local(2026, 3, 11, 7, 59), "too_early"), (local(2026, 3, 11, 9, 31), "too_late"),
    (local(2026, 3, 10, 9, 0), "day"),
])
def test_check_in_only_around_the_slot(hall, service, resident, when, reason):
    appointment = book(resident, make_slot(hall), service)
    with freeze_time(when), pytest.raises(BookingError) as exc:
        appointment_check_in(hall=hall, code=appointment.code)
    assert exc.value.code == reason
    assert not Ticket.objects.exists()


def test_check_in_only_at_the_booked_hall_and_with_a_real_code(hall, other_hall, service, resident):
    appointment = book(resident, make_slot(hall), service)
    with freeze_time(local(2026, 3, 11, 9)):
        for target, code in ((other_hall, appointment.code), (hall, "ZZZZZZZZ"), (hall, "bad")):
            with pytest.raises(BookingError):
                appointment_check_in(hall=target, code=code)


def test_checked_in_appointments_are_called_first_once_their_slot_begins(hall, window2, service, resident, users):
    appointment = book(resident, make_slot(hall), service)
    with freeze_time(local(2026, 3, 11, 8, 50)):
        from counter.services import ticket_issue

        walk_in = ticket_issue(hall=hall)
        booked = appointment_check_in(hall=hall, code=appointment.code)
        assert ticket_call_next(window=window2, actor=users["clerk"]) == walk_in  # slot not begun yet
        ticket_issue(hall=hall)
    with freeze_time(local(2026, 3, 11, 9, 1)):
        assert ticket_call_next(window=window2, actor=users["clerk"], finish_current=True) == booked


def test_a_no_show_at_the_window_is_recorded_on_the_appointment(hall, window2, service, resident, users):
    appointment = book(resident, make_slot(hall), service)
    clerk = users["clerk"]
    with freeze_time(local(2026, 3, 11, 9, 5)):
        ticket = appointment_check_in(hall=hall, code=appointment.code)
        ticket_call_next(window=window2, actor=clerk)
        ticket_recall(ticket=ticket, actor=clerk)
        ticket_recall(ticket=ticket, actor=clerk)
        ticket_no_show(ticket=ticket, actor=clerk)
    appointment.refresh_from_db()
    assert appointment.status == "no_show"


def test_reminders_the_day_before_once_whatever_reruns(hall, service, resident):
    appointment = book(resident, make_slot(hall), service)
    later = book(resident, make_slot(hall, day=date(2026, 3, 12)), service)
    with freeze_time(local(2026, 3, 10, 8)):
        assert appointments_remind() == 0  # not at night
    with freeze_time(local(2026, 3, 10, 18)):
        assert appointments_remind() == 1
        assert appointments_remind() == 0
    keys = set(OutboundMessage.objects.filter(key__contains=":reminder:").values_list("key", flat=True))
    assert keys == {f"appointment:{appointment.pk}:reminder:202603110900"}
    assert not OutboundMessage.objects.filter(key__startswith=f"appointment:{later.pk}:reminder").exists()


def test_appointments_never_checked_in_are_recorded_as_not_kept(hall, service, resident):
    missed = book(resident, make_slot(hall, start=time(9), end=time(9, 30)), service)
    kept = book(resident, make_slot(hall, start=time(9), end=time(9, 30), service=ServiceType.objects.get(
        code="test.immediate")), ServiceType.objects.get(code="test.immediate"), person=PersonFactory())
    with freeze_time(local(2026, 3, 11, 9)):
        appointment_check_in(hall=hall, code=kept.code)
    with freeze_time(local(2026, 3, 11, 9, 59)):
        assert appointments_record_no_shows() == 0  # within the grace
    with freeze_time(local(2026, 3, 11, 10, 0)):
        assert appointments_record_no_shows() == 1
    missed.refresh_from_db()
    kept.refresh_from_db()
    assert missed.status == "no_show" and kept.status == "checked_in"


def test_the_hall_manages_places_never_below_the_booked(hall, service, resident, users, demo):
    from accounts.models import Office
    from tests.factories import StaffFactory

    slot = make_slot(hall, capacity=3)
    book(resident, slot, service)
    book(resident, slot, service, person=PersonFactory())
    head = StaffFactory(office=Office.objects.get(code="BACK-370523"), roles=["office_head"])
    with pytest.raises(BookingError):
        slot_capacity_set(slot=slot, actor=head, capacity=1)
    assert slot_capacity_set(slot=slot, actor=head, capacity=2).capacity == 2
    with pytest.raises(BookingError):
        slot_capacity_set(slot=slot, actor=users["clerk"], capacity=5)  # clerks do not manage slots
    with pytest.raises(BookingError):
        slot_capacity_set(slot=slot, actor=users["head"], capacity=5)  # 河口区's head: not this hall


def test_opening_slots_on_working_days_only_and_idempotently(hall, users):
    leader = users["leader"]
    kwargs = {"hall": hall, "actor": leader, "date_from": date(2026, 4, 3), "date_to": date(2026, 4, 7),
              "opens": time(9), "closes": time(11), "minutes": 30, "capacity": 4}
    # 2026-04-03 is a Friday, 04-04..06 Qingming holidays (and a weekend), 04-07 a Tuesday.
    assert slots_open(**kwargs) == 8
    assert slots_open(**kwargs) == 0
    assert set(AppointmentSlot.objects.filter(hall=hall).values_list("date", flat=True)) == {
        date(2026, 4, 3), date(2026, 4, 7)}


def test_the_scheduled_tasks_are_in_the_beat_schedule_and_run_the_services(hall, service, resident):
    import counter.tasks  # noqa: F401  (registers the tasks, as the worker's autodiscovery does)
    from portal.celery import BEAT_SCHEDULE, app

    mine = {"counter.tasks.appointment_reminders", "counter.tasks.appointment_no_shows", "counter.tasks.close_queues"}
    assert mine <= {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert mine <= set(app.tasks)
    appointment = book(resident, make_slot(hall), service)
    with freeze_time(local(2026, 3, 10, 18)):
        app.tasks["counter.tasks.appointment_reminders"].delay()
    assert OutboundMessage.objects.filter(key__startswith=f"appointment:{appointment.pk}:reminder").count() == 1
    with freeze_time(local(2026, 3, 11, 12)):
        app.tasks["counter.tasks.appointment_no_shows"].delay()
    appointment.refresh_from_db()
    assert appointment.status == "no_show"
