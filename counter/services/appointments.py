"""Appointments: the hall opens slots and sets their places; residents book, move and cancel; the dispenser
checks them in; reminders the day before; no-shows recorded. The last place can never be booked twice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Office, Person, User
from counter import rules
from counter.exceptions import BookingError, SlotFull
from counter.models import Appointment, AppointmentSlot, Ticket
from counter.selectors.appointments import is_bookable
from counter.selectors.halls import halls_visible_to
from counter.services.tickets import ticket_issue
from workflow.models import OutboundMessage, ServiceType
from workflow.notifications import SIGNATURE
from workflow.selectors.points import point_accepts
from workflow.services import outbox_enqueue, work_calendar
from workflow.sms import sms_kind_register


def slot_start(slot: AppointmentSlot) -> datetime:
    return timezone.make_aware(datetime.combine(slot.date, slot.starts_at))


def slot_end(slot: AppointmentSlot) -> datetime:
    return timezone.make_aware(datetime.combine(slot.date, slot.ends_at))


def _require_hall_manager(actor: User, hall: Office) -> None:
    if not actor.has_perm("counter.manage_hall") or not halls_visible_to(user=actor).filter(pk=hall.pk).exists():
        raise BookingError(_("You may not manage this hall's appointments."), code="forbidden")


@transaction.atomic
def slots_open(*, hall: Office, actor: User, date_from: date, date_to: date, opens: time, closes: time,
               minutes: int, capacity: int, service: ServiceType | None = None) -> int:
    """Open slots on every working day of a range (existing slots are left as they are); returns how many."""
    _require_hall_manager(actor, hall)
    if not rules.range_ok(date_from, date_to):
        raise BookingError(_("Choose a range of at most three months."), code="range")
    calendar = work_calendar(since=date_from)
    times = rules.slot_times(opens=opens, closes=closes, minutes=minutes)
    days = [date_from + timedelta(days=n) for n in range((date_to - date_from).days + 1)]
    rows = [AppointmentSlot(hall=hall, service=service, date=day, starts_at=start, ends_at=end, capacity=capacity)
            for day in days if calendar.is_working(day) for start, end in times]
    before = AppointmentSlot.objects.filter(hall=hall).count()
    AppointmentSlot.objects.bulk_create(rows, ignore_conflicts=True)
    return AppointmentSlot.objects.filter(hall=hall).count() - before


@transaction.atomic
def slot_capacity_set(*, slot: AppointmentSlot, actor: User, capacity: int) -> AppointmentSlot:
    """Change a slot's places; never below the places already booked."""
    _require_hall_manager(actor, slot.hall)
    if not AppointmentSlot.objects.filter(pk=slot.pk, booked__lte=capacity).update(capacity=capacity):
        booked = AppointmentSlot.objects.values_list("booked", flat=True).get(pk=slot.pk)
        raise BookingError(_("%(n)s places are already booked: the slot cannot have fewer.") % {"n": booked},
                           code="below_booked")
    return AppointmentSlot.objects.get(pk=slot.pk)


def _take_place(slot: AppointmentSlot) -> None:
    """One conditional UPDATE: of two bookings racing for the last place, the second finds none."""
    if not AppointmentSlot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(booked=F("booked") + 1):
        raise SlotFull(_("This slot has just been fully booked. Please choose another."))


def _free_place(slot_id: int) -> None:
    AppointmentSlot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


def _check_bookable(*, slot: AppointmentSlot, service: ServiceType, person: Person, now: datetime) -> None:
    if not is_bookable(service=service, person=person):
        raise BookingError(_("This business cannot be booked."), code="service")
    if slot.service_id not in (None, service.pk) or not slot.hall.is_active:
        raise BookingError(_("This slot is not open for this business."), code="slot")
    if not point_accepts(office=slot.hall, code=service.code):
        raise BookingError(_("%(office)s does not accept this business: please choose a service hall.")
                           % {"office": slot.hall.name}, code="point")
    verdict = rules.booking_verdict(today=timezone.localdate(now), slot_day=slot.date, slot_start=slot_start(slot),
                                    now=now)
    if not verdict.ok:
        raise BookingError(_("Appointments can be booked from tomorrow up to %(days)s days ahead.")
                           % {"days": rules.BOOKING_DAYS_AHEAD}, code=verdict.reason)
    if person.is_deceased:
        raise BookingError(_("This person is recorded as deceased."), code="deceased")
    if Appointment.objects.filter(person=person, slot__date=slot.date, service=service,
                                  status=Appointment.Status.BOOKED).exists():
        raise BookingError(_("You already have an appointment for this business on that day."), code="duplicate")


def _may_act_for(actor: User, person: Person) -> None:
    if actor.kind == User.Kind.RESIDENT and actor.person_id == person.pk:
        return
    if actor.kind == User.Kind.STAFF and actor.has_perm("counter.operate_window"):
        return
    raise BookingError(_("You may not book for this person."), code="forbidden")


def _new_code() -> str:
    while True:
        code = rules.new_booking_code()
        if not Appointment.objects.filter(code=code).exists():
            return code


@transaction.atomic
def appointment_book(*, actor: User, person: Person, slot: AppointmentSlot, service: ServiceType,
                     now: datetime | None = None) -> Appointment:
    """Book a place; the confirmation SMS (with the booking code and the materials) goes in the same transaction."""
    now = now or timezone.now()
    _may_act_for(actor, person)
    slot = AppointmentSlot.objects.select_related("hall").get(pk=slot.pk)
    _check_bookable(slot=slot, service=service, person=person, now=now)
    _take_place(slot)
    appointment = Appointment.objects.create(code=_new_code(), slot=slot, service=service, person=person,
                                             phone=person.phone, booked_by=actor, booked_at=now)
    _notify(appointment, "booked")
    return appointment


def _locked(appointment: Appointment) -> Appointment:
    return (Appointment.objects.select_for_update(of=("self",)).select_related("slot__hall", "service", "person")
            .get(pk=appointment.pk))


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, actor: User, now: datetime | None = None) -> Appointment:
    now = now or timezone.now()
    appointment = _locked(appointment)
    _may_act_for(actor, appointment.person)
    if appointment.status != Appointment.Status.BOOKED or slot_start(appointment.slot) <= now:
        raise BookingError(_("Only an appointment still to come can be cancelled."), code="state")
    appointment.status, appointment.cancelled_at = Appointment.Status.CANCELLED, now
    appointment.save(update_fields=["status", "cancelled_at"])
    _free_place(appointment.slot_id)
    _notify(appointment, "cancelled")
    return appointment


@transaction.atomic
def appointment_move(*, appointment: Appointment, actor: User, slot: AppointmentSlot,
                     now: datetime | None = None) -> Appointment:
    """Move an appointment to another slot (any hall) for the same business; the old place is freed."""
    now = now or timezone.now()
    appointment = _locked(appointment)
    _may_act_for(actor, appointment.person)
    if appointment.status != Appointment.Status.BOOKED or slot_start(appointment.slot) <= now:
        raise BookingError(_("Only an appointment still to come can be moved."), code="state")
    if slot.pk == appointment.slot_id:
        return appointment
    slot = AppointmentSlot.objects.select_related("hall").get(pk=slot.pk)
    old_slot_id = appointment.slot_id
    # Leave the old booking out of the duplicate check while it moves.
    appointment.status = Appointment.Status.CANCELLED
    appointment.save(update_fields=["status"])
    _check_bookable(slot=slot, service=appointment.service, person=appointment.person, now=now)
    _take_place(slot)
    _free_place(old_slot_id)
    appointment.slot, appointment.status, appointment.moves = slot, Appointment.Status.BOOKED, appointment.moves + 1
    appointment.save(update_fields=["slot", "status", "moves"])
    _notify(appointment, "moved", key_suffix=str(appointment.moves))
    return appointment


@transaction.atomic
def appointment_check_in(*, hall: Office, code: str, now: datetime | None = None) -> Ticket:
    """At the dispenser: the booking code turns the appointment into an appointment ticket."""
    now = now or timezone.now()
    code = rules.normalize_booking_code(code)
    appointment = None
    if rules.is_well_formed_booking_code(code):
        appointment = (Appointment.objects.select_for_update(of=("self",)).select_related("slot", "person")
                       .filter(code=code, slot__hall=hall).first())
    if appointment is None or appointment.status == Appointment.Status.CANCELLED:
        raise BookingError(_("No appointment with this code at this hall."), code="unknown")
    if appointment.status == Appointment.Status.CHECKED_IN:
        raise BookingError(_("This appointment has already been checked in."), code="checked_in")
    if appointment.status != Appointment.Status.BOOKED or appointment.slot.date != timezone.localdate(now):
        raise BookingError(_("This appointment is not for today."), code="day")
    slot = appointment.slot
    verdict = rules.check_in_verdict(now=now, slot_start=slot_start(slot), slot_end=slot_end(slot))
    if not verdict.ok:
        message = (_("Too early: check in from an hour before your slot.") if verdict.reason == "too_early"
                   else _("Your slot has passed: please take an ordinary number."))
        raise BookingError(message, code=verdict.reason)
    appointment.status, appointment.checked_in_at = Appointment.Status.CHECKED_IN, now
    appointment.save(update_fields=["status", "checked_in_at"])
    return ticket_issue(hall=hall, category=Ticket.Category.APPOINTMENT, appointment=appointment, now=now)


def appointments_remind(*, now: datetime | None = None) -> int:
    """Queue the day-before reminders (idempotent: one per appointment and slot, whatever reruns)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    if not rules.reminder_due(now_local=local, slot_day=tomorrow):
        return 0
    due = list(Appointment.objects.filter(status=Appointment.Status.BOOKED, slot__date=tomorrow)
               .exclude(phone="").select_related("slot__hall", "service").prefetch_related("service__materials"))
    keys = {a.pk: _reminder_key(a) for a in due}
    sent = set(OutboundMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    count = 0
    for appointment in due:
        if keys[appointment.pk] not in sent:
            with transaction.atomic():
                _notify(appointment, "reminder", key=keys[appointment.pk])
            count += 1
    return count


def _reminder_key(appointment: Appointment) -> str:
    return f"appointment:{appointment.pk}:reminder:{appointment.slot.date:%Y%m%d}{appointment.slot.starts_at:%H%M}"


@transaction.atomic
def appointments_record_no_shows(*, now: datetime | None = None) -> int:
    """Appointments never checked in, their slot ended NO_SHOW_GRACE ago: recorded as not kept."""
    now = now or timezone.now()
    cutoff = timezone.localtime(now - rules.NO_SHOW_GRACE)
    overdue = Q(slot__date__lt=cutoff.date()) | Q(slot__date=cutoff.date(), slot__ends_at__lte=cutoff.time())
    ids = list(Appointment.objects.filter(overdue, status=Appointment.Status.BOOKED).values_list("id", flat=True))
    return Appointment.objects.filter(pk__in=ids).update(status=Appointment.Status.NO_SHOW, no_show_at=now)


APPOINTMENT_SMS = {
    "booked": sms_kind_register("appointment.booked", gettext_lazy(
        "Appointment booked: %(service)s at %(hall)s on %(date)s %(time)s. Booking code %(code)s: check in with it "
        "at the hall's ticket machine. Bring: %(materials)s.")),
    "moved": sms_kind_register("appointment.moved", gettext_lazy(
        "Appointment moved: %(service)s at %(hall)s on %(date)s %(time)s. Booking code %(code)s. Bring: "
        "%(materials)s.")),
    "cancelled": sms_kind_register("appointment.cancelled", gettext_lazy(
        "Your appointment for %(service)s on %(date)s %(time)s (code %(code)s) is cancelled.")),
    "reminder": sms_kind_register("appointment.reminder", gettext_lazy(
        "Reminder: tomorrow %(time)s, %(service)s at %(hall)s. Booking code %(code)s. Bring: %(materials)s.")),
}


def _notify(appointment: Appointment, event: str, *, key: str = "", key_suffix: str = "") -> None:
    slot = appointment.slot
    with translation.override("zh-hans"):
        # .all(): the reminders prefetch the materials of every appointment's service at once.
        materials = "、".join(m.name_zh for m in appointment.service.materials.all()) or _("identity card")
    kind = APPOINTMENT_SMS[event]
    params = {"service": appointment.service.name_zh, "hall": slot.hall.name, "date": f"{slot.date:%Y-%m-%d}",
              "time": f"{slot.starts_at:%H:%M}", "code": appointment.formatted_code, "materials": materials}
    params = {name: value for name, value in params.items() if name in kind.params}
    outbox_enqueue(key=key or f"appointment:{appointment.pk}:{event}" + (f":{key_suffix}" if key_suffix else ""),
                   phone=appointment.phone, body=SIGNATURE + kind.render(params), kind=kind, params=params)
