"""Reads of appointments: what can be booked where and when, a resident's bookings, a hall's day of bookings."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import Office, Person
from accounts.selectors import POINT_LEVELS
from counter import rules
from counter.models import Appointment, AppointmentSlot
from workflow.models import ServiceType
from workflow.registry import Applicant, Channel
from workflow.selectors.catalogue import catalogue, catalogue_entry
from workflow.services import work_calendar


def bookable_services(*, person: Person) -> list[ServiceType]:
    """Business the person may book an appointment for: what a window accepts from a person for themselves
    (no employer's business) and the domain rules open to them (no unemployment benefit for a pensioner), the
    most used first."""
    return [e.service for e in catalogue(channel=Channel.COUNTER, applicants=[Applicant.PERSON], person=person)]


def is_bookable(*, service: ServiceType, person: Person) -> bool:
    """Whether the person may book this business (the same rule as bookable_services)."""
    return catalogue_entry(channel=Channel.COUNTER, applicants=[Applicant.PERSON], code=service.code,
                           person=person) is not None


def bookable_halls() -> QuerySet[Office]:
    """Every hall; a street or community service point once it has opened slots to come (most have none)."""
    slots_to_come = AppointmentSlot.objects.filter(hall=OuterRef("pk"), date__gt=timezone.localdate())
    return (Office.objects.filter(kind=Office.Kind.HALL, is_active=True)
            .filter(~Q(region__level__in=POINT_LEVELS) | Exists(slots_to_come))
            .select_related("region").order_by("region__path", "code"))


def bookable_days(*, today: date | None = None) -> list[date]:
    """The working days from tomorrow up to BOOKING_DAYS_AHEAD days ahead."""
    today = today or timezone.localdate()
    calendar = work_calendar(since=today)
    days = (today + timedelta(days=n) for n in range(1, rules.BOOKING_DAYS_AHEAD + 1))
    return [d for d in days if calendar.is_working(d)]


def slots_for_booking(*, hall: Office, service: ServiceType, day: date,
                      now: datetime | None = None) -> list[AppointmentSlot]:
    """The hall's slots of a day open to this business (its own or any-business places), by time."""
    now = now or timezone.now()
    slots = (AppointmentSlot.objects.filter(hall=hall, date=day)
             .filter(Q(service=service) | Q(service__isnull=True)).order_by("starts_at", "service_id"))
    local = timezone.localtime(now)
    return [s for s in slots if (s.date, s.starts_at) > (local.date(), local.time())]


def appointments_of(*, person: Person) -> list[Appointment]:
    return list(Appointment.objects.filter(person=person).select_related("slot__hall", "service")
                .order_by("-slot__date", "-slot__starts_at")[:50])


def appointment_of(*, person: Person | None, code: str) -> Appointment | None:
    """A resident's own appointment by its code (anyone else's is not found)."""
    if person is None:
        return None
    code = rules.normalize_booking_code(code)
    return (Appointment.objects.select_related("slot__hall", "service").prefetch_related("service__materials")
            .filter(person=person, code=code).first())


def bookings_of_hall(*, hall: Office, day: date) -> list[Appointment]:
    return list(Appointment.objects.filter(slot__hall=hall, slot__date=day)
                .exclude(status=Appointment.Status.CANCELLED)
                .select_related("slot", "service", "person").order_by("slot__starts_at", "id"))


def slots_of_hall(*, hall: Office, date_from: date, date_to: date) -> list[AppointmentSlot]:
    return list(AppointmentSlot.objects.filter(hall=hall, date__range=(date_from, date_to))
                .select_related("service").order_by("date", "starts_at", "service__code")[:500])
