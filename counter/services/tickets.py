"""The queue: issue a ticket, call the next one atomically, recall, start, transfer, finish, mark a no-show."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Employer, Office, Person, User
from counter import rules
from counter.exceptions import QueueError
from counter.models import Appointment, Ticket, TicketEvent, Window
from counter.selectors.queue import OPEN_STATUSES
from workflow.services import sequence_next


def _log(ticket: Ticket, kind: str, at: datetime, window: Window | None = None, clerk: User | None = None,
         note: str = "") -> None:
    TicketEvent.objects.create(ticket=ticket, kind=kind, at=at, window=window, clerk=clerk, note=note)


@transaction.atomic
def ticket_issue(*, hall: Office, category: str = Ticket.Category.ORDINARY, priority_reason: str = "",
                 appointment: Appointment | None = None, now: datetime | None = None) -> Ticket:
    """Print a number at the hall's dispenser. Numbers restart every day, per hall and kind (A001, B001...)."""
    now = now or timezone.now()
    if hall.kind != Office.Kind.HALL or not hall.is_active:
        raise QueueError(_("Tickets are issued by service halls only."), code="hall")
    if category == Ticket.Category.PRIORITY and priority_reason not in Ticket.PriorityReason.values:
        raise QueueError(_("Say why this ticket has priority."), code="reason")
    if (category == Ticket.Category.APPOINTMENT) != (appointment is not None):
        raise QueueError(_("An appointment ticket needs its appointment."), code="appointment")
    day = timezone.localdate(now)
    number = sequence_next(f"ticket:{hall.pk}:{day:%Y%m%d}:{rules.PREFIX[category]}")
    slot_start = None
    if appointment is not None:
        slot = appointment.slot
        slot_start = timezone.make_aware(datetime.combine(slot.date, slot.starts_at))
    ticket = Ticket.objects.create(
        hall=hall, day=day, code=rules.ticket_code(category, number), category=category,
        priority_reason=priority_reason if category == Ticket.Category.PRIORITY else "", appointment=appointment,
        slot_start=slot_start, issued_at=now, person=appointment.person if appointment else None,
    )
    _log(ticket, TicketEvent.Kind.ISSUED, now)
    return ticket


def _window_for(actor: User, window: Window) -> Window:
    window = Window.objects.select_for_update().get(pk=window.pk)
    if window.clerk_id != actor.pk:
        raise QueueError(_("Sign in at this window first."), code="not_here")
    return window


def _ticket_at(actor: User, ticket: Ticket, statuses=OPEN_STATUSES) -> tuple[Ticket, Window]:
    """The ticket, locked, if it is at the window where the clerk is signed in and in one of `statuses`."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    window = Window.objects.filter(clerk_id=actor.pk).first()
    if window is None or ticket.window_id != window.pk or ticket.status not in statuses:
        raise QueueError(_("Ticket %(code)s is not open at your window.") % {"code": ticket.code}, code="not_here")
    return ticket, window


def _finish(ticket: Ticket, window: Window, actor: User, now: datetime) -> None:
    ticket.status, ticket.finished_at, ticket.clerk = Ticket.Status.DONE, now, actor
    ticket.started_at = ticket.started_at or ticket.last_called_at
    ticket.save(update_fields=["status", "finished_at", "started_at", "clerk"])
    _log(ticket, TicketEvent.Kind.FINISHED, now, window, actor)


def _take_next(*, window: Window, now: datetime) -> Ticket | None:
    """Lock the next ticket for this window, in selectors.queue.waiting_in_calling_order's order, with one
    index-ordered probe per rank instead of sorting the whole queue: transferred here, appointments whose slot
    has begun, priority, then everyone else by time of issue. Rows locked by another window's call are skipped,
    never waited for; the last probe also finds any earlier-ranked ticket whose lock has since been released."""
    waiting = Ticket.objects.filter(hall_id=window.hall_id, day=timezone.localdate(now), status=Ticket.Status.WAITING)
    unassigned = waiting.filter(target_window__isnull=True)
    probes = (
        waiting.filter(target_window_id=window.pk),
        unassigned.filter(category=rules.APPOINTMENT, slot_start__lte=now),
        unassigned.filter(category=rules.PRIORITY),
        unassigned,
    )
    for probe in probes:
        ticket = probe.order_by("issued_at", "id").select_for_update(skip_locked=True).first()
        if ticket is not None:
            return ticket
    return None


@transaction.atomic
def ticket_call_next(*, window: Window, actor: User, finish_current: bool = False,
                     now: datetime | None = None) -> Ticket | None:
    """Give the window the next ticket of its hall's one queue, or None when nobody waits.

    The window row is locked (one call at a time per window); the ticket is taken with
    SELECT ... FOR UPDATE SKIP LOCKED, so concurrent windows never take the same ticket and skip none:
    a ticket locked by a call that rolls back stays waiting and is taken by the next call.
    """
    now = now or timezone.now()
    window = _window_for(actor, window)
    current = Ticket.objects.select_for_update().filter(window=window, status__in=OPEN_STATUSES).first()
    if current is not None:
        if not finish_current:
            raise QueueError(_("Finish ticket %(code)s first.") % {"code": current.code}, code="busy")
        _finish(current, window, actor, now)
    ticket = _take_next(window=window, now=now)
    if ticket is None:
        return None
    ticket.status, ticket.window, ticket.clerk, ticket.target_window = Ticket.Status.CALLED, window, actor, None
    ticket.called_at = ticket.called_at or now
    ticket.last_called_at = now
    ticket.save(update_fields=["status", "window", "clerk", "target_window", "called_at", "last_called_at"])
    _log(ticket, TicketEvent.Kind.CALLED, now, window, actor)
    return ticket


@transaction.atomic
def ticket_recall(*, ticket: Ticket, actor: User, now: datetime | None = None) -> Ticket:
    """Call the same ticket again: the board shows and announces it once more."""
    now = now or timezone.now()
    ticket, window = _ticket_at(actor, ticket, statuses=(Ticket.Status.CALLED,))
    ticket.recalls += 1
    ticket.last_called_at = now
    ticket.save(update_fields=["recalls", "last_called_at"])
    _log(ticket, TicketEvent.Kind.RECALLED, now, window, actor)
    return ticket


@transaction.atomic
def ticket_start(*, ticket: Ticket, actor: User, now: datetime | None = None) -> Ticket:
    """The person has come to the window."""
    now = now or timezone.now()
    ticket, window = _ticket_at(actor, ticket)
    if ticket.status == Ticket.Status.CALLED:
        _start(ticket, window, actor, now)
    return ticket


def _start(ticket: Ticket, window: Window, actor: User, now: datetime) -> None:
    ticket.status = Ticket.Status.SERVING
    ticket.started_at = ticket.started_at or now
    ticket.save(update_fields=["status", "started_at"])
    _log(ticket, TicketEvent.Kind.STARTED, now, window, actor)


@transaction.atomic
def ticket_identify(*, ticket: Ticket, actor: User, person: Person | None = None, employer: Employer | None = None,
                    method: str = Ticket.IdentifiedBy.NUMBER, now: datetime | None = None) -> Ticket:
    """Record whom the window serves on this ticket, and how they were identified; identifying someone means they
    have come."""
    now = now or timezone.now()
    ticket, window = _ticket_at(actor, ticket)
    if person is not None:
        ticket.person = person
    if employer is not None:
        ticket.employer = employer
    ticket.identified_by = method
    ticket.save(update_fields=["person", "employer", "identified_by"])
    if ticket.status == Ticket.Status.CALLED:
        _start(ticket, window, actor, now)
    return ticket


@transaction.atomic
def ticket_transfer(*, ticket: Ticket, actor: User, to_window: Window, note: str = "",
                    now: datetime | None = None) -> Ticket:
    """Send the ticket to another window of the hall, which calls it before anyone else."""
    now = now or timezone.now()
    ticket, window = _ticket_at(actor, ticket)
    if to_window.hall_id != ticket.hall_id or to_window.pk == window.pk or not to_window.is_active:
        raise QueueError(_("Choose another window of this hall."), code="window")
    ticket.status, ticket.target_window = Ticket.Status.WAITING, to_window
    ticket.save(update_fields=["status", "target_window"])
    _log(ticket, TicketEvent.Kind.TRANSFERRED, now, window, actor,
         note=(_("to window %(number)s") % {"number": to_window.number} + f" {note}").strip())
    return ticket


@transaction.atomic
def ticket_finish(*, ticket: Ticket, actor: User, now: datetime | None = None) -> Ticket:
    now = now or timezone.now()
    ticket, window = _ticket_at(actor, ticket)
    _finish(ticket, window, actor, now)
    return ticket


@transaction.atomic
def ticket_no_show(*, ticket: Ticket, actor: User, now: datetime | None = None) -> Ticket:
    """The person did not come after being called and recalled; an appointment counts as not kept."""
    now = now or timezone.now()
    ticket, window = _ticket_at(actor, ticket, statuses=(Ticket.Status.CALLED,))
    if not rules.may_mark_no_show(ticket.recalls):
        raise QueueError(_("Call the number again first (%(n)s times) before marking it as not come.")
                         % {"n": rules.RECALLS_BEFORE_NO_SHOW}, code="recall_first")
    ticket.status, ticket.finished_at, ticket.clerk = Ticket.Status.NO_SHOW, now, actor
    ticket.save(update_fields=["status", "finished_at", "clerk"])
    _log(ticket, TicketEvent.Kind.NO_SHOW, now, window, actor)
    if ticket.appointment_id:
        Appointment.objects.filter(pk=ticket.appointment_id).update(status=Appointment.Status.NO_SHOW, no_show_at=now)
    return ticket


@transaction.atomic
def tickets_expire(*, before: date, now: datetime | None = None) -> int:
    """Close the queues of past days: tickets never called (or called and never served) expire."""
    now = now or timezone.now()
    stale = Ticket.objects.filter(day__lt=before, status__in=(Ticket.Status.WAITING, Ticket.Status.CALLED))
    ids = list(stale.values_list("id", flat=True))
    Ticket.objects.filter(pk__in=ids).update(status=Ticket.Status.EXPIRED)
    TicketEvent.objects.bulk_create([TicketEvent(ticket_id=pk, kind=TicketEvent.Kind.EXPIRED, at=now) for pk in ids])
    # Left "being served" overnight: finished, without a handling time (it is unknown).
    Ticket.objects.filter(day__lt=before, status=Ticket.Status.SERVING).update(status=Ticket.Status.DONE)
    return len(ids)
